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
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  DoLo: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
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
  /**
   * The collection year the row describes: its file's (see `fileYears`), 0 when no file says. A care leaver
   * has a row in each year holding a 17th to 21st birthday; the rule reads the one of the birthday's year.
   */
  year: number;
  dob: Day | null;
  inTouch: string;
  activ: string;
  accom: string;
}

/** An AD1 row: the adoption of a child adopted in the year (the match with adopters). */
export interface Ad1Row extends Source {
  child: string;
  /** DATE_INT: the decision that the child should be placed for adoption. */
  dateInt: Day | null;
  /** DATE_MATCH: the match of child and adopters. */
  dateMatch: Day | null;
  /** FOSTER_CARE as written: 1 when the child is adopted by their foster carer. */
  fosterCare: string;
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
  /** One AD1 row per child. */
  ad1: Map<string, Ad1Row>;
  /** One OC3 row per child and collection year. */
  oc3: Oc3Row[];
  missing: MissingRow[];
  /**
   * The collection year each SSDA903 file describes (year Y runs 1 April Y-1 to 31 March Y), from its own
   * dates (the latest DECOM, MIS_START, REVIEW, ...), else from a file beside it (same folder and the same
   * numbers in its name, as `2021-header.csv` beside `2021-episodes.csv`). Absent when nothing says: a
   * Header, OC2 or OC3 file given alone.
   */
  fileYears: Map<string, number>;
  /**
   * Rows read from the tables no rule uses yet (UASC, Reviews, PlacedAdoption, PrevPerm, SWEpisodes, DoLo): their dates are
   * checked but the rows are not kept (a national Reviews table alone is hundreds of thousands of rows).
   */
  otherRowCounts: Map<TableName, number>;
  cin: CinData | null;
  /** The council's code from the CIN census `Source > LEA`. */
  la?: string;
}
