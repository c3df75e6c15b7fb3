import { OverrideBodySchema, SettingsSchema, TargetBodySchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { checkForm } from './forms.ts';

const figure = { indicatorId: 'placements-3-or-more', la: '855', period: '2018-19-Q1' };

describe('checkForm: a form checked with the contract the server uses, before it is sent', () => {
  it("keeps the contract's own words beside the field", () => {
    const checked = checkForm(OverrideBodySchema, { ...figure, status: 'red', reason: '  too short ' });
    expect(checked).toEqual({ ok: false, problems: { reason: 'must say why, in at least 10 characters' } });
  });

  it('puts zod’s generic messages in plain words, keyed by the field', () => {
    const checked = checkForm(TargetBodySchema, {
      ...figure,
      value: Number.NaN,
      tolerance: { kind: 'relative', amount: -1 },
    });
    expect(checked).toEqual({
      ok: false,
      problems: { value: 'must be a number', 'tolerance.amount': 'must be 0 or more' },
    });
    expect(
      checkForm(SettingsSchema, {
        publicRead: true,
        suppressionThreshold: 1.5,
        homeLa: '855',
        serviceName: 'Children and Family Services',
      }),
    ).toEqual({
      ok: false,
      problems: { suppressionThreshold: 'must be a whole number' },
    });
  });

  it('gives the body as the server will read it: trimmed, with its defaults', () => {
    expect(checkForm(TargetBodySchema, { ...figure, value: 9 })).toEqual({
      ok: true,
      body: { ...figure, value: 9, tolerance: null, note: null },
    });
  });
});
