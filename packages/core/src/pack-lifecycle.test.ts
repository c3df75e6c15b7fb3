import { describe, expect, it } from 'vitest';
import {
  packEditProblem,
  packMoveProblem,
  packReadiness,
  publishBlockers,
  whatChanged,
  type ChangeRow,
} from './pack-lifecycle.ts';

const amberWithout = { label: 'Re-referrals', ragStatus: 'amber' as const, hasCommentary: false };
const redWith = { label: 'CP plans 2+ years', ragStatus: 'red' as const, hasCommentary: true };
const green = { label: 'EET', ragStatus: 'green' as const, hasCommentary: false };

describe('moving a pack', () => {
  it.each([
    ['draft', 'ready', true, [], null],
    ['draft', 'published', true, [], 'invalid_state'],
    ['ready', 'draft', false, [], null],
    ['ready', 'published', true, [redWith, green], null],
    ['ready', 'published', false, [], 'forbidden'],
    ['ready', 'published', true, [amberWithout, redWith], 'commentary_missing'],
    ['published', 'draft', true, [], 'pack_published'],
    ['published', 'ready', true, [], 'pack_published'],
  ] as const)('%s -> %s (may publish: %s): %s', (from, to, mayPublish, paragraphs, expected) => {
    const problem = packMoveProblem({ packId: 7, from, to, mayPublish, paragraphs });
    expect(problem?.code ?? null).toBe(expected);
  });

  it('names the indicators that block publishing', () => {
    const problem = packMoveProblem({
      packId: 7,
      from: 'ready',
      to: 'published',
      mayPublish: true,
      paragraphs: [amberWithout, green],
    });
    expect(problem?.message).toBe(
      "Amber and red indicators need published commentary (a service lead's) before publishing: Re-referrals.",
    );
    expect(publishBlockers([amberWithout, redWith, green])).toEqual([amberWithout]);
  });

  it('freezes a published pack against edits', () => {
    expect(packEditProblem(3, 'published')?.code).toBe('pack_published');
    expect(packEditProblem(3, 'ready')).toBeNull();
  });
});

describe('what changed between two versions', () => {
  const row = (over: Partial<ChangeRow>): ChangeRow => ({
    indicatorId: 'a',
    label: 'A',
    unit: 'percent',
    decimals: 1,
    period: { id: '2018-19-Q1', label: 'Q1 2018/19' },
    value: 10,
    symbol: null,
    symbolMeaning: null,
    ragStatus: 'green',
    ragLabel: 'Green',
    ...over,
  });
  it('lists revised values, RAG changes, new and dropped indicators, each said better or worse', () => {
    const changes = whatChanged(
      [row({ polarity: 'low' }), row({ indicatorId: 'gone', label: 'Gone' })],
      [
        row({ value: 12, ragStatus: 'amber', ragLabel: 'Amber', polarity: 'low' }),
        row({ indicatorId: 'b', label: 'B' }),
      ],
    );
    expect(changes).toEqual([
      {
        indicatorId: 'a',
        label: 'A',
        kind: 'revised',
        before: '10.0% (Q1 2018/19)',
        after: '12.0% (Q1 2018/19)',
        verdict: 'worse',
      },
      { indicatorId: 'a', label: 'A', kind: 'rag', before: 'Green', after: 'Amber', verdict: 'worse' },
      { indicatorId: 'b', label: 'B', kind: 'new', before: null, after: '10.0% (Q1 2018/19)', verdict: null },
      { indicatorId: 'gone', label: 'Gone', kind: 'dropped', before: '10.0% (Q1 2018/19)', after: null, verdict: null },
    ]);
  });

  it('keeps a new period apart from a revision, and a RAG lost for missing data apart from a change', () => {
    const changes = whatChanged(
      [row({ polarity: 'high' }), row({ indicatorId: 'm', label: 'M' })],
      [
        row({ period: { id: '2018-19-Q2', label: 'Q2 2018/19' }, value: 11, polarity: 'high' }),
        row({
          indicatorId: 'm',
          label: 'M',
          value: null,
          symbolMeaning: 'not available',
          ragStatus: 'none',
          ragLabel: 'No RAG',
        }),
      ],
    );
    expect(changes).toEqual([
      {
        indicatorId: 'a',
        label: 'A',
        kind: 'new-figure',
        before: '10.0% (Q1 2018/19)',
        after: '11.0% (Q2 2018/19)',
        verdict: 'better',
      },
      {
        indicatorId: 'm',
        label: 'M',
        kind: 'missing',
        before: '10.0% (Q1 2018/19), Green',
        after: 'not available (Q1 2018/19)',
        verdict: null,
      },
    ]);
  });

  it('lists nothing when nothing changed', () => {
    expect(whatChanged([row({})], [row({})])).toEqual([]);
  });
});

describe('the readiness check before a pack moves on', () => {
  const row = {
    label: 'Re-referrals',
    periodLabel: 'Q2 2026/27',
    ragRule: 'benchmark' as const,
    ragStatus: 'amber' as const,
    benchmarkable: true,
    hasBenchmark: true,
    hasTarget: false,
    movement: null,
  };
  it('blocks a stale draft, and only a stale draft', () => {
    expect(packReadiness({ stale: null, rows: [row] })).toEqual({ blockers: [], warnings: [] });
    const stale = packReadiness({ stale: 'Load 12, which gave its figures, was undone.', rows: [row] });
    expect(stale.blockers).toEqual([
      'Load 12, which gave its figures, was undone. Refresh the pack from the data before making it ready or publishing it.',
    ]);
  });
  it('names rows without a benchmark or target, and figures that moved more than usual', () => {
    const r = packReadiness({
      stale: null,
      rows: [
        { ...row, hasBenchmark: false, ragStatus: 'none' },
        { ...row, label: 'Return interviews', ragRule: 'target', benchmarkable: false, ragStatus: 'none' },
        { ...row, label: 'CP reviews', movement: 'moved from 80 to 95 since the previous period' },
      ],
    });
    expect(r.blockers).toEqual([]);
    expect(r.warnings).toEqual([
      "Re-referrals (Q2 2026/27) has no national benchmark: load DfE's figures or type them as published.",
      'Return interviews (Q2 2026/27) is judged against a target and has none: set one, so it has a RAG status.',
      'CP reviews (Q2 2026/27) moved from 80 to 95 since the previous period: explain it in the commentary.',
    ]);
  });
});
