import { formatChange, formatDifference, formatFigure } from './format.ts';
import type { Unit } from './units.ts';

/**
 * The committee pack's words, drafted from the data. A paragraph is a list of segments: plain text, or a
 * number with where it came from, so every figure in a draft can be traced to the stored observation (or
 * benchmark) behind it. Pure: takes a scorecard row's shape, returns segments.
 */

export type NumberSource = {
  /** What the number is: the council's figure, a benchmark, a target. */
  what: 'figure' | 'numerator' | 'previous' | 'england' | 'neighbours' | 'target' | 'cut-point' | 'count';
  indicatorId: string;
  periodId: string;
  /** The load that wrote it, where it is a stored observation. */
  loadId: number | null;
  sourceRef: string | null;
  basis: string | null;
};

export type Segment = { text: string } | { number: string; source: NumberSource };

type Figure = {
  period: { id: string; label: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  sourceRef: string;
  loadId: number;
  smallNumber: boolean;
  symbolMeaning: string | null;
};

type Comparator = { value: number | null; period: { id: string; label: string }; basis: string; sourceRef: string };

export type NarrativeRow = {
  indicator: { id: string; label: string; shortLabel: string; unit: Unit; decimals: number; polarity: string };
  figure: Figure;
  assessment: {
    england: Comparator | null;
    statNeighbours: {
      value: number | null;
      basis: string;
      method: string;
      period: { id: string; label: string };
      sourceRef: string | null;
    } | null;
    quartile: {
      band: number;
      words: string;
      basis: string;
      period: { id: string; label: string };
      nextBand: { band: number; cutPoint: number; distance: number } | null;
    } | null;
    target: { value: number; sourceRef: string } | null;
    vsPrevious: { direction: string | null; change: number | null; against: { id: string; label: string } };
    rag: {
      status: string;
      label: string;
      proposed: { reason: string };
      override: { reason: string } | null;
    };
  };
  /** The previous period's stored figure, for "six more children than quarter 4". */
  previous?: { value: number | null; numerator: number | null; loadId: number; sourceRef: string } | null;
};

const BAND_WORDS = ['top', 'second', 'third', 'fourth'];

function num(row: NarrativeRow, value: number, source: Omit<NumberSource, 'indicatorId'>): Segment {
  return {
    number: formatFigure(value, row.indicator.unit, row.indicator.decimals),
    source: { indicatorId: row.indicator.id, ...source },
  };
}

/** A distance between two figures (to a cut point): in percentage points for a percentage. */
function difference(row: NarrativeRow, value: number, source: Omit<NumberSource, 'indicatorId'>): Segment {
  return {
    number: formatDifference(value, row.indicator.unit, row.indicator.decimals),
    source: { indicatorId: row.indicator.id, ...source },
  };
}

function count(row: NarrativeRow, value: number, source: Omit<NumberSource, 'indicatorId'>): Segment {
  return { number: value.toLocaleString('en-GB'), source: { indicatorId: row.indicator.id, ...source } };
}

export function draftParagraph(row: NarrativeRow, laName: string): Segment[] {
  const f = row.figure;
  const a = row.assessment;
  const unit = row.indicator.unit;
  const own = { periodId: f.period.id, loadId: f.loadId, sourceRef: f.sourceRef, basis: 'council' };
  const out: Segment[] = [{ text: `${row.indicator.label}: ` }];

  if (f.value === null) {
    out.push({ text: `no figure can be shown for ${f.period.label} (${f.symbolMeaning ?? 'not available'}).` });
    return out;
  }
  out.push({ text: `${f.period.label} ` }, num(row, f.value, { what: 'figure', ...own }));
  if (f.numerator !== null && unit !== 'count') {
    out.push({ text: ' (' }, count(row, f.numerator, { what: 'numerator', ...own }));
    if (f.denominator !== null) out.push({ text: ' of ' }, count(row, f.denominator, { what: 'numerator', ...own }));
    out.push({ text: ')' });
  }
  if (f.status === 'provisional') out.push({ text: ' (provisional)' });
  if (f.smallNumber) out.push({ text: ' (small number: not shown in the public version)' });
  out.push({ text: '.' });

  // Against the previous period, in words that respect polarity.
  const d = a.vsPrevious;
  const prev = row.previous;
  if (d.direction && d.direction !== 'new' && prev && prev.value !== null) {
    const prevSource = {
      what: 'previous' as const,
      periodId: d.against.id,
      loadId: prev.loadId,
      sourceRef: prev.sourceRef,
      basis: 'council',
    };
    const judgement: Record<string, string> = {
      better: 'an improvement on',
      worse: 'a decline from',
      similar: 'similar to',
      same: 'the same as',
      higher: 'higher than',
      lower: 'lower than',
    };
    out.push(
      { text: ` This is ${judgement[d.direction] ?? 'compared with'} ${d.against.label} (` },
      num(row, prev.value, prevSource),
    );
    if (d.change !== null && d.change !== 0)
      out.push({ text: `, ${formatChange(d.change, unit, row.indicator.decimals)}` });
    out.push({ text: ')' });
    if (f.numerator !== null && prev.numerator !== null && unit !== 'count' && f.numerator !== prev.numerator) {
      const difference = f.numerator - prev.numerator;
      out.push({ text: ': ' }, count(row, Math.abs(difference), { what: 'count', ...own }), {
        text: ` ${difference > 0 ? 'more' : 'fewer'} than in ${d.against.label}`,
      });
    }
    out.push({ text: '.' });
  } else if (d.direction === 'new') {
    out.push({ text: ' There is no earlier figure to compare with.' });
  }

  // National quartile and the distance to the next band.
  if (a.quartile) {
    out.push({ text: ` This places ${laName} in the ${a.quartile.words} nationally` });
    if (a.quartile.basis === 'published') out.push({ text: ' (as published)' });
    else if (a.quartile.nextBand) {
      out.push(
        { text: ' (' },
        difference(row, a.quartile.nextBand.distance, {
          what: 'cut-point',
          periodId: a.quartile.period.id,
          loadId: null,
          sourceRef: `all councils' ${a.quartile.period.label} figures`,
          basis: 'computed',
        }),
        { text: ` outside the ${BAND_WORDS[a.quartile.nextBand.band - 1]} quartile, ${a.quartile.period.label})` },
      );
    } else out.push({ text: ` (${a.quartile.period.label})` });
    out.push({ text: '.' });
  }

  // Statistical neighbours and England, each with its own year.
  const comparisons: Segment[][] = [];
  if (a.statNeighbours?.value != null) {
    const sn = a.statNeighbours;
    comparisons.push([
      { text: 'the statistical neighbour average is ' },
      num(row, sn.value!, {
        what: 'neighbours',
        periodId: sn.period.id,
        loadId: null,
        sourceRef: sn.sourceRef ?? `mean of ten neighbours' DfE figures`,
        basis: sn.basis,
      }),
      { text: ` (${sn.basis === 'published' ? 'as published' : sn.period.label})` },
    ]);
  }
  if (a.england?.value != null) {
    comparisons.push([
      { text: 'England is ' },
      num(row, a.england.value, {
        what: 'england',
        periodId: a.england.period.id,
        loadId: null,
        sourceRef: a.england.sourceRef,
        basis: a.england.basis,
      }),
      { text: ` (${a.england.period.label})` },
    ]);
  }
  if (comparisons.length) {
    out.push({ text: ' By comparison, ' });
    comparisons.forEach((c, i) => {
      if (i > 0) out.push({ text: ' and ' });
      out.push(...c);
    });
    out.push({ text: '.' });
  }

  if (a.target) {
    out.push(
      { text: ' The target is ' },
      num(row, a.target.value, {
        what: 'target',
        periodId: f.period.id,
        loadId: null,
        sourceRef: a.target.sourceRef,
        basis: 'target',
      }),
      { text: '.' },
    );
  }
  if (a.rag.status !== 'none') {
    out.push({ text: ` RAG: ${a.rag.label}. ${a.rag.override?.reason ?? a.rag.proposed.reason}` });
  }
  return out;
}

export function segmentsText(segments: Segment[]): string {
  return segments.map((s) => ('text' in s ? s.text : s.number)).join('');
}
