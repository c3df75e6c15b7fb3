import { isWithheldAtSource } from './disclosure-plan.ts';
/**
 * Breakdowns: a figure for one group of the council's children (by age, sex, legal status, placement type
 * or who provides the placement), computed from the council's returns and stored beside the whole figure
 * as `dimension:group`. One list, used by the returns package that computes them, the loader that checks
 * them and the pages that show them.
 */
import { isSmallNumber } from './suppression.ts';
import type { Unit } from './units.ts';

export const BREAKDOWN_DIMENSION_IDS = [
  'age-band',
  'sex',
  'legal-status',
  'placement-type',
  'placement-provider',
] as const;
export type BreakdownDimensionId = (typeof BREAKDOWN_DIMENSION_IDS)[number];

export interface BreakdownGroup {
  group: string;
  label: string;
}

export interface BreakdownDimensionInfo {
  id: BreakdownDimensionId;
  /** "By placement provider": how a page heads the table. */
  label: string;
  groups: readonly BreakdownGroup[];
}

/** The group a unit falls in when its value for the dimension is not known. */
export const UNKNOWN_BREAKDOWN_GROUP: BreakdownGroup = { group: 'unknown', label: 'Not known' };

export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimensionInfo[] = [
  {
    id: 'age-band',
    label: 'By age',
    groups: [
      { group: 'under-1', label: 'Under 1' },
      { group: '1-4', label: 'Aged 1 to 4' },
      { group: '5-9', label: 'Aged 5 to 9' },
      { group: '10-15', label: 'Aged 10 to 15' },
      { group: '16-plus', label: 'Aged 16 and over' },
    ],
  },
  {
    id: 'sex',
    label: 'By sex',
    groups: [
      { group: 'male', label: 'Male' },
      { group: 'female', label: 'Female' },
    ],
  },
  {
    id: 'legal-status',
    label: 'By legal status',
    groups: [
      { group: 'care-order', label: 'On a care order, interim or full (C1, C2)' },
      { group: 'placement-order', label: 'On a placement order or freeing order (E1, D1)' },
      { group: 'accommodated', label: 'Accommodated by agreement under section 20 (V2)' },
      { group: 'youth-justice', label: 'Remanded or on a youth justice order (J1, J2, J3)' },
      { group: 'emergency', label: 'Under police protection or an emergency order (L1, L2, L3)' },
      { group: 'other', label: 'Another legal status' },
    ],
  },
  {
    id: 'placement-type',
    label: 'By type of placement',
    groups: [
      { group: 'foster', label: 'In foster care (U1-U6)' },
      { group: 'adoption', label: 'Placed for adoption (A3-A6)' },
      { group: 'residential', label: "In a children's home, secure unit or other residential setting" },
      { group: 'with-parents', label: 'Placed with parents (P1)' },
      { group: 'independent', label: 'Living independently or semi-independently (P2, P3, H5)' },
      { group: 'other', label: 'A temporary or other placement (T0-T4, Z1, Z11-Z14)' },
    ],
  },
  {
    id: 'placement-provider',
    label: 'By who provides the placement',
    groups: [
      { group: 'own', label: 'Placed by the council itself (PR1)' },
      { group: 'other-la', label: 'Provided by another council (PR2)' },
      { group: 'private', label: 'Provided by a private provider (PR4)' },
      { group: 'voluntary', label: 'Provided by a voluntary or third-sector provider (PR5)' },
      { group: 'other', label: 'Parents or another public body (PR0, PR3)' },
    ],
  },
];

export type BreakdownKey = { dimension: BreakdownDimensionId; group: string };

/** `placement-provider:own`, as stored. */
export function breakdownKey(dimension: BreakdownDimensionId, group: string): string {
  return `${dimension}:${group}`;
}

/** A stored `dimension:group`, or the fault in words (for the loader's message). */
export function parseBreakdown(
  dimension: string,
  group: string,
):
  | { ok: true; key: BreakdownKey; dimension: BreakdownDimensionInfo; group: BreakdownGroup }
  | { ok: false; message: string } {
  const info = BREAKDOWN_DIMENSIONS.find((d) => d.id === dimension);
  if (!info) {
    return {
      ok: false,
      message: `breakdown "${dimension}" is not one of ${BREAKDOWN_DIMENSION_IDS.join(', ')}`,
    };
  }
  const found = [...info.groups, UNKNOWN_BREAKDOWN_GROUP].find((g) => g.group === group);
  if (!found) {
    return {
      ok: false,
      message: `breakdown_group "${group}" is not a group of ${dimension}: ${[...info.groups, UNKNOWN_BREAKDOWN_GROUP]
        .map((g) => g.group)
        .join(', ')}`,
    };
  }
  return { ok: true, key: { dimension: info.id, group: found.group }, dimension: info, group: found };
}

/** The stored key split back into its dimension and group, with their labels; null if it is not one. */
export function readBreakdownKey(stored: string): { dimension: BreakdownDimensionInfo; group: BreakdownGroup } | null {
  const at = stored.indexOf(':');
  if (at < 0) return null;
  const parsed = parseBreakdown(stored.slice(0, at), stored.slice(at + 1));
  return parsed.ok ? { dimension: parsed.dimension, group: parsed.group } : null;
}

export interface BreakdownFigure {
  group: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Which groups of one dimension the public may not see. A group is withheld when its figure is a small
 * number (isWithheldAtSource: a count, a numerator, a denominator or its complement below the threshold, or
 * a percentage of 0 or 100). The whole minus the shown groups is the sum of the withheld ones: with one
 * withheld that gives it back, and with several whose sum is small (0 says every one is 0) it pins them. So
 * whenever any group is withheld, at least one withheld group must not be a small number: if none is, the
 * smallest shown group is withheld too, and the remainder is then at least the threshold, which leaves each
 * small group free to be anything from 0 to the threshold. Every group goes with the whole figure when that
 * is withheld itself. `total` is the whole figure of the same rule.
 */
export function withheldGroups(
  groups: readonly BreakdownFigure[],
  total: { value: number | null; numerator: number | null; denominator: number | null } | null,
  unit: Unit,
  threshold: number,
): Set<string> {
  if (total === null || isSmallNumber(total, unit, threshold)) return new Set(groups.map((g) => g.group));
  const small = (g: BreakdownFigure) => isWithheldAtSource({ ...g, symbol: null }, unit, threshold) !== null;
  const withheld = new Set(groups.filter(small).map((g) => g.group));
  if (withheld.size > 0 && groups.every((g) => !withheld.has(g.group) || small(g))) {
    // The complement: the smallest shown group by its count (or numerator, or denominator).
    const size = (g: BreakdownFigure) => g.denominator ?? g.numerator ?? g.value ?? 0;
    const next = groups.filter((g) => !withheld.has(g.group)).sort((a, b) => size(a) - size(b))[0];
    if (next) withheld.add(next.group);
  }
  return withheld;
}
