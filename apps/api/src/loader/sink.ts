import type { LoadProblem } from '@indicate/contracts';

/** One figure ready to be staged: every check on its own row has passed. */
export type StagedRow = {
  row: number;
  indicatorId: string;
  /** `target`: the council's target for the period (stored in the targets table, not as an observation). */
  geographyLevel:
    'national' | 'regional' | 'local-authority' | 'stat-neighbours' | 'local-authority-breakdown' | 'target';
  geographyCode: string;
  periodId: string;
  periodKind: string;
  periodEnd: number;
  /** `dimension:group` on a breakdown row (level `local-authority-breakdown`); absent or '' otherwise. */
  breakdown?: string;
  previousPeriodId: string;
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  status: 'provisional' | 'final';
  publishedQuartile: number | null;
  sourceRef: string;
  note: string | null;
  /** Only on target rows: the target's own tolerance, else the catalogue's applies. */
  toleranceKind: 'absolute' | 'relative' | null;
  toleranceAmount: number | null;
};

/** Where readers put what they find; the staging session is the real one. */
export interface RowSink {
  add(row: StagedRow): void;
  error(problem: LoadProblem): void;
  warn(problem: LoadProblem): void;
  notUsed(count?: number): void;
  read(count?: number): void;
}
