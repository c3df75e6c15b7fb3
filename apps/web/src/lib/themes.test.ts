import { describe, expect, it } from 'vitest';
import { themesInOrder } from './themes.ts';

describe('themesInOrder', () => {
  it('lists each theme once, in the order it first appears', () => {
    const indicators = [
      { theme: 'lait-health-and-wellbeing', themeLabel: 'Health and Wellbeing' },
      { theme: 'child-protection', themeLabel: 'Referrals, assessment and child protection' },
      { theme: 'lait-health-and-wellbeing', themeLabel: 'Health and Wellbeing' },
      { theme: 'care-leavers', themeLabel: 'Care leavers' },
      { theme: 'child-protection', themeLabel: 'Referrals, assessment and child protection' },
    ];
    expect(themesInOrder(indicators)).toEqual([
      { id: 'lait-health-and-wellbeing', label: 'Health and Wellbeing' },
      { id: 'child-protection', label: 'Referrals, assessment and child protection' },
      { id: 'care-leavers', label: 'Care leavers' },
    ]);
  });

  it('has no themes for no indicators', () => {
    expect(themesInOrder([])).toEqual([]);
  });
});
