import { describe, expect, it } from 'vitest';
import {
  addMonths,
  assessmentsOverEightMonths,
  conversion,
  householdsOn,
  movesBetween,
  reviewsOverdue,
  type FosteringHousehold,
} from './fostering.ts';

const REGISTER: FosteringHousehold[] = [
  {
    id: 'H1',
    type: 'mainstream',
    approved: '2020-05-01',
    deregistered: null,
    places: 2,
    placed: 2,
    reviews: ['2025-04-20'],
  },
  { id: 'H2', type: 'mainstream', approved: '2026-07-15', deregistered: null, places: 3, placed: 1, reviews: [] },
  {
    id: 'H3',
    type: 'connected-person',
    approved: '2026-02-10',
    deregistered: null,
    places: 1,
    placed: 1,
    reviews: ['2026-12-01'],
  },
  {
    id: 'H4',
    type: 'mainstream',
    approved: '2019-01-01',
    deregistered: '2026-09-30',
    places: 2,
    placed: 0,
    reviews: ['2026-01-05'],
  },
];

describe('the fostering service’s figures, hand-checked', () => {
  it('counts households, places filled and vacant on a day, by type', () => {
    expect(householdsOn(REGISTER, '2026-09-30')).toEqual({
      all: { households: 3, places: 6, filled: 4, vacant: 2 },
      mainstream: { households: 2, places: 5, filled: 3, vacant: 2 },
      connectedPerson: { households: 1, places: 1, filled: 1, vacant: 0 },
    });
    // The day before de-registration H4 still counts.
    expect(householdsOn(REGISTER, '2026-09-29').all.households).toBe(4);
  });

  it('counts approvals and de-registrations in a quarter', () => {
    expect(movesBetween(REGISTER, '2026-07-01', '2026-09-30')).toEqual({ approvals: 1, deregistrations: 1 });
  });

  it('finds assessments over 8 months, decided late or still open', () => {
    const over = assessmentsOverEightMonths(
      [
        { id: 'A1', applied: '2026-01-31', decided: '2026-09-30' }, // 8 months on is 30 September: in time
        { id: 'A2', applied: '2026-01-31', decided: '2026-10-01' }, // a day over
        { id: 'A3', applied: '2026-03-15', decided: null }, // open past 15 November
        { id: 'A4', applied: '2026-06-01', decided: null }, // open, 8 months not yet reached
      ],
      '2026-12-07',
    );
    expect(over.map((a) => a.id)).toEqual(['A2', 'A3']);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('finds annual reviews overdue (regulation 28), from approval or the last review', () => {
    // H1 last reviewed 20 April 2025: due 20 April 2026, overdue. H2 approved July 2026: not yet due. H3 reviewed.
    expect(reviewsOverdue(REGISTER, '2026-12-07')).toEqual([{ id: 'H1', lastReview: '2025-04-20', due: '2026-04-20' }]);
  });

  it('gives the funnel’s conversion', () => {
    expect(conversion({ enquiries: 120, applications: 18, approvals: 9 })).toEqual({
      enquiryToApplication: 15,
      applicationToApproval: 50,
      enquiryToApproval: 7.5,
    });
    expect(conversion({ enquiries: 0, applications: 0, approvals: 0 }).enquiryToApproval).toBeNull();
  });
});
