import { describe, expect, it } from 'vitest';
import {
  disclosurePlan,
  relatedMeasures,
  roundToTen,
  type MeasureRelation,
  type PlanFigure,
} from './disclosure-plan.ts';

const f = (value: number | null, symbol: string | null = null): PlanFigure => ({
  value,
  numerator: null,
  denominator: null,
  symbol,
});

/** Two regions of two councils, one Inner London borough, and England. */
const regionOf = new Map([
  ['101', 'E12000001'],
  ['102', 'E12000001'],
  ['201', 'E12000002'],
  ['202', 'E12000002'],
  ['301', 'E13000001'],
]);

function figures(values: Record<string, Record<string, number | null>>) {
  return new Map(
    Object.entries(values).map(([m, byPlace]) => [m, new Map(Object.entries(byPlace).map(([p, v]) => [p, f(v)]))]),
  );
}

describe('disclosurePlan', () => {
  it('withholds a region’s and England’s count when a council in them is small, and rounds the others to 10', () => {
    const plan = disclosurePlan({
      measures: [{ id: 'ceased-ehc', unit: 'count' }],
      relations: [],
      figures: figures({
        'ceased-ehc': {
          '101': 1,
          '102': 6916,
          '201': 40,
          '202': 53,
          '301': 12,
          E12000001: 6917,
          E12000002: 93,
          E13000001: 12,
          E12000007: 12,
          E92000001: 7022,
        },
      }),
      regionOf,
      threshold: 5,
    });
    // Isle of Wight's attack: 6,917 - 6,916 = 1.
    expect(plan.withheld('ceased-ehc', '101')).toBe('small');
    expect(plan.withheld('ceased-ehc', 'E12000001')).toBe('total');
    expect(plan.publicValue('ceased-ehc', 'E12000001')).toBeNull();
    expect(plan.withheld('ceased-ehc', 'E92000001')).toBe('total');
    expect(plan.publicValue('ceased-ehc', '102')).toBe(6916);
    expect(plan.publicValue('ceased-ehc', 'E12000002')).toBe(90);
    expect(plan.publicValue('ceased-ehc', 'E13000001')).toBe(10);
  });

  it('withholds Inner London and London with a hidden Inner London borough', () => {
    const plan = disclosurePlan({
      measures: [{ id: 'n', unit: 'count' }],
      relations: [],
      figures: figures({ n: { '101': 10, '102': 10, '201': 10, '202': 10, '301': 2, E13000001: 2, E12000007: 2 } }),
      regionOf,
      threshold: 5,
    });
    expect(plan.withheld('n', 'E13000001')).toBe('total');
    expect(plan.withheld('n', 'E12000007')).toBe('total');
    expect(plan.withheld('n', 'E12000001')).toBeNull();
  });

  it('withholds a percentage of a withheld count, a 0% and 100%, and a count whose percentage hid its complement', () => {
    const relations: MeasureRelation[] = [
      { kind: 'percentage', count: 'adopted', whole: 'ceased', ratio: 'pct-adopted', scale: 100 },
      { kind: 'rate', count: 'cic', ratio: 'cic-rate', scale: 10_000 },
    ];
    const plan = disclosurePlan({
      measures: [
        { id: 'adopted', unit: 'count' },
        { id: 'ceased', unit: 'count' },
        { id: 'pct-adopted', unit: 'percent' },
        { id: 'cic', unit: 'count' },
        { id: 'cic-rate', unit: 'rate-per-10000' },
      ],
      relations,
      figures: figures({
        // City of London's 2 of 10 (20%): 20% x 10 = 2.
        adopted: { '101': 2, '102': 30, '201': 12, '202': 0 },
        ceased: { '101': 10, '102': 100, '201': 12, '202': 40 },
        'pct-adopted': { '101': 20, '102': 30, '201': 100, '202': 0 },
        cic: { '101': 3, '102': 300 },
        'cic-rate': { '101': 14, '102': 60 },
      }),
      regionOf,
      threshold: 5,
    });
    expect(plan.withheld('pct-adopted', '101')).toBe('related');
    // 0% says 0 adopted (the count is small anyway).
    expect(plan.withheld('pct-adopted', '202')).toBe('small');
    // 100% of 12: the 12 adopted would say none was not: the count goes.
    expect(plan.withheld('pct-adopted', '201')).toBe('small');
    expect(plan.withheld('adopted', '201')).toBe('related');
    expect(plan.withheld('ceased', '201')).toBeNull();
    expect(plan.withheld('cic-rate', '101')).toBe('related');
    expect(plan.withheld('cic-rate', '102')).toBeNull();
    expect(plan.withheld('pct-adopted', '102')).toBeNull();
  });

  it('withholds a part and its whole when the whole minus the part is small', () => {
    const plan = disclosurePlan({
      measures: [
        { id: 'plans', unit: 'count' },
        { id: 'plans-3-months', unit: 'count' },
      ],
      relations: [{ kind: 'part', count: 'plans-3-months', whole: 'plans' }],
      figures: figures({ plans: { '101': 20, '102': 200 }, 'plans-3-months': { '101': 18, '102': 150 } }),
      regionOf,
      threshold: 5,
    });
    expect(plan.withheld('plans-3-months', '101')).toBe('related');
    expect(plan.withheld('plans', '101')).toBe('related');
    expect(plan.withheld('plans', '102')).toBeNull();
  });

  it('finds the measures of the same children, however far the relations reach', () => {
    const relations: MeasureRelation[] = [
      { kind: 'percentage', count: 'a', whole: 'b', ratio: 'a-pct', scale: 100 },
      { kind: 'rate', count: 'b', ratio: 'b-rate', scale: 10_000 },
      { kind: 'rate', count: 'z', ratio: 'z-rate', scale: 10_000 },
    ];
    expect(relatedMeasures('b-rate', relations).measures.sort()).toEqual(['a', 'a-pct', 'b', 'b-rate']);
    expect(relatedMeasures('lonely', relations)).toEqual({ measures: ['lonely'], relations: [] });
  });

  it('rounds halves up', () => {
    expect([roundToTen(6917), roundToTen(6915), roundToTen(4), roundToTen(5)]).toEqual([6920, 6920, 0, 10]);
  });
});
