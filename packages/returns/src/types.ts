/**
 * The shapes the returns package reads and produces. Everything child-level in here (child ids, dates of
 * birth, the lists of children counted) is for the analyst's eyes only: it must never be sent to the
 * server, written to the database or logged. Only `ComputedFigure`'s aggregate fields and
 * `Breakdown`s leave the analyst's machine (see `toAggregates`).
 */

/** A file as the analyst picked it: its name (for messages) and its text. */
export interface ReturnFile {
  name: string;
  text: string;
}

/** ISO date `yyyy-mm-dd`. Dates are compared as strings and computed on as whole days, never with a clock. */
export type IsoDate = string;

export type Severity = 'error' | 'warning';

/** One validation finding: where (file, table, row or child, field) and what, with DfE's rule code where one exists. */
export interface Finding {
  severity: Severity;
  /** The file the finding is in (its name as picked). */
  file?: string;
  /** SSDA903 table (`Header`, `Episodes`, ...) or `CIN` for the census. */
  table?: string;
  /** 1-based data row in the file (header is row 0), when the finding is about one row. */
  row?: number;
  /** The child's id as in the return, when the finding is about one child. Analyst's eyes only. */
  child?: string;
  field?: string;
  /** DfE validation rule code (for example `103`, `8500`), when DfE has one for this check. */
  rule?: string;
  message: string;
}

/** Catalogue ids of the indicators computed from the returns (RETURNS.md section 3). */
export const RETURNS_INDICATORS = [
  'cic-count',
  'cic-rate-per-10000',
  'placements-3-or-more',
  'placement-long-term-stability',
  'care-leavers-eet',
  'care-leavers-suitable-accommodation',
  'missing-episodes-in-care',
  'missing-children-in-care',
  'health-assessments',
  'dental-checks',
  'immunisations',
  'sdq-average-score',
  'rereferrals-12-months',
  'assessments-45-days',
  'cp-repeat-plans',
  'cp-plans-2-years',
  'cp-reviews-in-timescale',
  'adoption-a1-days',
  'adoption-a10-days',
  'adoption-a2-days',
  'adoption-a3-within-14-months',
] as const;
export type ReturnsIndicator = (typeof RETURNS_INDICATORS)[number];

export const BREAKDOWN_DIMENSIONS = [
  'age-band',
  'sex',
  'legal-status',
  'placement-type',
  'placement-provider',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** A figure within one group of one dimension: the same rule, restricted to the units in the group. */
export interface Breakdown {
  dimension: BreakdownDimension;
  /** Group id, for example `under-1`, `1-4`, `5-9`, `10-15`, `16-plus`; `male`, `female`, `unknown`; `own`, `other-la`, `private`, `voluntary`, `other`. */
  group: string;
  /** Plain-English label of the group ("Placed by the council itself"). */
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** One unit the rule considered (a child, an episode, a referral, an assessment, a plan) and why it counted or not. Analyst's eyes only. */
export interface CountedUnit {
  child: string;
  /** What the unit is when it is not the child itself ("missing episode from 03/05/2025", "referral of 12/02/2025"). */
  unit?: string;
  /** In the denominator (or the count, for a count). */
  inDenominator: boolean;
  /** In the numerator (for a count, equals inDenominator). */
  inNumerator: boolean;
  /** Why, in words: "3 placements in the 12 months to 30/06/2025 (from 01/07/2024, 02/10/2024, 15/03/2025)". */
  reason: string;
}

export interface ComputedFigure {
  indicator: ReturnsIndicator;
  /** Null when the rule gives no figure (empty denominator, missing table); `reason` says why. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Why there is no figure, or a caveat (population of another year used). */
  reason?: string;
  /** The rule in words, as in the decision note. */
  rule: string;
  /** The span the figure is over when it is not "the 12 months to d" (the adoption scorecard's 36 months). */
  basis?: string;
  /** The adoption scorecard's measures: the same rule over the 12 months to d, beside the three-year figure. */
  perYear?: PerYear;
  breakdowns: Breakdown[];
  /** The units behind the figure (empty when computed with `units: false`). Analyst's eyes only: never sent, stored or logged. */
  units: CountedUnit[];
}

export interface PerYear {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** "the 12 months to 31/03/2026 (from 01/04/2025)". */
  basis: string;
}

/** Population of children aged 0-17 by mid-year, for `cic-rate-per-10000`. */
export interface PopulationYear {
  year: number;
  population: number;
}

export interface ComputeOptions {
  asAt: IsoDate;
  /** ONS mid-year populations aged 0-17 for the council (any years available). */
  population?: PopulationYear[];
  /** Called now and then with the share done (0-1), for a progress bar. */
  onProgress?: (done: number) => void;
  /**
   * Whether each figure lists its units, with the reasons in words (default true: the browser shows them to
   * the analyst). False leaves every `units` empty and writes no reason, for a batch run that needs only the
   * figures: the values, numerators, denominators and breakdowns are the same either way.
   */
  units?: boolean;
}

export interface ComputeResult {
  asAt: IsoDate;
  /** The council's code as the returns state it (CIN `Source > LEA`), when they do. */
  la?: string;
  figures: ComputedFigure[];
  errors: Finding[];
  warnings: Finding[];
  /** Rule-set version (bumped when a rule changes), stored as provenance with a load. */
  ruleSet: string;
}
