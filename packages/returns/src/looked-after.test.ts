import { describe, expect, it } from 'vitest';
import { csvFile, figure, lookedAfter, run, who } from './test-files.ts';

const D = '2025-03-31'; // the 12 months to d run from 01/04/2024

describe('cic-count: children with an episode open at d', () => {
  const files = lookedAfter({
    open: { dob: '01/01/2015', episodes: [{ decom: '01/01/2024' }] },
    endsOnD: { dob: '01/01/2015', episodes: [{ decom: '01/01/2024', dec: '31/03/2025', rec: 'E11' }] },
    endsDayAfter: { dob: '01/01/2010', sex: 'F', episodes: [{ decom: '01/01/2024', dec: '01/04/2025', rec: 'E11' }] },
    shortBreaks: { dob: '01/01/2015', episodes: [{ decom: '01/03/2025', ls: 'V4' }] },
    startsAfter: { dob: '01/01/2015', episodes: [{ decom: '01/04/2025' }] },
    startsOnD: {
      dob: '01/06/2024',
      sex: 'F',
      episodes: [{ decom: '31/03/2025', ls: 'V2', place: 'K2', provider: 'PR4' }],
    },
  });

  it('counts episodes open at d, not those ending on d, and leaves short breaks out', () => {
    const f = figure(run(files, D), 'cic-count');
    expect(f).toMatchObject({ value: 3, numerator: 3, denominator: null });
    expect(who(f).denominator).toEqual(['endsDayAfter', 'open', 'startsOnD']);
    expect(f.units.find((u) => u.child === 'endsOnD')?.reason).toBe(
      'not looked after at 31/03/2025: the last episode before it ended 31/03/2025',
    );
  });

  it('breaks down by age band, sex, legal status, placement type and provider', () => {
    const f = figure(run(files, D), 'cic-count');
    const group = (dimension: string, g: string) =>
      f.breakdowns.find((b) => b.dimension === dimension && b.group === g)?.value;
    expect(group('age-band', 'under-1')).toBe(1);
    expect(group('age-band', '10-15')).toBe(2);
    expect(group('sex', 'female')).toBe(2);
    expect(group('sex', 'male')).toBe(1);
    expect(group('legal-status', 'care-order')).toBe(2);
    expect(group('legal-status', 'accommodated')).toBe(1);
    expect(group('placement-type', 'residential')).toBe(1);
    expect(group('placement-type', 'foster')).toBe(2);
    expect(group('placement-provider', 'private')).toBe(1);
    expect(group('placement-provider', 'own')).toBe(2);
  });

  it('cic-rate-per-10000 uses the mid-year population of the year the financial year began', () => {
    const rate = (population: { year: number; population: number }[]) =>
      figure(run(files, D, population), 'cic-rate-per-10000');
    expect(
      rate([
        { year: 2024, population: 60_000 },
        { year: 2023, population: 1 },
      ]),
    ).toMatchObject({
      value: 0.5,
      numerator: 3,
      denominator: 60_000,
      breakdowns: [],
    });
    const fallback = rate([{ year: 2023, population: 30_000 }]);
    expect(fallback).toMatchObject({ value: 1, denominator: 30_000 });
    expect(fallback.reason).toBe('The mid-2024 population is not available: the mid-2023 population (30000) is used');
    expect(rate([{ year: 2025, population: 30_000 }])).toMatchObject({ value: null });
    expect(rate([]).reason).toContain('No ONS mid-2024 population');
    // 1 April 2025 is in financial year 2025-26: mid-2025.
    expect(
      figure(run(files, '2025-04-01', [{ year: 2025, population: 20_000 }]), 'cic-rate-per-10000').reason,
    ).toBeUndefined();
  });
});

describe('placements-3-or-more', () => {
  const result = run(
    lookedAfter({
      // open at the window's start (1) + two moves = 3
      three: {
        dob: '01/01/2012',
        episodes: [
          { decom: '01/01/2024', dec: '01/06/2024' },
          { decom: '01/06/2024', rne: 'P', dec: '01/09/2024' },
          { decom: '01/09/2024', rne: 'P' },
        ],
      },
      // a temporary placement (T0) does not count: 2
      temporary: {
        dob: '01/01/2012',
        episodes: [
          { decom: '01/01/2024', dec: '01/06/2024' },
          { decom: '01/06/2024', rne: 'P', place: 'T0', dec: '01/07/2024' },
          { decom: '01/07/2024', rne: 'P' },
        ],
      },
      // started on the window's first day: counted once, as a start in the window, so 3
      startsOnFirstDay: {
        dob: '01/01/2012',
        episodes: [
          { decom: '01/04/2024', dec: '01/06/2024' },
          { decom: '01/06/2024', rne: 'P', dec: '01/09/2024' },
          { decom: '01/09/2024', rne: 'B' },
        ],
      },
      // started on the window's first day with one move: 2 (no double count)
      firstDayTwo: {
        dob: '01/01/2012',
        episodes: [
          { decom: '01/04/2024', dec: '01/09/2024' },
          { decom: '01/09/2024', rne: 'P' },
        ],
      },
      // started the day before the window: open at its start (1) + 2 = 3
      dayBefore: {
        dob: '01/01/2012',
        episodes: [
          { decom: '31/03/2024', dec: '01/06/2024' },
          { decom: '01/06/2024', rne: 'T', dec: '01/09/2024' },
          { decom: '01/09/2024', rne: 'U' },
        ],
      },
      // placed for adoption with the current carer (A5, RNE T) does not count; a change of legal status (L) neither: 2
      adoptedByCarer: {
        dob: '01/01/2020',
        episodes: [
          { decom: '01/01/2024', dec: '01/06/2024' },
          { decom: '01/06/2024', rne: 'P', dec: '01/08/2024' },
          { decom: '01/08/2024', rne: 'L', ls: 'E1', dec: '01/09/2024' },
          { decom: '01/09/2024', rne: 'T', place: 'A5', ls: 'E1' },
        ],
      },
      notLookedAfter: { dob: '01/01/2012', episodes: [{ decom: '01/01/2024', dec: '01/02/2025', rec: 'E11' }] },
    }),
    D,
  );

  it('counts the placement open at the start and each new one, less temporary and adoption-by-carer', () => {
    const f = figure(result, 'placements-3-or-more');
    expect(who(f)).toEqual({
      numerator: ['dayBefore', 'startsOnFirstDay', 'three'],
      denominator: ['adoptedByCarer', 'dayBefore', 'firstDayTwo', 'startsOnFirstDay', 'temporary', 'three'],
    });
    expect(f).toMatchObject({ value: 50, numerator: 3, denominator: 6 });
    expect(f.units.find((u) => u.child === 'temporary')?.reason).toBe(
      '2 placements in the 12 months to 31/03/2025 (from 01/04/2024) (open on 01/04/2024; from 01/07/2024); not counted: 01/06/2024 temporary (T0)',
    );
  });
});

describe('placement-long-term-stability (d minus 2y6m = 30/09/2022, d minus 2y = 31/03/2023)', () => {
  const f = figure(
    run(
      lookedAfter({
        periodOnCut: { dob: '01/01/2015', episodes: [{ decom: '30/09/2022' }] },
        periodDayAfter: { dob: '01/01/2015', episodes: [{ decom: '01/10/2022' }] },
        placementOnCut: {
          dob: '01/01/2015',
          episodes: [
            { decom: '01/01/2022', dec: '31/03/2023' },
            { decom: '31/03/2023', rne: 'P' },
          ],
        },
        placementDayAfter: {
          dob: '01/01/2015',
          episodes: [
            { decom: '01/01/2022', dec: '01/04/2023' },
            { decom: '01/04/2023', rne: 'P' },
          ],
        },
        sameCarer: {
          dob: '01/01/2015',
          episodes: [
            { decom: '01/01/2022', dec: '01/04/2023' },
            { decom: '01/04/2023', rne: 'T' },
          ],
        },
        sixteenOnD: { dob: '31/03/2009', episodes: [{ decom: '01/01/2020' }] },
        fifteen: { dob: '01/04/2009', episodes: [{ decom: '01/01/2020' }] },
        adoptedAfterLongFoster: {
          dob: '01/01/2021',
          episodes: [
            { decom: '01/01/2022', dec: '01/06/2024' },
            { decom: '01/06/2024', rne: 'P', place: 'A6', ls: 'E1' },
          ],
        },
        adoptedAfterShortFoster: {
          dob: '01/01/2021',
          episodes: [
            { decom: '01/01/2022', dec: '01/04/2023' },
            { decom: '01/04/2023', rne: 'P', dec: '01/06/2024' },
            { decom: '01/06/2024', rne: 'P', place: 'A6', ls: 'E1' },
          ],
        },
      }),
      D,
    ),
    'placement-long-term-stability',
  );

  it('takes periods of care started on or before d minus 2y6m, children under 16, placements from d minus 2y', () => {
    expect(who(f)).toEqual({
      numerator: ['adoptedAfterLongFoster', 'fifteen', 'periodOnCut', 'placementOnCut', 'sameCarer'],
      denominator: [
        'adoptedAfterLongFoster',
        'adoptedAfterShortFoster',
        'fifteen',
        'periodOnCut',
        'placementDayAfter',
        'placementOnCut',
        'sameCarer',
      ],
    });
    expect(f.value).toBeCloseTo((5 * 100) / 7, 10);
    expect(f.units.find((u) => u.child === 'sixteenOnD')?.reason).toBe(
      'not counted: aged 16 at 31/03/2025 (16 or over)',
    );
  });
});

describe('care leavers: 19th, 20th or 21st birthday in the 12 months to d', () => {
  const oc3 = csvFile('oc3.csv', 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', [
    'firstDay19,01/04/2005,YES,F1,B1', // 19th birthday 01/04/2024: the window's first day
    'lastDay20,31/03/2005,YES,G4,B2', // 20th birthday 31/03/2025: the last day
    'died21,31/03/2004,DIED,0,0', // 21st birthday in the window, but died
    'beforeWindow,31/03/2003,YES,F1,B1', // 21st birthday 31/03/2024: the day before the window
    'returnedHome,01/06/2005,RHOM,F1,B1',
    'eighteen,01/04/2006,YES,F1,B1', // 19th birthday 01/04/2025: the day after d
    'parttime,15/08/2004,NO,P5,Z1',
  ]);
  const result = run([oc3], D);

  it('removes DIED and RHOM, counts ACTIV in education, employment or training', () => {
    const f = figure(result, 'care-leavers-eet');
    expect(who(f)).toEqual({
      numerator: ['firstDay19', 'parttime'],
      denominator: ['firstDay19', 'lastDay20', 'parttime'],
    });
    expect(f.value).toBeCloseTo(200 / 3, 10);
  });

  it('says why a row is left out', () => {
    const f = figure(result, 'care-leavers-eet');
    expect(f.units.find((u) => u.child === 'died21')?.reason).toBe(
      'not counted: 21st birthday 31/03/2025 but IN_TOUCH DIED',
    );
    expect(f.units.find((u) => u.child === 'beforeWindow')?.reason).toBe(
      'not counted: no 19th, 20th or 21st birthday in the 12 months to 31/03/2025 (from 01/04/2024) (born 31/03/2003)',
    );
  });

  it("counts ACCOM's second character 1 as suitable", () => {
    const f = figure(result, 'care-leavers-suitable-accommodation');
    expect(who(f).numerator).toEqual(['firstDay19', 'parttime']);
  });

  it('says when there is no OC3 table', () => {
    expect(figure(run(lookedAfter({}), D), 'care-leavers-eet')).toMatchObject({
      value: null,
      reason: 'No OC3 table among the files',
    });
  });
});

describe('missing episodes and children', () => {
  const missing = csvFile('missing.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END', [
    'x,01/01/2010,M,01/04/2024,02/04/2024',
    'x,01/01/2010,M,31/03/2024,01/04/2024',
    'x,01/01/2010,A,01/05/2024,01/05/2024',
    'x,01/01/2010,M,31/03/2025,',
    'y,01/01/2010,M,01/06/2024,01/06/2024',
    'z,01/01/2010,A,01/06/2024,01/06/2024',
  ]);
  const files = [
    ...lookedAfter({
      x: { dob: '01/01/2010', episodes: [{ decom: '01/01/2024' }] },
      y: { dob: '01/01/2010', episodes: [{ decom: '01/01/2024', place: 'K2' }] },
      z: { dob: '01/01/2010', episodes: [{ decom: '01/01/2024' }] },
    }),
    missing,
  ];

  it('counts MISSING M starting in the 12 months to d, and the distinct children', () => {
    const result = run(files, D);
    const episodes = figure(result, 'missing-episodes-in-care');
    expect(episodes).toMatchObject({ value: 3, numerator: 3, denominator: null });
    expect(who(episodes).numerator).toEqual([
      'x missing episode from 01/04/2024',
      'x missing episode from 31/03/2025',
      'y missing episode from 01/06/2024',
    ]);
    const children = figure(result, 'missing-children-in-care');
    expect(children).toMatchObject({ value: 2 });
    expect(children.breakdowns.find((b) => b.dimension === 'placement-type' && b.group === 'residential')?.value).toBe(
      1,
    );
  });
});

describe('OC2 health: children looked after at d since d minus 12 months (31/03/2024) or earlier', () => {
  const oc2 = csvFile(
    'oc2.csv',
    'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED',
    [
      'onCut,01/01/2012,10,,0,1,0,1,1,0,,',
      'dayAfter,01/01/2012,30,,0,1,1,1,1,0,,',
      'leftCare,01/01/2012,30,,0,1,1,1,1,0,,',
      'long,01/01/2012,,SDQ1,0,0,1,1,1,0,,',
      'other,01/01/2012,20,,0,1,1,0,1,0,,',
    ],
  );
  const result = run(
    [
      ...lookedAfter({
        onCut: { dob: '01/01/2012', episodes: [{ decom: '31/03/2024' }] },
        dayAfter: { dob: '01/01/2012', episodes: [{ decom: '01/04/2024' }] },
        leftCare: { dob: '01/01/2012', episodes: [{ decom: '01/01/2020', dec: '01/03/2025', rec: 'E11' }] },
        long: {
          dob: '01/01/2012',
          episodes: [
            { decom: '01/01/2020', dec: '01/01/2024' },
            { decom: '01/01/2024', rne: 'P' },
          ],
        },
        other: { dob: '01/01/2012', episodes: [{ decom: '01/01/2023' }] },
      }),
      oc2,
    ],
    D,
  );

  it.each([
    ['health-assessments', ['onCut', 'other']],
    ['dental-checks', ['long', 'onCut']],
    ['immunisations', ['long', 'other']],
  ] as const)('%s', (indicator, numerator) => {
    const f = figure(result, indicator);
    expect(who(f)).toEqual({ numerator, denominator: ['long', 'onCut', 'other'] });
    expect(f.value).toBeCloseTo(200 / 3, 10);
  });

  it('sdq-average-score is the mean of the scores given', () => {
    expect(figure(result, 'sdq-average-score')).toMatchObject({ value: 15, numerator: 30, denominator: 2 });
  });

  it('says when there is no OC2 table', () => {
    expect(figure(run(lookedAfter({}), D), 'immunisations').reason).toBe('No OC2 table among the files');
  });
});
