import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assessment } from '../test/fixtures.ts';
import { QuartileBand } from './quartile-band.tsx';

const percent = (v: number | null) => (v === null ? '' : `${v.toFixed(1)}%`);

describe('QuartileBand', () => {
  const second = {
    ...assessment().quartile!,
    band: 2,
    words: 'second quartile',
    rank: 50,
    nextBand: { band: 1, cutPoint: 15, distance: 1.2 },
  };

  it('says the band, the rank and how far the council is from the next band up', () => {
    render(
      <QuartileBand quartile={second} format={percent} councilName="Leicestershire" unit="percent" decimals={1} />,
    );
    expect(screen.getByRole('figure')).toHaveTextContent(
      'National quartile (all councils, 2017/18): Second quartile, ranked 50 of 151; 1.2 percentage points from the top quartile.',
    );
  });

  it('lists the four bands best first and marks the council in its own', () => {
    render(
      <QuartileBand quartile={second} format={percent} councilName="Leicestershire" unit="percent" decimals={1} />,
    );
    const bands = within(screen.getByRole('list', { name: 'Quartiles, best first' })).getAllByRole('listitem');
    expect(bands.map((b) => b.textContent)).toEqual([
      'Top quartile',
      'Second quartile ◆ Leicestershire',
      'Third quartile',
      'Fourth quartile',
    ]);
  });

  it('gives the cut points, and says when the quartile is as a paper published it', () => {
    render(
      <QuartileBand
        quartile={{ ...second, basis: 'published', rank: null, outOf: null, nextBand: null }}
        format={percent}
        councilName="Leicestershire"
        unit="percent"
        decimals={1}
      />,
    );
    expect(screen.getByRole('figure')).toHaveTextContent('National quartile (as published): Second quartile.');
    expect(screen.getByText(/Cut points/)).toHaveTextContent(
      'Cut points (lowest to highest): 5.0%, 15.0%, 19.0%, 23.0%, 40.0%.',
    );
  });
});
