import { totalsContaining } from './geography.ts';
import { isSmallNumber } from './suppression.ts';
import type { Unit } from './units.ts';

/**
 * THE PUBLIC VIEW'S DISCLOSURE MODEL for one period: every published cell (each council's figure of each
 * measure, each region's and England's) and the linear relations between them, with primary and
 * secondary suppression chosen over those relations, so that no withheld cell can be worked back from
 * what is shown (in the spirit of Statistics Norway's GaussSuppression). ADR 0017 records the policy;
 * `tools/disclosure-audit` checks it with a linear-programming solver over all bundled data.
 *
 * The relations:
 * - **Totals.** A region's count is the sum of its councils' (London's of Inner and Outer London's), and
 *   England's of every council's.
 * - **Measures of the same children** (`data/lait/measure-relations.csv`): a percentage is 100 x a count
 *   over a whole (children adopted over children who ceased to be looked after); a rate is a count over a
 *   population that is public anyway (ONS), so a rate gives its count back; a part is at most its whole.
 *
 * Primary suppression: a council's figure that is a small number (`isSmallNumber`: a count below the
 * threshold, a ratio whose numerator, denominator or complement is, and a percentage or rate of 0, or a
 * percentage of 100, which says the count or its complement is 0), or that DfE itself suppressed (`c`).
 *
 * Secondary suppression, repeated until nothing changes:
 * 1. a percentage or rate is withheld where its count is, and where its whole is while the count is shown
 *    (count x 100 / percentage gives the whole); a count is withheld where its percentage was withheld for
 *    its complement (whole - count below the threshold) and the whole is shown; a part and its whole are
 *    withheld when the whole minus the part is a small number;
 * 2. a region's or England's count is withheld when any council counted in it is withheld (region minus
 *    the shown councils gives the withheld one back; England minus the other regions a withheld region);
 *    shown, it is rounded to the nearest 10, as DfE publishes national and regional counts;
 * 3. rule 1 again at region and England level, where rounding decides: a region's percentage of a withheld
 *    region count, times the region's whole, gives the count back to within half the percentage's last
 *    place times the whole; the councils withheld in it then sum to within that. The percentage (or rate)
 *    stays only when that leaves them at least the threshold's worth of whole numbers: England's 11% of
 *    80,000 children (give or take 400) stays; a region's 9.5% of 200 goes.
 */

export type MeasureRelation =
  | { kind: 'percentage'; count: string; whole: string; ratio: string; scale: number }
  | { kind: 'rate'; count: string; ratio: string; scale: number }
  | { kind: 'part'; count: string; whole: string };

/** `decimals`: the places a figure is published to (a ratio's rounding is part of what it gives away). */
export type PlanMeasure = { id: string; unit: Unit; decimals?: number };
export type PlanFigure = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** DfE's symbol where there is no value (`c`: suppressed by DfE). */
  symbol: string | null;
};

export type PlanInput = {
  measures: readonly PlanMeasure[];
  relations: readonly MeasureRelation[];
  /** Each measure's figures for the period by place code: councils, regions and England alike. */
  figures: ReadonlyMap<string, ReadonlyMap<string, PlanFigure>>;
  /** Each council's region code (Inner or Outer London for London's boroughs). */
  regionOf: ReadonlyMap<string, string>;
  threshold: number;
};

export type Withheld = 'small' | 'suppressed-by-dfe' | 'related' | 'total';

export type DisclosurePlan = {
  /** Why the public may not see this place's figure of this measure, or null when it may. */
  withheld(measure: string, place: string): Withheld | null;
  /** The figure as the public sees it: null when withheld; a region's or England's count rounded to 10. */
  publicValue(measure: string, place: string): number | null;
};

/** A percentage or rate that says its count, or the count's complement, is 0 (below any threshold). */
function revealsZero(figure: PlanFigure, unit: Unit): boolean {
  if (figure.value === null || figure.numerator !== null) return false;
  if (unit === 'percent') return figure.value === 0 || figure.value === 100;
  if (unit === 'rate-per-1000' || unit === 'rate-per-10000' || unit === 'rate-per-100000') return figure.value === 0;
  return false;
}

/** Primary suppression of one council figure (see above). */
export function isWithheldAtSource(figure: PlanFigure | undefined, unit: Unit, threshold: number): Withheld | null {
  if (!figure) return null;
  if (figure.value === null) return figure.symbol === 'c' ? 'suppressed-by-dfe' : null;
  if (isSmallNumber(figure, unit, threshold) || revealsZero(figure, unit)) return 'small';
  return null;
}

/**
 * Half the last decimal place a published ratio is known to: the places the measure is published to, or
 * more where the figure itself has more (the API gives the stored number, not the rounded words).
 */
export function halfLastPlace(value: number, decimals: number): number {
  const text = String(value);
  const shown = text.includes('e') ? 12 : (text.split('.')[1]?.length ?? 0);
  return 0.5 * 10 ** -Math.max(shown, decimals);
}

/** Rounds a count to the nearest 10, halves up (DfE's practice for national and regional counts). */
export const roundToTen = (value: number) => Math.round(value / 10) * 10;

export function disclosurePlan(input: PlanInput): DisclosurePlan {
  const units = new Map(input.measures.map((m) => [m.id, m.unit]));
  const marks = new Map<string, Withheld>();
  const keyOf = (measure: string, place: string) => `${measure}\u0000${place}`;
  const figure = (measure: string, place: string) => input.figures.get(measure)?.get(place);
  const has = (measure: string, place: string) => figure(measure, place)?.value != null;
  const hidden = (measure: string, place: string) => marks.has(keyOf(measure, place));
  const mark = (measure: string, place: string, why: Withheld) => {
    if (!has(measure, place) && why !== 'suppressed-by-dfe') return false;
    if (hidden(measure, place)) return false;
    marks.set(keyOf(measure, place), why);
    return true;
  };

  const councils = [...input.regionOf.keys()];
  const totals = new Map<string, string[]>();
  for (const code of councils) {
    for (const total of totalsContaining(input.regionOf.get(code)!)) {
      if (!totals.has(total)) totals.set(total, []);
      totals.get(total)!.push(code);
    }
  }

  // Primary suppression.
  for (const m of input.measures) {
    for (const code of councils) {
      const why = isWithheldAtSource(figure(m.id, code), m.unit, input.threshold);
      if (why) marks.set(keyOf(m.id, code), why);
    }
  }

  const decimalsOf = new Map(input.measures.map((m) => [m.id, m.decimals ?? 1]));
  /**
   * At a total whose count is withheld, whether its shown ratio still leaves the withheld councils in it a
   * threshold's worth of whole numbers: their sum lies between the least and the greatest count the rounded
   * ratio allows, less the councils shown.
   */
  const ratioLeavesRoom = (count: string, ratio: string, place: string, perUnit: number | null): boolean => {
    const r = figure(ratio, place)?.value;
    if (r == null || perUnit === null || !(perUnit > 0)) return false;
    const half = halfLastPlace(r, decimalsOf.get(ratio) ?? 1);
    const lo = (r - half) * perUnit;
    const hi = (r + half) * perUnit;
    const shown = (totals.get(place) ?? [])
      .filter((code) => !hidden(count, code))
      .reduce((sum, code) => sum + (figure(count, code)?.value ?? 0), 0);
    return hi - shown >= input.threshold && hi - shown - Math.max(0, lo - shown) >= input.threshold;
  };

  /** Rule 1 (or 3) at one place; true when anything new was withheld. */
  const relate = (place: string): boolean => {
    let changed = false;
    const isTotal = totals.has(place);
    for (const r of input.relations) {
      if (r.kind === 'rate') {
        // A rate's population is public: count per unit of rate is the true count over the true rate.
        const c = figure(r.count, place)?.value;
        const rate = figure(r.ratio, place)?.value;
        const perUnit = c != null && rate ? c / rate : null;
        if (hidden(r.count, place) && !(isTotal && ratioLeavesRoom(r.count, r.ratio, place, perUnit))) {
          changed = mark(r.ratio, place, 'related') || changed;
        }
        continue;
      }
      if (r.kind === 'part') {
        const part = figure(r.count, place)?.value;
        const whole = figure(r.whole, place)?.value;
        if (part != null && whole != null && !hidden(r.count, place) && !hidden(r.whole, place)) {
          const rest = whole - part;
          // The rest is a small number: both go (hiding the part alone leaves it between the whole above
          // and whatever counts are parts of it below).
          if (rest >= 0 && rest < input.threshold) {
            changed = mark(r.count, place, 'related') || changed;
            changed = mark(r.whole, place, 'related') || changed;
          }
        }
        continue;
      }
      const count = hidden(r.count, place);
      const whole = hidden(r.whole, place);
      const ratio = hidden(r.ratio, place);
      // The percentage with its count hidden, or with its whole hidden while the count shows; at a total, a
      // percentage of a withheld count stays where its rounding leaves room (rule 3).
      const roomy =
        isTotal &&
        count &&
        // As if the whole were known, even where it is withheld too (its rate and a public population can
        // give it back).
        ratioLeavesRoom(r.count, r.ratio, place, (figure(r.whole, place)?.value ?? 0) / r.scale);
      if (!ratio && !roomy && (count || (whole && has(r.count, place)))) {
        changed = mark(r.ratio, place, 'related') || changed;
      }
      // A percentage withheld with the count and whole both shown: the count goes (whole - count may be small).
      if (hidden(r.ratio, place) && !count && !whole && has(r.count, place) && has(r.whole, place)) {
        changed = mark(r.count, place, 'related') || changed;
      }
    }
    return changed;
  };

  /** Rule 2: totals of counts with a withheld council in them. */
  const withholdTotals = (): boolean => {
    let changed = false;
    for (const m of input.measures) {
      if (m.unit !== 'count') continue;
      for (const [total, members] of totals) {
        if (members.some((code) => hidden(m.id, code))) changed = mark(m.id, total, 'total') || changed;
      }
    }
    return changed;
  };

  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const code of councils) changed = relate(code) || changed;
    changed = withholdTotals() || changed;
    for (const total of totals.keys()) changed = relate(total) || changed;
    if (!changed) break;
  }

  return {
    withheld: (measure, place) => marks.get(keyOf(measure, place)) ?? null,
    publicValue(measure, place) {
      if (hidden(measure, place)) return null;
      const value = figure(measure, place)?.value ?? null;
      if (value === null) return null;
      return totals.has(place) && units.get(measure) === 'count' ? roundToTen(value) : value;
    },
  };
}

/** The relations that touch a measure, and every measure they reach (its component). */
export function relatedMeasures(
  measure: string,
  relations: readonly MeasureRelation[],
): {
  measures: string[];
  relations: MeasureRelation[];
} {
  const members = (r: MeasureRelation) =>
    r.kind === 'percentage' ? [r.count, r.whole, r.ratio] : r.kind === 'rate' ? [r.count, r.ratio] : [r.count, r.whole];
  const found = new Set([measure]);
  const used = new Set<MeasureRelation>();
  for (let grew = true; grew;) {
    grew = false;
    for (const r of relations) {
      if (used.has(r)) continue;
      const ms = members(r);
      if (ms.some((m) => found.has(m))) {
        used.add(r);
        for (const m of ms) if (!found.has(m)) found.add(m);
        grew = true;
      }
    }
  }
  return { measures: [...found], relations: [...used] };
}
