import { describe, expect, it } from 'vitest';
import { planDeadline, proposeActionRag, recommendationRag } from './inspection-plan.ts';

describe('the inspection action plan, hand-checked', () => {
  it('is due 70 working days after the letter, or 20 for a priority action', () => {
    // Letter Monday 2 March 2026: 20 working days are 3-6 March (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 March.
    expect(planDeadline('2026-03-02', true)).toBe('2026-03-30');
    // 70: 31 March-2 April (23), Good Friday and Easter Monday left out, 7 April-1 May (42), 4 May left out,
    // 5-8 May (46), 11-22 May (56), 25 May left out, 26 May-12 June (70).
    expect(planDeadline('2026-03-02', false)).toBe('2026-06-12');
  });

  it('proposes red for an overdue action, saying by how long', () => {
    expect(proposeActionRag({ due: '2026-11-30', completed: null }, ['green'], '2026-12-07')).toEqual({
      status: 'red',
      reason: 'Overdue: it was due on 30 November 2026, 5 working days ago.',
    });
  });

  it('proposes amber when due soon or a linked measure is red, green when on track or done', () => {
    expect(proposeActionRag({ due: '2026-12-21', completed: null }, [], '2026-12-07')).toEqual({
      status: 'amber',
      reason: 'Due on 21 December 2026, in 10 working days, and not yet done.',
    });
    expect(proposeActionRag({ due: '2027-06-30', completed: null }, ['green', 'red'], '2026-12-07')).toEqual({
      status: 'amber',
      reason: '1 linked measure is red.',
    });
    expect(proposeActionRag({ due: '2027-06-30', completed: null }, ['green'], '2026-12-07').status).toBe('green');
    expect(proposeActionRag({ due: '2026-11-30', completed: '2026-12-02' }, ['red'], '2026-12-07')).toEqual({
      status: 'green',
      reason: 'Completed on 2 December 2026, after it was due (30 November 2026).',
    });
  });

  it('gives a recommendation its worst action’s status', () => {
    expect(recommendationRag(['green', 'amber'])).toBe('amber');
    expect(recommendationRag(['green', 'red', 'amber'])).toBe('red');
    expect(recommendationRag([])).toBeNull();
  });
});
