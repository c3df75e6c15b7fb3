import { describe, expect, it } from 'vitest';
import { cinCensus, csvFile, EPISODE_COLUMNS, HEADER_COLUMNS, lookedAfter, run } from './test-files.ts';
import { RETURNS_INDICATORS, type ComputeResult, type Finding } from './types.ts';

const D = '2025-03-31';

function onlyError(result: ComputeResult): Finding {
  expect(result.figures).toEqual([]);
  expect(result.errors).toHaveLength(1);
  return result.errors[0] as Finding;
}

describe('SSDA903 errors stop the computation and say where', () => {
  it('a required column missing', () => {
    const files = [
      csvFile('header.csv', HEADER_COLUMNS, ['a,1,01/01/2015,WBRI,A1,,']),
      csvFile('episodes.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC', ['a,01/01/2024,S,C2,N1,U4,,']),
    ];
    const result = run(files, D);
    expect(result.figures).toEqual([]);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ file: 'episodes.csv', table: 'Episodes', field: 'PLACE_PROVIDER', severity: 'error' }),
    );
  });

  it('a date that does not parse (DfE rule 141 for DECOM)', () => {
    const error = onlyError(run(lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '2024/13/01' }] } }), D));
    expect(error).toMatchObject({
      file: 'episodes.csv',
      table: 'Episodes',
      row: 1,
      child: 'a',
      field: 'DECOM',
      rule: '141',
    });
    expect(error.message).toBe('DECOM "2024/13/01" is not a date written dd/mm/yyyy');
  });

  it('DEC before DECOM', () => {
    const error = onlyError(
      run(lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/01/2024', dec: '31/12/2023' }] } }), D),
    );
    expect(error).toMatchObject({ table: 'Episodes', row: 1, child: 'a', field: 'DEC' });
  });

  it('episodes overlapping within a child', () => {
    const error = onlyError(
      run(
        lookedAfter({
          a: {
            dob: '01/01/2015',
            episodes: [
              { decom: '01/01/2024', dec: '01/03/2024' },
              { decom: '01/02/2024', rne: 'P' },
            ],
          },
        }),
        D,
      ),
    );
    expect(error).toMatchObject({ table: 'Episodes', row: 2, child: 'a', field: 'DECOM' });
    expect(error.message).toContain('overlaps the one before it');
  });

  it('a chain that restarts without RNE S', () => {
    const error = onlyError(
      run(
        lookedAfter({
          a: {
            dob: '01/01/2015',
            episodes: [
              { decom: '01/01/2024', dec: '01/03/2024' },
              { decom: '05/03/2024', rne: 'P' },
            ],
          },
        }),
        D,
      ),
    );
    expect(error).toMatchObject({ table: 'Episodes', row: 2, child: 'a', field: 'RNE' });
  });

  it.each([
    ['RNE', { rne: 'X' }, '143'],
    ['LS', { ls: 'C9' }, '144'],
    ['PLACE', { place: 'H5' }, '146'], // H5 is gone from 2024-25
    ['PLACE', { place: 'Z11' }, '146'], // Z11 comes in 2025-26
    ['PLACE_PROVIDER', { provider: 'PR9' }, undefined],
    ['REC', { dec: '01/03/2025', rec: 'E99' }, '149'],
  ])('a %s code not valid for the collection year', (field, episode, rule) => {
    const error = onlyError(
      run(lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/06/2024', ...episode }] } }), D),
    );
    expect(error).toMatchObject({ file: 'episodes.csv', table: 'Episodes', row: 1, child: 'a', field, rule });
  });

  it('codes by collection year: H5 and P2 before April 2024, K3 after, Z11 from April 2025', () => {
    const ok = (decom: string, place: string) =>
      run(lookedAfter({ a: { dob: '01/01/2015', sex: 'M', episodes: [{ decom, place }] } }), '2025-06-30').errors;
    expect(ok('31/03/2024', 'H5')).toEqual([]);
    expect(ok('31/03/2024', 'P2')).toEqual([]);
    expect(ok('01/04/2024', 'K3')).toEqual([]);
    expect(ok('31/03/2024', 'K3')).toHaveLength(1);
    expect(ok('01/04/2025', 'Z11')).toEqual([]);
  });

  it('SEX 1/2 until 2024, M/F/U from 2025: 1 is wrong when every episode is from 2025-26', () => {
    const result = run(
      lookedAfter({ a: { dob: '01/01/2015', sex: '1', episodes: [{ decom: '01/06/2025' }] } }),
      '2025-06-30',
    );
    expect(onlyError(result)).toMatchObject({ table: 'Header', child: 'a', field: 'SEX', rule: '101' });
  });

  it('a child in Episodes missing from Header', () => {
    const files = [
      csvFile('header.csv', HEADER_COLUMNS, ['a,1,01/01/2015,WBRI,A1,,']),
      csvFile('episodes.csv', EPISODE_COLUMNS, [
        'a,01/01/2024,S,C2,N1,U4,PR1,,,,,,',
        'b,01/01/2024,S,C2,N1,U4,PR1,,,,,,',
      ]),
    ];
    expect(onlyError(run(files, D))).toMatchObject({ table: 'Episodes', row: 2, child: 'b', field: 'CHILD' });
  });

  it('MISSING and OC3 codes', () => {
    const result = run(
      [
        csvFile('missing.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END', ['a,01/01/2010,X,01/06/2024,']),
        csvFile('oc3.csv', 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', ['b,01/06/2005,MAYBE,F9,B1']),
      ],
      D,
    );
    expect(result.figures).toEqual([]);
    // In the order an analyst reads them: by file, then row, then field.
    expect(result.errors.map((e) => [e.table, e.row, e.child, e.field, e.rule])).toEqual([
      ['Missing', 1, 'a', 'MISSING', '1006'],
      ['OC3', 1, 'b', 'ACTIV', '132'],
      ['OC3', 1, 'b', 'IN_TOUCH', '131'],
    ]);
  });
});

describe('CIN errors', () => {
  it.each([
    [
      { date: '2024-06-01', assessments: [{ start: '2024-06-10', authorised: '2024-06-09' }] },
      'AssessmentAuthorisationDate',
    ],
    [{ date: '2024-06-01', plans: [{ start: '2024-06-10', end: '2024-06-09' }] }, 'CPPendDate'],
    [{ date: '2024-06-01', closure: '2024-05-31' }, 'CINclosureDate'],
    [{ date: '01/06/2024' }, 'CINreferralDate'],
    [{ date: '2024-06-01', plans: [{ start: '2024-06-10', reviews: ['2024-13-01'] }] }, 'CPPreviewDate'],
  ])('%j gives an error on %s', (referral, field) => {
    const error = onlyError(run([cinCensus({ c1: { referrals: [referral] } })], D));
    expect(error).toMatchObject({ file: 'cin.xml', table: 'CIN', child: 'c1', field, severity: 'error' });
  });
});

describe('warnings do not stop the computation', () => {
  it('a first episode that is not RNE S is said once, with the number of children', () => {
    const result = run(lookedAfter({ a: { dob: '01/01/2015', episodes: [{ decom: '01/06/2024', rne: 'P' }] } }), D);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toMatch(/^1 child's first episode in the files is not RNE S/);
    expect(result.figures).toHaveLength(RETURNS_INDICATORS.length);
  });

  it('an invalid asAt is an error', () => {
    expect(onlyError(run([], '31/03/2025'))).toMatchObject({ field: 'asAt' });
  });
});
