import { describe, expect, it } from 'vitest';
import { reviewedInTime } from './children-in-need.ts';
import { parseIsoDate } from './dates.ts';
import { cinCensus, figure, lookedAfter, run, who } from './test-files.ts';

const D = '2025-03-31'; // the 12 months to d run from 01/04/2024
const iso = (text: string) => parseIsoDate(text) as number;

describe('rereferrals-12-months', () => {
  const result = run(
    [
      cinCensus({
        exactlyYear: { referrals: [{ date: '2023-05-10', closure: '2023-06-01' }, { date: '2024-05-10' }] },
        dayMore: { referrals: [{ date: '2023-05-10', closure: '2023-06-01' }, { date: '2024-05-11' }] },
        single: { referrals: [{ date: '2025-03-31' }] },
        beforeWindow: { referrals: [{ date: '2024-03-31' }] },
      }),
    ],
    D,
  );

  it('counts another referral on or after this one’s date a year earlier: exactly 12 months is a re-referral, a day more is not', () => {
    const f = figure(result, 'rereferrals-12-months');
    expect(who(f)).toEqual({
      numerator: ['exactlyYear referral of 10/05/2024'],
      denominator: [
        'dayMore referral of 11/05/2024',
        'exactlyYear referral of 10/05/2024',
        'single referral of 31/03/2025',
      ],
    });
    expect(f.value).toBeCloseTo(100 / 3, 10);
    expect(f.breakdowns.find((b) => b.dimension === 'sex' && b.group === 'female')?.denominator).toBe(3);
  });

  it('states the CIN council code', () => {
    expect(result.la).toBe('999');
  });
});

describe('assessments-45-days: working days, bank holidays left out', () => {
  const f = figure(
    run(
      [
        cinCensus({
          easter45: {
            referrals: [{ date: '2025-03-14', assessments: [{ start: '2025-03-14', authorised: '2025-05-21' }] }],
          },
          easter46: {
            referrals: [{ date: '2025-03-14', assessments: [{ start: '2025-03-14', authorised: '2025-05-22' }] }],
          },
          christmas45: {
            referrals: [{ date: '2024-11-25', assessments: [{ start: '2024-11-25', authorised: '2025-01-30' }] }],
          },
          christmas46: {
            referrals: [{ date: '2024-11-25', assessments: [{ start: '2024-11-25', authorised: '2025-01-31' }] }],
          },
          open: { referrals: [{ date: '2025-06-01', assessments: [{ start: '2025-06-02' }] }] },
          early: {
            referrals: [{ date: '2024-06-01', assessments: [{ start: '2024-06-01', authorised: '2024-06-30' }] }],
          },
        }),
      ],
      '2025-06-30',
    ),
    'assessments-45-days',
  );

  it('45 working days is within, 46 is not (across Easter 2025 and Christmas 2024)', () => {
    expect(who(f).numerator).toEqual([
      'christmas45 assessment started 25/11/2024',
      'easter45 assessment started 14/03/2025',
    ]);
    expect(f).toMatchObject({ value: 50, numerator: 2, denominator: 4 });
    expect(f.units.find((u) => u.child === 'easter46')?.reason).toBe(
      'authorised 22/05/2025, 46 working days after the start',
    );
  });
});

describe('child protection plans', () => {
  const result = run(
    [
      cinCensus({
        previousCount: {
          referrals: [{ date: '2024-05-01', plans: [{ start: '2024-05-01', previous: 1, end: '2024-09-01' }] }],
        },
        earlierInData: {
          referrals: [
            {
              date: '2022-01-01',
              closure: '2022-07-01',
              plans: [{ start: '2022-01-01', end: '2022-06-01', previous: 0 }],
            },
            { date: '2024-06-01', plans: [{ start: '2024-06-01', previous: 0, end: '2024-12-01' }] },
          ],
        },
        first: {
          referrals: [{ date: '2024-07-01', plans: [{ start: '2024-07-01', previous: 0, end: '2024-12-01' }] }],
        },
        // open at d: d minus 2 years is 31/03/2023
        twoYears: { referrals: [{ date: '2023-03-31', plans: [{ start: '2023-03-31', previous: 0 }] }] },
        twoYearsLess: { referrals: [{ date: '2023-04-01', plans: [{ start: '2023-04-01', previous: 0 }] }] },
        endsOnD: { referrals: [{ date: '2020-01-01', plans: [{ start: '2020-01-01', end: '2025-03-31' }] }] },
        endsAfterD: { referrals: [{ date: '2020-01-01', plans: [{ start: '2020-01-01', end: '2025-04-01' }] }] },
      }),
    ],
    D,
  );

  it('cp-repeat-plans: NumberOfPreviousCPP 1 or more, or an earlier plan in the data', () => {
    const f = figure(result, 'cp-repeat-plans');
    expect(who(f)).toEqual({
      numerator: [
        'earlierInData child protection plan from 01/06/2024',
        'previousCount child protection plan from 01/05/2024',
      ],
      denominator: [
        'earlierInData child protection plan from 01/06/2024',
        'first child protection plan from 01/07/2024',
        'previousCount child protection plan from 01/05/2024',
      ],
    });
  });

  it('cp-plans-2-years: open at d, started on or before d minus 2 years', () => {
    const f = figure(result, 'cp-plans-2-years');
    expect(who(f)).toEqual({
      numerator: ['endsAfterD child protection plan from 01/01/2020', 'twoYears child protection plan from 31/03/2023'],
      denominator: [
        'endsAfterD child protection plan from 01/01/2020',
        'twoYears child protection plan from 31/03/2023',
        'twoYearsLess child protection plan from 01/04/2023',
      ],
    });
  });
});

describe('cp-reviews-in-timescale', () => {
  it.each([
    // first review on start + 3 months exactly, then within 6 months
    ['2024-01-15', ['2024-04-15', '2024-10-15', '2025-03-31'], true],
    ['2024-01-15', ['2024-04-16', '2024-10-15'], false], // first review a day late
    ['2024-01-15', ['2024-04-15', '2024-10-16', '2025-03-31'], false], // second a day late
    ['2024-01-15', ['2024-04-15', '2024-10-01'], true], // within the 6 months before d
    ['2024-01-15', ['2024-04-15', '2024-09-30'], true], // exactly d minus 6 months (31/03 less 6 months, clipped)
    ['2024-01-15', ['2024-04-15', '2024-09-29'], false], // a day more than 6 months before d
    ['2024-12-31', ['2025-03-31'], true], // started d minus 3 months, reviewed on the due day
    ['2024-12-31', [], false], // no review
  ] as const)('plan from %s reviewed %j: %s', (start, reviews, inTime) => {
    expect(reviewedInTime(iso(start), reviews.map(iso), iso(D)).inTime).toBe(inTime);
  });

  it('takes plans open at d that started on or before d minus 3 months', () => {
    const f = figure(
      run(
        [
          cinCensus({
            onCut: { referrals: [{ date: '2024-12-31', plans: [{ start: '2024-12-31', reviews: ['2025-03-31'] }] }] },
            dayAfter: {
              referrals: [{ date: '2025-01-01', plans: [{ start: '2025-01-01', reviews: ['2025-01-20'] }] }],
            },
            late: { referrals: [{ date: '2024-01-15', plans: [{ start: '2024-01-15', reviews: ['2024-04-16'] }] }] },
          }),
        ],
        D,
      ),
      'cp-reviews-in-timescale',
    );
    expect(who(f)).toEqual({
      numerator: ['onCut child protection plan from 31/12/2024'],
      denominator: ['late child protection plan from 15/01/2024', 'onCut child protection plan from 31/12/2024'],
    });
    expect(f.units.find((u) => u.child === 'late')?.reason).toBe(
      'the first review was due by 15/04/2024 but held 16/04/2024',
    );
  });
});

describe('without a CIN census', () => {
  it('gives no CIN figure, and says why', () => {
    const f = figure(run(lookedAfter({}), D), 'cp-plans-2-years');
    expect(f).toMatchObject({ value: null, reason: 'No CIN census among the files', units: [] });
  });
});
