import type { Assessment, DirectionOut } from './assessment.ts';
import { suppressedWords } from './suppression.ts';

/**
 * Disclosure control for the public view (public read, no sign-in): what an anonymous visitor may see of
 * figures about vulnerable children. Primary suppression hides every small number (`isSmallNumber`).
 * Secondary suppression hides whatever would let a hidden figure be worked back out of what is shown:
 *
 * - a hidden figure's value, numerator, denominator and note, and everything derived from it: the size of
 *   its changes, its quartile band, rank, position in the band and distance to the next band, its RAG
 *   status and reason (a band or a RAG can pin a value: the top band when the lowest value and the first
 *   cut point are both 0; Green against a target of 0);
 * - the size of any change whose other side is hidden (a shown 70 that is "down 9" gives a hidden 79), and
 *   "similar"/"same" against a hidden figure (with a threshold of 0 it means "equal");
 * - a computed neighbour average when any neighbour it uses is hidden (the mean of ten, times ten, minus
 *   the nine shown gives the tenth; the median or pooled figure can do the same);
 * - the quartile cut points when one of them is a hidden figure's value (the lowest and highest cut points
 *   are two LAs' own values, and the middle ones can be);
 * - free text: every figure's note (analysts' notes quote counts: "para 11: two children."), commentary
 *   and override reasons on hidden figures, and every member of staff's name or email.
 * Counts built from the rows (the overview) are made from what this leaves, never from the true rows.
 * docs/decisions/0009-access-and-disclosure.md records the policy.
 */

/** Which inputs of one assessed figure are hidden from the public. */
export type HiddenInputs = {
  /** The figure itself is a small number. */
  figure: boolean;
  /** The figure the change since the previous period is measured against. */
  previous: boolean;
  /** The figure the change since the same period last year is measured against. */
  lastYear: boolean;
  /** Any neighbour figure that the computed neighbour average uses. */
  neighbours: boolean;
  /** One of the quartile cut points equals a hidden LA figure's value. */
  cutPoints: boolean;
};

export const NOTHING_HIDDEN: HiddenInputs = {
  figure: false,
  previous: false,
  lastYear: false,
  neighbours: false,
  cutPoints: false,
};

/** Who wrote something, as the public sees it: no member of staff is named. */
export const PUBLIC_AUTHOR = 'Council staff';

export const WITHHELD = {
  rag: 'Not shown',
  ragReason: 'The RAG status is not shown because the figure is a small number, and the status could reveal it.',
  quartile: 'Not shown: the figure is a small number, and its quartile could reveal it.',
  neighbours: 'Not shown: one of the neighbours’ figures is a small number, and the average could reveal it.',
  change: 'the size of the change is not shown because a small number is involved',
  similar: 'Not shown: one of the two figures compared is a small number.',
  trend: 'trend not shown: the earlier figure is a small number',
} as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A change, as the public may see it. Strictly better or worse, higher or lower stays (it is only an
 * inequality); its size goes; "similar" or "same" goes (it is nearly, or exactly, an equality).
 */
export function publicDirection(d: DirectionOut, hidden: boolean): DirectionOut {
  if (!hidden || d.direction === null || d.direction === 'new') return d;
  if (d.direction === 'similar' || d.direction === 'same') {
    return { ...d, direction: null, change: null, reason: WITHHELD.similar };
  }
  return { ...d, change: null, reason: `${capitalise(d.direction)}; ${WITHHELD.change}.` };
}

/** One assessed figure as the public may see it, given which of its inputs are hidden. */
export function publicAssessment(a: Assessment, hidden: HiddenInputs): Assessment {
  const out: Assessment = {
    ...a,
    missing: { ...a.missing },
    vsPrevious: publicDirection(a.vsPrevious, hidden.figure || hidden.previous),
    vsLastYear: publicDirection(a.vsLastYear, hidden.figure || hidden.lastYear),
    rag: {
      ...a.rag,
      override: a.rag.override ? { ...a.rag.override, by: PUBLIC_AUTHOR } : null,
    },
  };
  if (hidden.figure) {
    out.quartile = null;
    out.missing.quartile = WITHHELD.quartile;
    out.rag = {
      proposed: { ...a.rag.proposed, status: 'none', label: WITHHELD.rag, reason: WITHHELD.ragReason },
      // An override's status would be the RAG again, and its reason is free text about the figure.
      override: null,
      status: 'none',
      label: WITHHELD.rag,
    };
  } else if (
    hidden.previous &&
    a.vsPrevious.direction !== null &&
    ['similar', 'same'].includes(a.vsPrevious.direction)
  ) {
    // The benchmark rule's reason names the trend; "similar" to a hidden figure must not be read there.
    out.rag = {
      ...out.rag,
      proposed: {
        ...out.rag.proposed,
        reason: out.rag.proposed.reason.replace(/trend: (similar|same)/, WITHHELD.trend),
      },
    };
  }
  if (out.quartile && hidden.cutPoints) out.quartile = { ...out.quartile, cutPoints: null };
  if (hidden.neighbours && out.statNeighbours && out.statNeighbours.basis === 'computed') {
    out.statNeighbours = { ...out.statNeighbours, value: null };
    out.missing.statNeighbours = WITHHELD.neighbours;
  }
  return out;
}

/** The fields of a stored figure that the public view touches. */
type FigureFields = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  symbolMeaning: string | null;
  note: string | null;
  suppressed: boolean;
};

/** A stored figure as the public may see it: no note ever; a hidden one as DfE's `c`. */
export function publicFigure<F extends FigureFields>(f: F, hidden: boolean, threshold: number): F {
  if (!hidden) return { ...f, note: null };
  return {
    ...f,
    value: null,
    numerator: null,
    denominator: null,
    symbol: 'c',
    symbolMeaning: suppressedWords(threshold),
    note: null,
    suppressed: true,
  };
}

/** True when one of the cut points is the value of a hidden figure (within rounding noise). */
export function cutPointsRevealHidden(
  cutPoints: { min: number; q25: number; q50: number; q75: number; max: number } | null,
  hiddenValues: readonly number[],
): boolean {
  if (!cutPoints || hiddenValues.length === 0) return false;
  const points = [cutPoints.min, cutPoints.q25, cutPoints.q50, cutPoints.q75, cutPoints.max];
  return hiddenValues.some((v) => points.some((p) => Math.abs(p - v) < 1e-9));
}

type ShownValue = { value: number | null; symbol: string | null; smallNumber: boolean };

/** The neighbours bar chart's numbers, as the public may see them. */
export type NeighbourComparison = {
  self: (ShownValue & object) | null;
  selfAtBenchmark: ShownValue | null;
  aggregate: { value: number | null; basis: 'computed' | 'published'; reason: string | null };
  neighbours: Array<ShownValue & { reason: string | null }>;
};

/**
 * The neighbour comparison for the public: hidden figures as `c`, and a computed average withheld when
 * any neighbour's figure is hidden (it would give that figure back).
 */
export function publicNeighbourComparison<N extends NeighbourComparison>(n: N, threshold: number): N {
  const hide = <T extends ShownValue>(x: T): T => (x.smallNumber ? { ...x, value: null, symbol: 'c' } : x);
  const anyHidden = n.neighbours.some((x) => x.smallNumber && x.value !== null);
  return {
    ...n,
    self: n.self ? hide(n.self) : null,
    selfAtBenchmark: n.selfAtBenchmark ? hide(n.selfAtBenchmark) : null,
    aggregate:
      anyHidden && n.aggregate.basis === 'computed'
        ? { ...n.aggregate, value: null, reason: WITHHELD.neighbours }
        : n.aggregate,
    neighbours: n.neighbours.map((x) => (x.smallNumber ? { ...hide(x), reason: suppressedWords(threshold) } : x)),
  };
}
