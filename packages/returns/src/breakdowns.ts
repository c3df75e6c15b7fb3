/**
 * Breakdown groups and the one way a figure is built from its units: a count, a percentage or a mean, over
 * all units and again over the units in each group of each dimension (`FigureBuilder`).
 *
 * Placement types follow the SSDA903 PLACE codes: foster U1-U6; placed for adoption A3-A6; residential K1
 * (secure children's homes), K2 (children's homes), K3 (supported accommodation, from 2025), R1 (residential
 * care homes), R2 (NHS or other medical or nursing care), R3 (family centres, mother and baby units), R5
 * (young offender institutions, prisons), S1 (residential schools); with parents P1; independent living P2
 * and semi-independent living H5 (both until 2024) and residential employment P3; other: temporary
 * placements T0-T4 and other placements Z1, Z11-Z14.
 */
import { ageAt, type Day } from './dates.ts';
import type { Breakdown, BreakdownDimension, ComputedFigure, CountedUnit, ReturnsIndicator } from './types.ts';

interface Group {
  group: string;
  label: string;
}

export const GROUPS: Record<BreakdownDimension, readonly Group[]> = {
  'age-band': [
    { group: 'under-1', label: 'Under 1' },
    { group: '1-4', label: 'Aged 1 to 4' },
    { group: '5-9', label: 'Aged 5 to 9' },
    { group: '10-15', label: 'Aged 10 to 15' },
    { group: '16-plus', label: 'Aged 16 and over' },
  ],
  sex: [
    { group: 'male', label: 'Male' },
    { group: 'female', label: 'Female' },
  ],
  'legal-status': [
    { group: 'care-order', label: 'On a care order, interim or full (C1, C2)' },
    { group: 'placement-order', label: 'On a placement order or freeing order (E1, D1)' },
    { group: 'accommodated', label: 'Accommodated by agreement under section 20 (V2)' },
    { group: 'youth-justice', label: 'Remanded or on a youth justice order (J1, J2, J3)' },
    { group: 'emergency', label: 'Under police protection or an emergency order (L1, L2, L3)' },
    { group: 'other', label: 'Another legal status' },
  ],
  'placement-type': [
    { group: 'foster', label: 'In foster care (U1-U6)' },
    { group: 'adoption', label: 'Placed for adoption (A3-A6)' },
    { group: 'residential', label: "In a children's home, secure unit or other residential setting" },
    { group: 'with-parents', label: 'Placed with parents (P1)' },
    { group: 'independent', label: 'Living independently or semi-independently (P2, P3, H5)' },
    { group: 'other', label: 'A temporary or other placement (T0-T4, Z1, Z11-Z14)' },
  ],
  'placement-provider': [
    { group: 'own', label: 'Placed by the council itself (PR1)' },
    { group: 'other-la', label: 'Provided by another council (PR2)' },
    { group: 'private', label: 'Provided by a private provider (PR4)' },
    { group: 'voluntary', label: 'Provided by a voluntary or third-sector provider (PR5)' },
    { group: 'other', label: 'Parents or another public body (PR0, PR3)' },
  ],
};

/** The group a unit falls in when the dimension's value is not known (shown only when it has units). */
export const UNKNOWN_GROUP: Group = { group: 'unknown', label: 'Not known' };

export function ageBand(dob: Day | null, at: Day): string {
  if (dob === null || dob > at) return UNKNOWN_GROUP.group;
  const age = ageAt(dob, at);
  return age < 1 ? 'under-1' : age < 5 ? '1-4' : age < 10 ? '5-9' : age < 16 ? '10-15' : '16-plus';
}

const LEGAL_STATUS: Record<string, string> = {
  C1: 'care-order',
  C2: 'care-order',
  E1: 'placement-order',
  D1: 'placement-order',
  V2: 'accommodated',
  J1: 'youth-justice',
  J2: 'youth-justice',
  J3: 'youth-justice',
  L1: 'emergency',
  L2: 'emergency',
  L3: 'emergency',
};
export const legalStatusGroup = (ls: string) => LEGAL_STATUS[ls] ?? 'other';

export function placementTypeGroup(place: string): string {
  const letter = place[0];
  if (letter === 'U') return 'foster';
  if (letter === 'A') return 'adoption';
  if (place === 'P1') return 'with-parents';
  if (place === 'P2' || place === 'P3' || place === 'H5') return 'independent';
  if (letter === 'K' || letter === 'R' || letter === 'S') return 'residential';
  return 'other';
}

const PROVIDER: Record<string, string> = { PR1: 'own', PR2: 'other-la', PR4: 'private', PR5: 'voluntary' };
export const providerGroup = (provider: string) => PROVIDER[provider] ?? 'other';

/** No groups: a unit outside the denominator needs none (shared, never written to). */
export const NO_GROUPS: Unit['groups'] = Object.freeze({});

/** A unit with the groups it falls in and, for a mean, its score. */
export interface Unit extends CountedUnit {
  groups: Partial<Record<BreakdownDimension, string>>;
  score?: number;
}

export type FigureKind = 'count' | 'percentage' | 'mean';

interface Totals {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

function totalsOf(kind: FigureKind, { inDenominator, sum }: { inDenominator: number; sum: number }): Totals {
  if (kind === 'count') return { value: inDenominator, numerator: inDenominator, denominator: null };
  if (inDenominator === 0) return { value: null, numerator: sum, denominator: 0 };
  return {
    value: kind === 'mean' ? sum / inDenominator : (sum * 100) / inDenominator,
    numerator: sum,
    denominator: inDenominator,
  };
}

export interface FigureSpec {
  indicator: ReturnsIndicator;
  kind: FigureKind;
  rule: string;
  dimensions: readonly BreakdownDimension[];
  /** Why there is no figure when the denominator is empty ("No child looked after at 31/03/2025 ..."). */
  emptyReason: string;
}

/** A reason or a unit's name in words, or how to write it: written only when the units are kept. */
export type Words = string | (() => string);

/** A unit as a rule gives it: its words are written only when the units are kept. */
export interface UnitInput extends Omit<Unit, 'reason' | 'unit'> {
  unit?: Words;
  reason: Words;
}

export const said = (words: Words) => (typeof words === 'string' ? words : words());

/** Running count (or sum of scores) over the units in the denominator. */
interface Tally {
  inDenominator: number;
  sum: number;
}

/**
 * Builds a figure as the rule gives its units one by one: the totals and each group's totals as they come
 * (in the order `buildFigure` takes them, so the figures are the same to the last digit), and the units with
 * their reasons only when `keep` is set. Without them a national computation holds no child-level list.
 */
export class FigureBuilder {
  private readonly tallies: Map<string, Tally>[];
  private readonly total: Tally = { inDenominator: 0, sum: 0 };
  private readonly units: Unit[] | null;

  constructor(
    private readonly spec: FigureSpec,
    keep: boolean,
  ) {
    this.tallies = spec.dimensions.map(() => new Map());
    this.units = keep ? [] : null;
  }

  add(input: UnitInput): void {
    if (this.units) {
      // Spread first so the fields keep the order the rule gave them in.
      const { unit, reason } = input;
      this.units.push({ ...input, ...(unit === undefined ? {} : { unit: said(unit) }), reason: said(reason) } as Unit);
    }
    if (!input.inDenominator) return;
    const value = this.spec.kind === 'mean' ? (input.score ?? 0) : input.inNumerator ? 1 : 0;
    this.total.inDenominator++;
    this.total.sum += value;
    this.spec.dimensions.forEach((dimension, i) => {
      const group = input.groups[dimension] ?? UNKNOWN_GROUP.group;
      const tallies = this.tallies[i] as Map<string, Tally>;
      const tally = tallies.get(group);
      if (tally) {
        tally.inDenominator++;
        tally.sum += value;
      } else tallies.set(group, { inDenominator: 1, sum: value });
    });
  }

  figure(): ComputedFigure {
    const { kind, dimensions } = this.spec;
    const total = totalsOf(kind, this.total);
    const breakdowns: Breakdown[] = [];
    if (total.value !== null) {
      dimensions.forEach((dimension, i) => {
        const tallies = this.tallies[i] as Map<string, Tally>;
        const groups = [...GROUPS[dimension], ...(tallies.has(UNKNOWN_GROUP.group) ? [UNKNOWN_GROUP] : [])];
        for (const { group, label } of groups) {
          breakdowns.push({
            dimension,
            group,
            label,
            ...totalsOf(kind, tallies.get(group) ?? { inDenominator: 0, sum: 0 }),
          });
        }
      });
    }
    return {
      indicator: this.spec.indicator,
      ...total,
      ...(total.value === null ? { reason: this.spec.emptyReason } : {}),
      rule: this.spec.rule,
      breakdowns,
      units: this.units ?? [],
    };
  }
}

/** No figure because a table is absent. */
export function absentFigure(indicator: ReturnsIndicator, rule: string, reason: string): ComputedFigure {
  return { indicator, value: null, numerator: null, denominator: null, reason, rule, breakdowns: [], units: [] };
}
