import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Q4 } from '../test/fixtures.ts';
import { DirectionText } from './direction-text.tsx';

const direction = (d: 'better' | 'worse' | 'similar' | 'higher' | 'lower' | null, change: number | null) => ({
  direction: d,
  change,
  against: Q4,
  reason: '',
});

describe('DirectionText', () => {
  it('says the direction of travel in words', () => {
    render(<DirectionText direction={direction('better', -1.5)} />);
    expect(screen.getByText('Better')).toBeVisible();
  });

  it('draws which way the figure moved, hidden from a screen reader that already has the word', () => {
    const { container } = render(<DirectionText direction={direction('higher', 3)} />);
    expect(container).toHaveTextContent('↑ Higher');
    expect(screen.getByText('↑', { exact: false })).toHaveAttribute('aria-hidden', 'true');
  });

  it('says when there is nothing to compare with', () => {
    render(<DirectionText direction={direction(null, null)} />);
    expect(screen.getByText('Not comparable')).toBeVisible();
  });
});
