import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assessment, scorecard, scorecardRow } from '../test/fixtures.ts';
import { renderWithRouter } from '../test/router.tsx';
import { ScorecardTables } from './scorecard-tables.tsx';

const rowFor = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;

describe('ScorecardTables (Appendix A)', () => {
  it('groups the indicators by theme, each table named for the council and period', async () => {
    await renderWithRouter(<ScorecardTables card={scorecard([scorecardRow()])} />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Child protection' })).toBeVisible();
    expect(screen.getByRole('table', { name: 'Child protection: Leicestershire, Q1 2018/19' })).toBeInTheDocument();
  });

  it('shows each figure with its parts, direction, RAG in words, quartile and benchmarks with their years', async () => {
    await renderWithRouter(<ScorecardTables card={scorecard([scorecardRow()])} />);
    const row = rowFor('Child protection plans that are a second or subsequent plan');
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      'Q1 2018/19',
      '12.0% (30 of 250)',
      '↓ Better',
      '',
      'Green',
      'Top quartile (2017/18)',
      '18.5% (2017/18)',
      '20.2% (2017/18)',
      'None set',
    ]);
    expect(within(row).getByRole('img', { name: 'Last 2 values: Q4 2017/18 13.5%, Q1 2018/19 12.0%' })).toBeVisible();
  });

  it('links each indicator to its page for the same council and period, in the table and on its phone card', async () => {
    await renderWithRouter(<ScorecardTables card={scorecard([scorecardRow()])} />);
    const links = await screen.findAllByRole('link', {
      name: 'Child protection plans that are a second or subsequent plan',
    });
    // One in the table (wide screens), one on the card (phones): CSS shows one of the two.
    expect(links).toHaveLength(2);
    for (const link of links)
      expect(link).toHaveAttribute('href', '/indicators/cp-repeat-plans?la=855&period=2018-19-Q1');
  });

  it('on a phone card: the name, the value and RAG in words first, then how it compares', async () => {
    await renderWithRouter(<ScorecardTables card={scorecard([scorecardRow()])} />);
    const cardList = await screen.findByRole('list', { name: /Leicestershire/ });
    const item = within(cardList).getByRole('listitem');
    expect(within(item).getByRole('heading', { level: 3 }).textContent).toBe(
      'Child protection plans that are a second or subsequent plan',
    );
    const terms = within(item)
      .getAllByRole('term')
      .map((t) => t.textContent ?? '');
    // Each term, with a "What is this?" explanation beside the ones a councillor may not know.
    expect(terms).toEqual([
      'Period',
      expect.stringMatching(/^Since previous \?What is/),
      expect.stringMatching(/^National quartile \?What is/),
      expect.stringMatching(/^Statistical neighbours \?What is/),
      expect.stringMatching(/^England \?What is/),
      'Target',
    ]);
    expect(within(item).getAllByRole('button', { name: /^What is/ })).toHaveLength(4);
    expect(item.textContent).toMatch(/Green/);
  });

  it('says why a benchmark is missing instead of leaving a blank', async () => {
    const row = scorecardRow({
      figure: { ...scorecardRow().figure, period: { ...scorecardRow().figure.period, label: 'Q4 2017/18' } },
      isNew: false,
      assessment: assessment({ england: null, statNeighbours: null, quartile: null }),
    });
    await renderWithRouter(<ScorecardTables card={scorecard([row])} />);
    const cells = within(rowFor('Child protection plans that are a second or subsequent plan')).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Q4 2017/18 (latest)');
    expect(cells[5]).toHaveTextContent('No benchmark for 2017/18');
    expect(cells[6]).toHaveTextContent('None for 2017/18');
    expect(cells[7]).toHaveTextContent('None for 2017/18');
  });

  it('offers every indicator again when the filters match none', async () => {
    await renderWithRouter(<ScorecardTables card={scorecard([])} />);
    expect(await screen.findByText(/No indicator matches these filters for Q1 2018\/19/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Show every indicator' })).toHaveAttribute(
      'href',
      '/?la=855&period=2018-19-Q1',
    );
  });
});

describe('Not comparable, said why', () => {
  it('gives the reason beside the word', async () => {
    const row = scorecardRow({
      assessment: assessment({
        vsPrevious: {
          direction: null,
          change: null,
          against: { id: '2017-18-Q4', kind: 'financial-quarter', label: 'Q4 2017/18', longLabel: 'Q4 2017/18' },
          reason: 'No direction: there is no figure for Q4 2017/18.',
        },
      }),
    });
    await renderWithRouter(<ScorecardTables card={scorecard([row])} />);
    const cells = await screen.findAllByText(/there is no figure for Q4 2017\/18/);
    // The table and the phone card each say it.
    expect(cells.length).toBe(2);
    expect(cells[0]!.textContent).toBe(' (there is no figure for Q4 2017/18)');
  });
});
