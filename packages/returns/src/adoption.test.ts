/**
 * The adoption scorecard (RETURNS.md section 4) on hand-worked children, as at 31/03/2024: the 36 months
 * from 01/04/2021, the 12 months from 01/04/2023. Days worked out by hand (and checked with a calendar).
 */
import { describe, expect, it } from 'vitest';
import { csvFile, lookedAfter, run } from './test-files.ts';
import type { ComputedFigure, ComputeResult } from './types.ts';

const D = '2024-03-31';
const files = [
  ...lookedAfter({
    // Entered 01/01/2022, placement order 01/06/2022, moved in 01/03/2023 (entered + 14 months exactly:
    // not "before", so not counted in A3), adopted 01/09/2023. A1 424 days; matched 15/02/2023: A2 259.
    a: {
      dob: '01/01/2020',
      episodes: [
        { decom: '01/01/2022', dec: '01/06/2022', ls: 'C2', place: 'U4' },
        { decom: '01/06/2022', dec: '01/03/2023', rne: 'L', ls: 'E1', place: 'U4' },
        { decom: '01/03/2023', dec: '01/09/2023', rne: 'P', ls: 'E1', place: 'A4', rec: 'E11' },
      ],
    },
    // Entered 01/10/2020, order 01/05/2021, moved in 30/11/2021 (the day before entered + 14 months: counted
    // in A3), adopted 01/06/2022 (in the 36 months, not the 12). A1 425; matched 01/11/2021: A2 184.
    b: {
      dob: '01/01/2019',
      episodes: [
        { decom: '01/10/2020', dec: '01/05/2021', ls: 'C2', place: 'U4' },
        { decom: '01/05/2021', dec: '30/11/2021', rne: 'L', ls: 'E1', place: 'U4' },
        { decom: '30/11/2021', dec: '01/06/2022', rne: 'P', ls: 'E1', place: 'A4', rec: 'E12' },
      ],
    },
    // Adopted by the foster carer: entered 01/05/2021, moved to the carer 01/08/2021 (RNE P), the carer's
    // placement became an adoptive one 01/02/2023 (A5, RNE T), adopted 10/10/2023. A1 641, A10 92. The
    // match (01/01/2023) came before the placement order (01/02/2023): A2 counts 0.
    c: {
      dob: '01/01/2020',
      episodes: [
        { decom: '01/05/2021', dec: '01/08/2021', ls: 'C2', place: 'U4' },
        { decom: '01/08/2021', dec: '01/02/2023', rne: 'P', ls: 'C2', place: 'U1' },
        { decom: '01/02/2023', dec: '10/10/2023', rne: 'T', ls: 'E1', place: 'A5', rec: 'E11' },
      ],
    },
    // Adopted 31/03/2021, the day before the 36 months: not counted.
    d: {
      dob: '01/01/2017',
      episodes: [
        { decom: '01/01/2019', dec: '01/06/2019', ls: 'C2', place: 'U4' },
        { decom: '01/06/2019', dec: '31/03/2021', rne: 'P', ls: 'E1', place: 'A4', rec: 'E11' },
      ],
    },
    // Adopted in the 12 months with no adoptive placement or placement order recorded: left out of every
    // measure, with the reason.
    e: {
      dob: '01/01/2018',
      episodes: [{ decom: '01/01/2022', dec: '01/02/2024', ls: 'C2', place: 'U4', rec: 'E11' }],
    },
  }),
  csvFile('ad1.csv', 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR', [
    'a,01/01/2020,01/04/2022,15/02/2023,0,2,MF,L0',
    'b,01/01/2019,01/03/2021,01/11/2021,0,1,F,L0',
    'c,01/01/2020,01/12/2022,01/01/2023,1,2,MF,L0',
  ]),
];

const result: ComputeResult = run(files, D);
const figure = (id: string) => result.figures.find((f) => f.indicator === id) as ComputedFigure;
const counted = (f: ComputedFigure) => f.units.filter((u) => u.inDenominator).map((u) => u.child);

describe('adoption scorecard from the returns, as at 31/03/2024', () => {
  it('has no errors', () => expect(result.errors).toEqual([]));

  it('A1: mean days from entering care to moving in, over the 36 months and the 12', () => {
    const a1 = figure('adoption-a1-days');
    expect(counted(a1)).toEqual(['a', 'b', 'c']);
    expect(a1).toMatchObject({ numerator: 424 + 425 + 641, denominator: 3 });
    expect(a1.value).toBeCloseTo(1490 / 3, 10);
    expect(a1.perYear).toMatchObject({ numerator: 424 + 641, denominator: 2, value: 532.5 });
    expect(a1.basis).toBe('the 36 months to 31/03/2024 (from 01/04/2021)');
    expect(a1.units.find((u) => u.child === 'e')?.reason).toBe(
      'not counted: no episode with PLACE A3-A6 in the period of care',
    );
    expect(a1.units.some((u) => u.child === 'd')).toBe(false);
  });

  it('A10: a foster carer adoption counts to the day the child moved in with the carer', () => {
    const a10 = figure('adoption-a10-days');
    expect(a10).toMatchObject({ numerator: 424 + 425 + 92, denominator: 3 });
    expect(a10.perYear).toMatchObject({ numerator: 424 + 92, denominator: 2, value: 258 });
    expect(a10.units.find((u) => u.child === 'c')?.reason).toBe(
      'entered care 01/05/2021, adopted by the foster carer they moved in with on 01/08/2021: 92 days',
    );
  });

  it('A2: authority to match, 0 where the match came first; no order or no match left out', () => {
    const a2 = figure('adoption-a2-days');
    expect(a2).toMatchObject({ numerator: 259 + 184 + 0, denominator: 3 });
    expect(a2.perYear).toMatchObject({ numerator: 259, denominator: 2, value: 129.5 });
    expect(a2.units.find((u) => u.child === 'c')?.reason).toBe(
      'authority to place 01/02/2023, matched 01/01/2023 (before the authority: 0 days): 0 days',
    );
    expect(a2.units.find((u) => u.child === 'e')?.reason).toMatch(/^not counted: no episode with LS E1 or D1/);
  });

  it('A3: moved in before entered care + 14 months (the day itself is not before)', () => {
    const a3 = figure('adoption-a3-within-14-months');
    expect(a3).toMatchObject({ numerator: 1, denominator: 3 });
    expect(a3.units.filter((u) => u.inNumerator).map((u) => u.child)).toEqual(['b']);
    expect(a3.perYear).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
  });

  it('a child with no match in AD1 is left out of A2 only', () => {
    const withoutAd1 = run(files.slice(0, 2), D);
    const a2 = withoutAd1.figures.find((f) => f.indicator === 'adoption-a2-days') as ComputedFigure;
    expect(a2.value).toBeNull();
    expect(a2.units.find((u) => u.child === 'a')?.reason).toBe('not counted: no AD1 DATE_MATCH for the child');
    expect(withoutAd1.figures.find((f) => f.indicator === 'adoption-a1-days')?.denominator).toBe(3);
  });
});

describe('a period of care that began before the files do', () => {
  it('is left out of A1, A10 and A3 with the reason (its day of entering care is not known), and kept in A2', () => {
    const result = run(
      [
        ...lookedAfter({
          early: {
            dob: '01/01/2019',
            episodes: [
              { decom: '01/04/2022', rne: 'L', ls: 'E1', place: 'U4', dec: '01/10/2022' },
              { decom: '01/10/2022', rne: 'P', ls: 'E1', place: 'A4', dec: '01/06/2023', rec: 'E11' },
            ],
          },
        }),
        csvFile('ad1.csv', 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR', [
          'early,01/01/2019,01/05/2022,01/09/2022,0,2,MF,L0',
        ]),
      ],
      D,
    );
    const a1 = result.figures.find((f) => f.indicator === 'adoption-a1-days') as ComputedFigure;
    expect(a1.value).toBeNull();
    expect(a1.units[0]?.reason).toMatch(/^not counted: the period of care began before the files do/);
    // A2 needs only the order (01/04/2022) and the match (01/09/2022): 153 days.
    expect(result.figures.find((f) => f.indicator === 'adoption-a2-days')).toMatchObject({
      numerator: 153,
      denominator: 1,
    });
  });
});
