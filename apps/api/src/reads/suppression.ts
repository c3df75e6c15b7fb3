import type { AssessmentOut, FigureOut, Neighbours, Scorecard, Series } from '@indicate/contracts';
import { suppressedWords } from '@indicate/core';

/**
 * Public read: every figure marked as a small number is withheld (value and counts removed, DfE's symbol
 * `c` in their place), with everything that would let it be worked back out: the size of its change, the
 * numbers in its RAG reason, its rank and distance to the next quartile. Signed-in users get the marks only.
 */

function figure(f: FigureOut, threshold: number): FigureOut {
  if (!f.smallNumber) return f;
  return {
    ...f,
    value: null,
    numerator: null,
    denominator: null,
    symbol: 'c',
    symbolMeaning: suppressedWords(threshold),
    suppressed: true,
  };
}

const HIDDEN = 'The reason is not shown because the figure is a small number.';

function assessment(a: AssessmentOut, small: boolean): AssessmentOut {
  if (!small) return a;
  const direction = (d: AssessmentOut['vsPrevious']) => ({
    ...d,
    change: null,
    reason: d.direction
      ? `${d.direction[0]!.toUpperCase()}${d.direction.slice(1)}; the size of the change is not shown.`
      : d.reason,
  });
  return {
    ...a,
    vsPrevious: direction(a.vsPrevious),
    vsLastYear: direction(a.vsLastYear),
    quartile: a.quartile ? { ...a.quartile, rank: null, outOf: null, nextBand: null, positionInBand: null } : null,
    rag: {
      ...a.rag,
      proposed: { ...a.rag.proposed, reason: /\d/.test(a.rag.proposed.reason) ? HIDDEN : a.rag.proposed.reason },
      override: a.rag.override ? { ...a.rag.override, reason: HIDDEN } : null,
    },
  };
}

export function suppressScorecard(card: Scorecard, threshold: number): Scorecard {
  return {
    ...card,
    rows: card.rows.map((row) => ({
      ...row,
      figure: figure(row.figure, threshold),
      assessment: assessment(row.assessment, row.figure.smallNumber),
      sparkline: row.sparkline.map((p) => (p.smallNumber ? { ...p, value: null } : p)),
    })),
  };
}

export function suppressSeries(series: Series, threshold: number): Series {
  return {
    ...series,
    points: series.points.map((p) => ({
      figure: figure(p.figure, threshold),
      assessment: assessment(p.assessment, p.figure.smallNumber),
    })),
  };
}

export function suppressNeighbours(n: Neighbours): Neighbours {
  const hide = <T extends { value: number | null; symbol: string | null; smallNumber: boolean }>(x: T): T =>
    x.smallNumber ? { ...x, value: null, symbol: 'c' } : x;
  return {
    ...n,
    self: n.self ? hide(n.self) : null,
    selfAtBenchmark: n.selfAtBenchmark ? hide(n.selfAtBenchmark) : null,
    neighbours: n.neighbours.map((x) =>
      x.smallNumber ? { ...hide(x), reason: 'fewer than the suppression threshold' } : x,
    ),
  };
}
