/**
 * SSDA903 code lists the rules use, as data per collection year (year Y runs 1 April Y-1 to 31 March Y).
 * A list holds from its `from` year until a later entry replaces it. Changes kept here:
 * - SEX: 1 (male) and 2 (female) until 2024; M, F and U from 2025.
 * - PLACE: K3 added and H5, P2 removed in 2025; Z1 replaced by Z11-Z14 in 2026.
 * - ACCOM: no S1 or X1 (DfE rule 133).
 * - ACTIV: F3/P3 replaced by F4/P4 (training) and F5/P5 (employment) in 2019.
 */

export type CodedField =
  'RNE' | 'LS' | 'PLACE' | 'PLACE_PROVIDER' | 'REC' | 'SEX' | 'MISSING' | 'IN_TOUCH' | 'ACTIV' | 'ACCOM';

interface CodeListVersion {
  /** First collection year the list holds for. */
  from: number;
  codes: readonly string[];
}

// prettier-ignore
const PLACE_BEFORE_2025 = [
  'A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1',
  'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1',
];
const PLACE_2025 = [...PLACE_BEFORE_2025.filter((code) => code !== 'H5' && code !== 'P2'), 'K3'];
const PLACE_2026 = [...PLACE_2025.filter((code) => code !== 'Z1'), 'Z11', 'Z12', 'Z13', 'Z14'];

// DfE rule 133's list: every letter with 1 (suitable) and 2 (not suitable), except S1 and X1 (no such codes).
const ACCOM = ['B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z']
  .flatMap((letter) => [`${letter}1`, `${letter}2`])
  .filter((code) => code !== 'S1' && code !== 'X1');

export const CODE_LISTS: Record<CodedField, readonly CodeListVersion[]> = {
  RNE: [{ from: 0, codes: ['S', 'L', 'P', 'T', 'U', 'B'] }],
  LS: [{ from: 0, codes: ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3'] }],
  PLACE: [
    { from: 0, codes: PLACE_BEFORE_2025 },
    { from: 2025, codes: PLACE_2025 },
    { from: 2026, codes: PLACE_2026 },
  ],
  PLACE_PROVIDER: [{ from: 0, codes: ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'] }],
  REC: [
    // prettier-ignore
    {
      from: 0,
      codes: [
        'X1', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E4A', 'E4B', 'E41', 'E43', 'E44',
        'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7', 'E8', 'E9',
      ],
    },
  ],
  SEX: [
    { from: 0, codes: ['1', '2'] },
    { from: 2025, codes: ['M', 'F', 'U'] },
  ],
  MISSING: [{ from: 0, codes: ['M', 'A'] }],
  IN_TOUCH: [{ from: 0, codes: ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'] }],
  ACTIV: [
    { from: 0, codes: ['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'G4', 'G5', 'G6', '0'] },
    { from: 2019, codes: ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'] },
  ],
  ACCOM: [{ from: 0, codes: [...ACCOM, '0'] }],
};

/** The latest collection year with a change in these lists. */
export const LATEST_CODE_YEAR = Math.max(
  ...Object.values(CODE_LISTS).flatMap((versions) => versions.map((v) => v.from)),
);

const SETS = new Map<CodedField, { from: number; codes: Set<string> }[]>(
  (Object.keys(CODE_LISTS) as CodedField[]).map((field) => [
    field,
    CODE_LISTS[field].map((version) => ({ from: version.from, codes: new Set(version.codes) })),
  ]),
);

/** The codes valid for `field` in collection year `year`. */
export function codesFor(field: CodedField, year: number): ReadonlySet<string> {
  const versions = SETS.get(field) ?? [];
  let current: ReadonlySet<string> = new Set();
  for (const version of versions) if (version.from <= year) current = version.codes;
  return current;
}

/** Whether `code` is valid for `field` in `year`, or (year null) in any year. */
export function isValidCode(field: CodedField, code: string, year: number | null): boolean {
  if (year !== null) return codesFor(field, year).has(code);
  return (SETS.get(field) ?? []).some((version) => version.codes.has(code));
}

/** Whether `code` is valid for `field` in at least one of the years `first`..`last`. */
export function isValidInYears(field: CodedField, code: string, first: number, last: number): boolean {
  for (let year = first; year <= last; year++) if (codesFor(field, year).has(code)) return true;
  return false;
}
