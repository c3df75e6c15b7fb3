/**
 * The returns as read: SSDA903 tables merged across files (several collection years), and the CIN census
 * merged across files. Child-level: analyst's eyes only. Dates are day numbers (see `dates.ts`); a date
 * that did not parse is null and has an error finding.
 */
import type { Day } from './dates.ts';

export const SSDA903_TABLES = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: [
    'CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE',
    'HOME_POST', 'PL_POST', 'URN',
  ],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  OC2: [
    'CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK',
    'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED',
  ],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
} as const satisfies Record<string, readonly string[]>; // prettier-ignore

export type TableName = keyof typeof SSDA903_TABLES;
export const TABLE_NAMES = Object.keys(SSDA903_TABLES) as TableName[];

/** Where a row came from: the file's name and its 1-based data row (kept on the row itself, not as an object of its own: a national set has most of a million rows). */
export interface Source {
  file: string;
  row: number;
}

export interface HeaderRow extends Source {
  child: string;
  /** As in the file: 1/2 before 2025, M/F/U from 2025. */
  sex: string;
  dob: Day | null;
  /** ETHNIC, UPN, MOTHER and MC_DOB as written, to tell two years' versions apart. */
  rest: string;
}

export interface Episode extends Source {
  child: string;
  decom: Day | null;
  dec: Day | null;
  rne: string;
  ls: string;
  place: string;
  provider: string;
  rec: string;
}

export interface Oc2Row extends Source {
  child: string;
  dob: Day | null;
  /** SDQ_SCORE as written ('' when not given). */
  sdqScore: string;
  healthCheck: string;
  immunisations: string;
  teethCheck: string;
}

export interface Oc3Row extends Source {
  child: string;
  dob: Day | null;
  inTouch: string;
  activ: string;
  accom: string;
}

export interface MissingRow extends Source {
  child: string;
  missing: string;
  start: Day | null;
  end: Day | null;
}

export interface CpPlan {
  child: string;
  start: Day | null;
  end: Day | null;
  /** NumberOfPreviousCPP, null when absent or not a number. */
  previous: number | null;
  reviews: Day[];
}

export interface Assessment {
  child: string;
  start: Day | null;
  authorised: Day | null;
}

export interface Referral {
  child: string;
  date: Day | null;
  closure: Day | null;
  assessments: Assessment[];
  plans: CpPlan[];
  file: string;
  /** The census Year it was read from: a later census's version of the same referral replaces it. */
  censusYear: number;
}

export interface CinChild {
  child: string;
  dob: Day | null;
  /** As in the file (M/F/U, or 1/2/0/9 in older censuses). */
  sex: string;
  referrals: Referral[];
  /** The latest census Year the child was read from (its identifiers are taken from it). */
  censusYear: number;
}

export interface CinData {
  children: Map<string, CinChild>;
  files: string[];
}

export interface ReturnsData {
  /** SSDA903 tables found among the files, with the files each came from. */
  tables: Map<TableName, string[]>;
  header: Map<string, HeaderRow>;
  /** Every episode, V3/V4 short breaks included, sorted by child then DECOM. */
  episodes: Episode[];
  oc2: Oc2Row[];
  oc3: Oc3Row[];
  missing: MissingRow[];
  /**
   * Rows read from the tables no rule uses yet (UASC, Reviews, AD1, PlacedAdoption, PrevPerm): their dates are
   * checked but the rows are not kept (a national Reviews table alone is hundreds of thousands of rows).
   */
  otherRowCounts: Map<TableName, number>;
  cin: CinData | null;
  /** The council's code from the CIN census `Source > LEA`. */
  la?: string;
}
