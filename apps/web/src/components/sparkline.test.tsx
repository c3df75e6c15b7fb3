import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './sparkline.tsx';

const percent = (v: number) => `${v.toFixed(1)}%`;
const point = (label: string, value: number | null) => ({ id: label, label, value, smallNumber: false });

describe('Sparkline', () => {
  it('is an image whose name lists the same values, oldest first', () => {
    render(
      <Sparkline
        points={[point('Q3 2017/18', 14), point('Q4 2017/18', null), point('Q1 2018/19', 12)]}
        format={percent}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Last 3 values: Q3 2017/18 14.0%, Q4 2017/18 no value, Q1 2018/19 12.0%',
      }),
    ).toBeVisible();
  });

  it('draws nothing from a single value, and says why', () => {
    render(<Sparkline points={[point('Q1 2018/19', 12)]} format={percent} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Only one value so far')).toBeInTheDocument();
  });

  it('says when there are no values', () => {
    render(<Sparkline points={[]} format={percent} />);
    expect(screen.getByText('No values')).toBeInTheDocument();
  });
});
