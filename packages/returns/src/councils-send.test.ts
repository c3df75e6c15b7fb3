/**
 * Returns as councils send them (issue 22): the shapes of real extracts that a reader written from the
 * specification alone refused, each with the smallest file that shows it, and the property that the order
 * the files are given in never changes the figures or the findings.
 */
import { describe, expect, it } from 'vitest';
import { generateReturns, EXAMPLE_PRESET } from './generate.ts';
import { cinCensus, csvFile, EPISODE_COLUMNS, figure, HEADER_COLUMNS, lookedAfter, run, who } from './test-files.ts';
import type { ComputeResult, ReturnFile } from './types.ts';

const header = (rows: string[], name = 'header.csv') => csvFile(name, HEADER_COLUMNS, rows);
const episodes = (rows: string[], name = 'episodes.csv') => csvFile(name, EPISODE_COLUMNS, rows);

describe('short breaks in the chain (DfE rule 433 reads every episode)', () => {
  // The smallest case: V2 care, then short breaks (V4) from the day it ended, then V2 care again.
  const files = [
    header(['R1,1,01/01/2010,WBRI,A1,,']),
    episodes([
      'R1,01/01/2021,S,V2,N1,U4,PR1,01/06/2022,X1,,,,',
      'R1,01/06/2022,L,V4,N1,U4,PR1,01/09/2023,X1,,,,',
      'R1,01/09/2023,L,V2,N1,U4,PR1,,,,,,',
    ]),
  ];
  const result = run(files, '2024-03-31');

  it('is not an error, and the child is looked after at d', () => {
    expect(result.errors).toEqual([]);
    expect(figure(result, 'cic-count').value).toBe(1);
  });

  it('the episode after the short breaks starts a new period of care (time on short breaks is not time in care)', () => {
    // Under 16 at d, but the period that began 01/09/2023 is not 2 years 6 months old: out of the denominator.
    expect(figure(result, 'placement-long-term-stability').units[0]?.inDenominator).toBe(false);
    // No "first episode is not RNE S" warning: the short break began the chain.
    expect(result.warnings.filter((w) => w.field === 'RNE')).toEqual([]);
  });

  it('a chain that really breaks is still an error, named 433', () => {
    const broken = run(
      [
        header(['R1,1,01/01/2010,WBRI,A1,,']),
        episodes(['R1,01/01/2021,S,V2,N1,U4,PR1,01/06/2022,X1,,,,', 'R1,02/06/2022,L,V2,N1,U4,PR1,,,,,,']),
      ],
      '2024-03-31',
    );
    expect(broken.errors).toEqual([expect.objectContaining({ rule: '433', row: 2, child: 'R1', field: 'RNE' })]);
  });

  it('a short break overlapping care is an overlap (DfE rule 501)', () => {
    const overlap = run(
      [
        header(['R1,1,01/01/2010,WBRI,A1,,']),
        episodes(['R1,01/01/2021,S,V2,N1,U4,PR1,01/06/2022,X1,,,,', 'R1,01/03/2022,S,V3,N1,U4,PR1,05/03/2022,E8,,,,']),
      ],
      '2024-03-31',
    );
    expect(overlap.errors).toEqual([expect.objectContaining({ rule: '501', row: 2 })]);
  });
});

describe('current SSDA903 tables', () => {
  it('SWEpisodes and DoLo are read (no figure needs them): not an error, not even a warning', () => {
    const files = [
      ...lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/01/2025' }] } }),
      csvFile('sw_episodes.csv', 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON', ['a,01/01/2015,SW123,01/01/2025,,']),
      csvFile('DoLo.csv', 'CHILD,DOB,DOLO_START,DOLO_END', ['a,01/01/2015,01/02/2025,']),
    ];
    const result = run(files, '2025-03-31');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('a date that does not parse in SWEpisodes is a warning naming the table and field', () => {
    const files = [
      ...lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/01/2025' }] } }),
      csvFile('sw_episodes.csv', 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON', ['a,01/01/2015,SW123,1/1/25x,,']),
    ];
    const result = run(files, '2025-03-31');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ table: 'SWEpisodes', field: 'SW_DECOM', row: 1, severity: 'warning' }),
    ]);
  });

  it('a Header with only CHILD, SEX and DOB is the Header', () => {
    const files = [
      csvFile('header.csv', 'CHILD,SEX,DOB', ['a,M,01/01/2015']),
      episodes(['a,01/01/2025,S,C2,N1,U4,PR1,,,,,,']),
    ];
    const result = run(files, '2025-03-31');
    expect(result.errors).toEqual([]);
    expect(figure(result, 'cic-count').value).toBe(1);
  });
});

describe('dates as some systems export them', () => {
  it('yyyy-mm-dd in an SSDA903 table is read as written (no day-month order to mistake), said once per file', () => {
    const files = [
      csvFile('header.csv', HEADER_COLUMNS, ['a,M,2015-01-01,WBRI,A1,,']),
      episodes(['a,2025-01-01,S,C2,N1,U4,PR1,,,,,,', 'b,02/01/2025,S,C2,N1,U4,PR1,,,,,,']),
      csvFile('header2.csv', HEADER_COLUMNS, ['b,M,01/01/2015,WBRI,A2,,']),
    ];
    const result = run(files, '2025-03-31');
    expect(result.errors).toEqual([]);
    expect(figure(result, 'cic-count').value).toBe(2);
    expect(result.warnings.map((w) => [w.file, w.message])).toEqual([
      ['episodes.csv', "1 date is written yyyy-mm-dd, not dd/mm/yyyy as DfE's tables have them: read as written"],
      ['header.csv', "1 date is written yyyy-mm-dd, not dd/mm/yyyy as DfE's tables have them: read as written"],
    ]);
  });

  it('a date that is neither is still an error naming the rule', () => {
    const result = run(lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '2025-13-01' }] } }), '2025-03-31');
    expect(result.errors).toEqual([expect.objectContaining({ field: 'DECOM', rule: '141' })]);
  });
});

describe('rule 148: an open episode with REC filled, in any file order', () => {
  // Last year's file has the episode open with REC X1 (common in real extracts); this year's closes it.
  const lastYear = episodes(
    ['a,01/01/2023,S,C2,N1,U4,PR1,,X1,,,,', 'b,01/06/2023,S,C2,N1,U4,PR1,,E11,,,,'],
    '2024_episodes.csv',
  );
  const thisYear = episodes(
    [
      'a,01/01/2023,S,C2,N1,U4,PR1,01/06/2024,X1,,,,',
      'a,01/06/2024,P,C2,N1,U5,PR1,,,,,,',
      'b,01/06/2023,S,C2,N1,U4,PR1,,E11,,,,',
    ],
    '2025_episodes.csv',
  );
  const head = header(['a,1,01/01/2012,WBRI,A1,,', 'b,2,01/01/2012,WBRI,A2,,']);

  it('gives the same figures and findings either way round, and names 148', () => {
    const one = run([head, lastYear, thisYear], '2025-03-31');
    const other = run([head, thisYear, lastYear], '2025-03-31');
    expect(one.errors).toEqual([]);
    expect(other).toEqual(one);
    expect(figure(one, 'cic-count').value).toBe(2);
    // The open episode with REC filled that stays open is named; the one a later year closed is not.
    expect(one.warnings).toEqual([
      expect.objectContaining({ rule: '148', child: 'b', file: '2025_episodes.csv', severity: 'warning' }),
    ]);
  });
});

describe('placements-3-or-more: the episode open on the window first day, begun that day, not itself a start', () => {
  it('counts the placement once (RNE L on the first day: a change of legal status, not of carer)', () => {
    const result = run(
      lookedAfter({
        a: {
          dob: '01/01/2012',
          episodes: [
            { decom: '01/01/2024', dec: '01/04/2024' },
            { decom: '01/04/2024', rne: 'L', ls: 'C1', dec: '01/06/2024' },
            { decom: '01/06/2024', rne: 'P', dec: '01/09/2024' },
            { decom: '01/09/2024', rne: 'P' },
          ],
        },
        temporaryOnFirstDay: {
          dob: '01/01/2012',
          episodes: [
            { decom: '01/04/2024', place: 'T1', dec: '01/06/2024' },
            { decom: '01/06/2024', rne: 'P' },
          ],
        },
      }),
      '2025-03-31',
    );
    const f = figure(result, 'placements-3-or-more');
    expect(who(f).numerator).toEqual(['a']);
    expect(f.units.find((u) => u.child === 'a')?.reason).toBe(
      '3 placements in the 12 months to 31/03/2025 (from 01/04/2024) (open on 01/04/2024; from 01/06/2024; from 01/09/2024)',
    );
    expect(f.units.find((u) => u.child === 'temporaryOnFirstDay')?.reason).toMatch(/^2 placements/);
  });
});

describe('the CIN census', () => {
  it('a child protection plan recorded twice is counted once, with DfE rule 8940', () => {
    const plan = { start: '2024-06-01' };
    const result = run(
      [
        cinCensus({
          c: {
            referrals: [
              { date: '2024-05-01', plans: [plan] },
              { date: '2024-05-20', plans: [plan] },
            ],
          },
        }),
      ],
      '2025-03-31',
    );
    expect(figure(result, 'cp-repeat-plans').denominator).toBe(1);
    expect(figure(result, 'cp-plans-2-years').denominator).toBe(1);
    expect(result.warnings).toEqual([expect.objectContaining({ rule: '8940', child: 'c', severity: 'warning' })]);
  });

  it.each([
    [{ date: '2024-06-01', closure: '2024-05-31' }, '8630'],
    [{ date: '2024-06-01', assessments: [{ start: '2024-06-10', authorised: '2024-06-09' }] }, '8608'],
    [{ date: '2024-06-01', plans: [{ start: '2024-06-10', end: '2024-06-09' }] }, '8925'],
  ])('names DfE rule %#: %s', (referral, rule) => {
    const result = run([cinCensus({ c: { referrals: [referral] } })], '2025-03-31');
    expect(result.errors.map((e) => e.rule)).toEqual([rule]);
  });

  it('two censuses for different councils: the latest census names the council, whatever the order', () => {
    const a = cinCensus({ c: { referrals: [{ date: '2024-06-01' }] } }, 'a.xml', '2025');
    const b = { ...cinCensus({ c: { referrals: [{ date: '2024-06-01' }] } }, 'b.xml', '2024') };
    b.text = b.text.replace('<LEA>999</LEA>', '<LEA>855</LEA>');
    const one = run([a, b], '2025-03-31');
    expect(one.la).toBe('999');
    expect(run([b, a], '2025-03-31')).toEqual(one);
    expect(one.warnings).toEqual([expect.objectContaining({ field: 'LEA', message: expect.stringMatching(/855/) })]);
  });
});

describe('OC3: the year a row describes', () => {
  const oc3 = (name: string, rows: string[]) => csvFile(name, 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', rows);
  // Each year's OC3 sits beside that year's Episodes, which give its collection year.
  const year = (y: number, oc3Rows: string[]) => [
    episodes([`x${y},01/06/${y - 1},S,C2,N1,U4,PR1,,,,,,`], `${y}/episodes.csv`),
    header([`x${y},${y >= 2025 ? 'M' : '1'},01/01/2010,WBRI,A1,,`], `${y}/header.csv`),
    oc3(`${y}/oc3.csv`, oc3Rows),
  ];
  // Born 15/08/2005: 19th birthday 15/08/2024 (2024-25), 20th 15/08/2025 (2025-26).
  const files = [...year(2025, ['cl,15/08/2005,YES,F1,B1']), ...year(2026, ['cl,15/08/2005,YES,G6,B2'])];

  it('reads the row of the year holding the birthday in the window, whichever file came last', () => {
    const at2025 = run(files, '2025-03-31');
    expect(figure(at2025, 'care-leavers-eet').numerator).toBe(1); // 2024-25's row: F1
    const at2026 = run([...files].reverse(), '2026-03-31');
    expect(figure(at2026, 'care-leavers-eet')).toMatchObject({ numerator: 0, denominator: 1 }); // 2025-26's: G6
  });

  it("leaves out a care leaver whose birthday's year has no OC3 among the files, and says so", () => {
    const result = run(year(2025, ['cl,15/08/2005,YES,F1,B1']), '2025-09-30'); // 20th birthday in 2025-26
    const f = figure(result, 'care-leavers-eet');
    expect(f.value).toBeNull();
    expect(f.units[0]?.reason).toBe(
      'not counted: 20th birthday 15/08/2025 is in 2025-26, and no OC3 of 2025-26 is among the files',
    );
  });

  it('checks codes by the file year: F3 was valid in 2017-18, not in 2021-22 (DfE rule 132)', () => {
    const old = run(year(2018, ['cl,15/08/1998,YES,F3,B1']), '2018-03-31');
    expect(old.errors).toEqual([]);
    const recent = run(year(2022, ['cl,15/08/2002,YES,F3,B1']), '2022-03-31');
    expect(recent.errors).toEqual([
      expect.objectContaining({
        rule: '132',
        field: 'ACTIV',
        message: 'ACTIV "F3" is not a valid code in collection year 2021-22',
      }),
    ]);
  });

  it('ACCOM S1 and X1 are not codes (DfE rule 133); IN_TOUCH is rule 131', () => {
    const result = run(year(2025, ['a,15/08/2005,YES,F1,S1', 'b,15/08/2005,MAYBE,F1,X2']), '2025-03-31');
    expect(result.errors.map((e) => [e.child, e.field, e.rule])).toEqual([
      ['a', 'ACCOM', '133'],
      ['b', 'IN_TOUCH', '131'],
    ]);
  });
});

/** Deterministic shuffles of a list (a small linear congruential generator: no clock, no Math.random). */
function shuffles<T>(items: readonly T[], count: number): T[][] {
  let seed = 22;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  });
}

describe('order-independence: any permutation of the same files gives the same figures and findings', () => {
  const check = (files: ReturnFile[], asAt: string) => {
    const first: ComputeResult = run(files, asAt);
    for (const order of [[...files].reverse(), ...shuffles(files, 4)]) expect(run(order, asAt)).toEqual(first);
    return first;
  };

  it('the four-year example (several years overlapping, every table, CIN censuses)', () => {
    const files = generateReturns(EXAMPLE_PRESET);
    const result = check(files, '2025-03-31');
    expect(result.errors).toEqual([]);
  });

  it('files whose years disagree about rows, warnings included', () => {
    const result = check(
      [
        header(['a,1,01/01/2012,WBRI,A1,,'], '2024_header.csv'),
        header(['a,1,01/01/2012,WBRI,A1,1,01/01/2024', 'b,1,01/01/2012,WBRI,A1,,'], '2025_header.csv'),
        episodes(['a,01/01/2023,S,C2,N1,U4,PR1,,X1,,,,'], '2024_episodes.csv'),
        episodes(
          ['a,01/01/2023,S,C2,N1,U5,PR1,01/06/2024,E11,,,,', 'b,01/05/2024,S,C2,N1,U5,PR1,,,,,,'],
          '2025_episodes.csv',
        ),
      ],
      '2025-03-31',
    );
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/kept the one from 2025_episodes.csv, the later collection year/),
    );
  });
});

describe('rows one file holds twice under one key', () => {
  it('a short break beginning and ending the day an episode begins is kept beside it, not merged into it', () => {
    const result = run(
      [
        header(['a,M,01/01/2012,WBRI,A1,,']),
        episodes(['a,01/05/2024,S,C2,N1,U4,PR1,,,,,,', 'a,01/05/2024,S,V3,N1,U4,PR1,01/05/2024,E8,,,,']),
      ],
      '2025-03-31',
    );
    expect(result.errors).toEqual([]);
    expect(figure(result, 'cic-count').value).toBe(1);
  });

  it('two missing episodes on one day are two', () => {
    const result = run(
      [
        ...lookedAfter({ a: { dob: '01/01/2012', episodes: [{ decom: '01/01/2024' }] } }),
        csvFile('missing.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END', [
          'a,01/01/2012,M,01/05/2024,01/05/2024',
          'a,01/01/2012,M,01/05/2024,01/05/2024',
        ]),
      ],
      '2025-03-31',
    );
    expect(figure(result, 'missing-episodes-in-care').value).toBe(2);
  });

  it('three years disagreeing about one episode give one answer in any order (the latest year)', () => {
    const files = [
      episodes(
        ['a,01/01/2021,S,C2,N1,U1,PR1,01/06/2022,E11,,,,', 'x,01/04/2021,S,C2,N1,U4,PR1,,,,,,'],
        '2022_episodes.csv',
      ),
      episodes(
        ['a,01/01/2021,S,C2,N1,U3,PR1,01/06/2022,E3,,,,', 'x,01/04/2022,S,C2,N1,U4,PR1,,,,,,'],
        '2023_episodes.csv',
      ),
      episodes(['a,01/01/2021,S,C2,N1,U1,PR1,,,,,,', 'x,01/04/2023,S,C2,N1,U4,PR1,,,,,,'], '2024_episodes.csv'),
      header(['a,1,01/01/2012,WBRI,A1,,', 'x,1,01/01/2012,WBRI,A2,,'], '2024_header.csv'),
    ];
    const first = run(files, '2024-03-31');
    for (const order of shuffles(files, 6)) expect(run(order, '2024-03-31')).toEqual(first);
  });
});
