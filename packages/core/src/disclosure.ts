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
 * - any change whose other side is hidden, size and word alike (a shown 70 that is "down 9" gives a hidden
 *   79; "similar" to a shown 9 within 5, and below 5, gives 4), and the RAG of a shown figure where it
 *   hangs on that change, or the trend named in its reason;
 * - every rank (ranks count hidden figures: side by side they place each hidden one between two values);
 * - a computed neighbour average when any neighbour it uses is hidden (the mean of ten, times ten, minus
 *   the nine shown gives the tenth; the median or pooled figure can do the same);
 * - the quartile cut points, and the next band's, when one is a hidden figure's value (the lowest and
 *   highest cut points are two LAs' own values, and the middle ones can be);
 * - free text: every figure's note (analysts' notes quote counts: "para 11: two children."), a hidden
 *   figure's source reference (analysts type it too), commentary and override reasons on hidden figures,
 *   and every member of staff's name or email (an override's author, a target's "set by").
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
  /**
   * England's and the region's figures as the public sees them (core's disclosure plan: a count rounded to
   * 10, or withheld, value null, when a council counted in it is withheld); absent when shown as they are.
   */
  england?: { value: number | null };
  region?: { value: number | null };
};

export const NOTHING_HIDDEN: HiddenInputs = {
  figure: false,
  previous: false,
  lastYear: false,
  neighbours: false,
  cutPoints: false,
};

/** A comparator (England, the region) as the public sees it: its public value, or withheld as `c`. */
function publicComparator<C extends { value: number | null; symbol: string | null; symbolMeaning: string | null }>(
  c: C | null,
  shown: { value: number | null } | undefined,
): C | null {
  if (!c || !shown || c.value === null) return c;
  if (shown.value === null) return { ...c, value: null, symbol: 'c', symbolMeaning: WITHHELD.total };
  return { ...c, value: shown.value };
}

/** Who wrote something, as the public sees it: no member of staff is named. */
export const PUBLIC_AUTHOR = 'Council staff';

export const WITHHELD = {
  rag: 'Not shown',
  ragReason: 'The RAG status is not shown because the figure is a small number, and the status could reveal it.',
  ragByTrend:
    'The RAG status is not shown: it depends on the change since the previous figure, which is a small number.',
  quartile: 'Not shown: the figure is a small number, and its quartile could reveal it.',
  neighbours: 'Not shown: one of the neighbours’ figures is a small number, and the average could reveal it.',
  change: 'Not shown: one of the two figures compared is a small number.',
  trend: '(trend not shown: the earlier figure is a small number)',
  sourceRef: 'Not shown: the figure is a small number.',
  related:
    'not shown: with the figures shown beside it (a count, its percentage or rate, a total), it would give back a small number',
  total: 'Not shown: a council counted in this total has a small number, which the total would give back.',
} as const;

/**
 * A change, as the public may see it. Beside a hidden figure nothing of it is shown, not even the word:
 * telling "better" from "similar" from "worse" bounds the hidden figure, and a small count bounded from
 * below by a threshold is often pinned exactly ("similar to 9, within 5" and "below 5" make 4).
 */
export function publicDirection(d: DirectionOut, hidden: boolean): DirectionOut {
  if (!hidden || d.direction === null || d.direction === 'new') return d;
  return { ...d, direction: null, change: null, reason: WITHHELD.change };
}

/**
 * Whether the benchmark rule's status hangs on the trend: "high in the second quartile with an improving
 * trend" is green and "low in the third with a declining trend" red; elsewhere the trend changes nothing.
 */
function ragHangsOnTrend(a: Assessment): boolean {
  const q = a.quartile;
  if (a.rag.proposed.rule !== 'benchmark' || !q || q.basis !== 'computed') return false;
  return (q.band === 2 && q.positionInBand === 'high') || (q.band === 3 && q.positionInBand === 'low');
}

/** One assessed figure as the public may see it, given which of its inputs are hidden. */
export function publicAssessment(a: Assessment, hidden: HiddenInputs): Assessment {
  const out: Assessment = {
    ...a,
    england: publicComparator(a.england, hidden.england),
    region: publicComparator(a.region, hidden.region),
    missing: { ...a.missing },
    vsPrevious: publicDirection(a.vsPrevious, hidden.figure || hidden.previous),
    vsLastYear: publicDirection(a.vsLastYear, hidden.figure || hidden.lastYear),
    rag: {
      ...a.rag,
      override: a.rag.override ? { ...a.rag.override, by: PUBLIC_AUTHOR } : null,
    },
    target: a.target
      ? {
          ...a.target,
          sourceRef: publicSourceRef(a.target.sourceRef),
          // How far a hidden figure is from its target would give the figure back: only the target is said.
          ...(hidden.figure ? { words: a.target.head, standing: null } : {}),
        }
      : null,
  };
  if (hidden.figure) {
    out.quartile = null;
    out.missing.quartile = WITHHELD.quartile;
    out.rag = {
      proposed: {
        ...a.rag.proposed,
        status: 'none',
        label: WITHHELD.rag,
        reason: WITHHELD.ragReason,
        reasonWithoutTrend: null,
      },
      // An override's status would be the RAG again, and its reason is free text about the figure.
      override: null,
      status: 'none',
      label: WITHHELD.rag,
    };
  } else if (hidden.previous) {
    // The change since a hidden figure must not show through the RAG: neither its status, where the
    // status hangs on the trend, nor the trend named in its reason.
    const proposed = ragHangsOnTrend(a)
      ? {
          ...out.rag.proposed,
          status: 'none' as const,
          label: WITHHELD.rag,
          reason: WITHHELD.ragByTrend,
          reasonWithoutTrend: null,
        }
      : { ...out.rag.proposed, reason: out.rag.proposed.reasonWithoutTrend ?? out.rag.proposed.reason };
    const override = out.rag.override;
    out.rag = {
      proposed,
      override,
      status: override ? override.status : proposed.status,
      label: override ? override.label : proposed.label,
    };
  }
  if (out.quartile) {
    // A rank counts every LA better than this one, hidden figures included: ranks of shown figures side by
    // side place each hidden one between two shown values. The public view has no ranks.
    out.quartile = { ...out.quartile, rank: null, outOf: null };
    // The next band's cut point is a cut point too.
    if (hidden.cutPoints) out.quartile = { ...out.quartile, cutPoints: null, nextBand: null };
  }
  if (hidden.neighbours && out.statNeighbours && out.statNeighbours.basis === 'computed') {
    out.statNeighbours = { ...out.statNeighbours, value: null };
    out.missing.statNeighbours = WITHHELD.neighbours;
  }
  return out;
}

/** A target's or figure's source as the public sees it: "set by" names no member of staff. */
export function publicSourceRef(sourceRef: string): string {
  return /^set by /i.test(sourceRef) ? 'Set by the council' : sourceRef;
}

/** The fields of a stored figure that the public view touches. */
type FigureFields = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  symbolMeaning: string | null;
  note: string | null;
  sourceRef: string;
  suppressed: boolean;
};

/** A stored figure as the public may see it: no note ever; a hidden one as DfE's `c`. */
export function publicFigure<F extends FigureFields>(f: F, hidden: boolean, threshold: number): F {
  if (!hidden) return { ...f, note: null, sourceRef: publicSourceRef(f.sourceRef) };
  return {
    ...f,
    value: null,
    numerator: null,
    denominator: null,
    symbol: 'c',
    symbolMeaning: suppressedWords(threshold),
    note: null,
    sourceRef: WITHHELD.sourceRef,
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

/**
 * THE COMMITTEE PACK'S ONE DISCLOSURE POLICY (ADR 0017). A published pack is a public committee paper:
 * councils put it on their website with the agenda. So its body (page, PDF, CSV, Excel: its rows, drafted
 * paragraphs, overview, key messages and breakdowns) is drafted from the public view, and what that view
 * withholds goes to a members-only annex (exempt information, as Schedule 12A of the Local Government Act
 * 1972 lets a committee receive it in private), which is never part of the public paper.
 */
type Change = { direction: string | null; change: number | null };
type AnnexRow = {
  indicator: { id: string };
  figure: { value: number | null; numerator: number | null; denominator: number | null };
  assessment: {
    rag: { status: string };
    quartile: { band: number; cutPoints: unknown } | null;
    england: { value: number | null } | null;
    region: { value: number | null } | null;
    statNeighbours: { value: number | null } | null;
    vsPrevious: Change;
    vsLastYear: Change;
  };
};

/**
 * What the public version of a row leaves out of what a pack prints (the figure, its RAG and quartile,
 * England's figure, the neighbours' average, the changes), in words; empty when it leaves out nothing.
 */
export function withheldFromPaper(open: AnnexRow, full: AnnexRow): string[] {
  const out: string[] = [];
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  if (
    differs(
      [open.figure.value, open.figure.numerator, open.figure.denominator],
      [full.figure.value, full.figure.numerator, full.figure.denominator],
    )
  ) {
    out.push('the figure');
  }
  const a = open.assessment;
  const b = full.assessment;
  if (a.rag.status !== b.rag.status) out.push('its RAG status');
  if ((a.quartile?.band ?? null) !== (b.quartile?.band ?? null)) out.push('its quartile');
  if ((a.england?.value ?? null) !== (b.england?.value ?? null)) out.push("England's figure");
  if ((a.statNeighbours?.value ?? null) !== (b.statNeighbours?.value ?? null)) out.push("the neighbours' average");
  if (differs([a.vsPrevious.direction, a.vsPrevious.change], [b.vsPrevious.direction, b.vsPrevious.change])) {
    out.push('the change since the previous period');
  }
  if (differs([a.vsLastYear.direction, a.vsLastYear.change], [b.vsLastYear.direction, b.vsLastYear.change])) {
    out.push('the change since the same period last year');
  }
  return out;
}

/** The members-only annex: each full row whose public version leaves something out, and what. */
export function membersOnlyAnnex<R extends AnnexRow>(
  openRows: readonly R[],
  fullRows: readonly R[],
): Array<{ row: R; withheld: string[] }> {
  const byId = new Map(openRows.map((r) => [r.indicator.id, r]));
  return fullRows.flatMap((full) => {
    const open = byId.get(full.indicator.id);
    const withheld = open ? withheldFromPaper(open, full) : ['the figure'];
    return withheld.length > 0 ? [{ row: full, withheld }] : [];
  });
}
