/** Each faulty set of returns gets an error finding naming its file, table and field, and no figures. */
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, generateFaultyReturns } from './generate.ts';
import { computeFromReturns } from './index.ts';

describe('faulty returns', () => {
  for (const kind of FAULT_KINDS) {
    it(`finds ${kind}`, () => {
      for (const seed of [1, 2, 3]) {
        const { files, expect: where } = generateFaultyReturns(kind, seed);
        const result = computeFromReturns(files, { asAt: '2024-03-31' });
        const hit = result.errors.find(
          (f) =>
            f.severity === 'error' &&
            (f.file === where.file || f.table === where.table) &&
            f.field !== undefined &&
            where.fields.includes(f.field),
        );
        expect(hit, JSON.stringify(result.errors)).toBeDefined();
        expect(result.figures.every((f) => f.value === null && f.numerator === null)).toBe(true);
      }
    });
  }

  it('the same files without the fault have no errors', () => {
    // The base set is valid: only the injected fault makes an error.
    const { files } = generateFaultyReturns('missing-column', 1);
    const fixed = files.map((f) =>
      f.name.endsWith('_episodes.csv')
        ? { ...f, text: generateFaultyReturns('code-invalid-for-year', 1).files[1]?.text.replace(',K3,', ',K2,') ?? '' }
        : f,
    );
    expect(computeFromReturns(fixed, { asAt: '2024-03-31' }).errors).toEqual([]);
  });
});
