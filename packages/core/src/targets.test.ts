import { describe, expect, it } from 'vitest';
import { periodId, type Period } from './period.ts';
import { targetFor } from './targets.ts';

const q = (year: number, quarter: 1 | 2 | 3 | 4): Period => ({ kind: 'financial-quarter', year, quarter });
const fy = (year: number): Period => ({ kind: 'financial-year', year });
const at = (period: Period, candidates: Array<[Period, number]>) => {
  const chosen = targetFor(
    period,
    candidates.map(([p, value]) => ({ period: p, target: value })),
  );
  return chosen ? { from: periodId(chosen.period), value: chosen.target, own: chosen.own } : null;
};

describe('the target that applies to a figure', () => {
  it('is its own period’s target', () => {
    expect(at(q(2026, 2), [[q(2026, 2), 80]])).toEqual({ from: '2026-27-Q2', value: 80, own: true });
  });

  it('carries forward: a Q1 target shows in Q2, Q3 and the next year until replaced', () => {
    expect(at(q(2026, 2), [[q(2026, 1), 80]])).toEqual({ from: '2026-27-Q1', value: 80, own: false });
    expect(at(q(2027, 1), [[q(2026, 1), 80]])?.value).toBe(80);
    expect(
      at(q(2026, 3), [
        [q(2026, 1), 80],
        [q(2026, 2), 85],
      ])?.value,
    ).toBe(85);
  });

  it('never applies a target set for a later period', () => {
    expect(at(q(2026, 1), [[q(2026, 2), 80]])).toBeNull();
    expect(at(q(2025, 4), [[fy(2026), 80]])).toBeNull();
  });

  it('applies a year’s target to its quarters, and a quarter’s own target over it', () => {
    expect(at(q(2026, 3), [[fy(2026), 90]])).toEqual({ from: '2026-27', value: 90, own: false });
    expect(
      at(q(2026, 1), [
        [fy(2026), 90],
        [q(2026, 1), 70],
      ])?.value,
    ).toBe(70);
    // A year's target set after a quarter's replaces it from the year's start on.
    expect(
      at(q(2026, 2), [
        [q(2025, 4), 60],
        [fy(2026), 90],
      ])?.value,
    ).toBe(90);
  });

  it('gives an annual figure only annual targets', () => {
    expect(at(fy(2026), [[q(2026, 1), 70]])).toBeNull();
    expect(at(fy(2027), [[fy(2026), 90]])).toEqual({ from: '2026-27', value: 90, own: false });
  });
});
