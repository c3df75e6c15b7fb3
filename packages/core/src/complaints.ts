import { addWorkingDays, workingDaysBetween } from './working-days.ts';

/**
 * Complaints about children's social care: the statutory timescales of the Children Act 1989 Representations
 * Procedure (England) Regulations 2006, in working days (working-days.ts), counted from the day after the
 * complaint (stage 1), the request for an investigation (stage 2) or for a review panel (stage 3) was received.
 * - Stage 1, local resolution: 10 working days, or 20 where the timescale was extended.
 * - Stage 2, investigation: 25 working days, or at most 65 where extended.
 * - Stage 3, review panel: the panel within 30 working days of the request, its report within 5 working days
 *   of the panel, the council's response within 15 working days of the report.
 * The first slice of issue 24: the rules, in words a committee reads; the log, page and report come next.
 */

export const STAGE_TIMESCALES = {
  1: { standard: 10, extended: 20 },
  2: { standard: 25, extended: 65 },
  3: { panel: 30, report: 5, response: 15 },
} as const;

export type StageStep = {
  /** What had to be done: "Stage 1 response", "Stage 3 panel", ... */
  what: string;
  /** The last day it was due. */
  due: string;
  /** The day it was done, or null while it is not. */
  done: string | null;
  /** In time; false when done late or overdue now; null while open and not yet due. */
  inTime: boolean | null;
  /** Working days late (done late, or overdue today), else 0. */
  lateBy: number;
};

export type ComplaintStageRecord =
  | { stage: 1 | 2; received: string; extended: boolean; responded: string | null }
  | {
      stage: 3;
      received: string;
      panelHeld: string | null;
      panelReported: string | null;
      responded: string | null;
    };

function step(what: string, from: string, days: number, done: string | null, today: string): StageStep {
  const due = addWorkingDays(from, days);
  if (done !== null) {
    const lateBy = Math.max(0, workingDaysBetween(due, done));
    return { what, due, done, inTime: lateBy === 0, lateBy };
  }
  const lateBy = workingDaysBetween(due, today);
  return { what, due, done: null, inTime: lateBy > 0 ? false : null, lateBy };
}

/** Each timescale a stage had, and how it was met, as at `today`. */
export function stageSteps(record: ComplaintStageRecord, today: string): StageStep[] {
  if (record.stage !== 3) {
    const t = STAGE_TIMESCALES[record.stage];
    return [
      step(
        `Stage ${record.stage} response${record.extended ? ' (extended)' : ''}`,
        record.received,
        record.extended ? t.extended : t.standard,
        record.responded,
        today,
      ),
    ];
  }
  const t = STAGE_TIMESCALES[3];
  const steps = [step('Stage 3 panel', record.received, t.panel, record.panelHeld, today)];
  if (record.panelHeld !== null) {
    steps.push(step("Stage 3 panel's report", record.panelHeld, t.report, record.panelReported, today));
    if (record.panelReported !== null)
      steps.push(step("Stage 3 council's response", record.panelReported, t.response, record.responded, today));
  }
  return steps;
}

/** Per stage: how many responses were due and made, how many in time, and the share in time (null if none). */
export function timeliness(
  records: readonly ComplaintStageRecord[],
  today: string,
): Record<1 | 2 | 3, { responded: number; inTime: number; percent: number | null; overdue: number }> {
  const out = {
    1: { responded: 0, inTime: 0, percent: null as number | null, overdue: 0 },
    2: { responded: 0, inTime: 0, percent: null as number | null, overdue: 0 },
    3: { responded: 0, inTime: 0, percent: null as number | null, overdue: 0 },
  };
  for (const record of records) {
    const steps = stageSteps(record, today);
    const last = steps.at(-1)!;
    const row = out[record.stage];
    if (record.responded !== null) {
      row.responded += 1;
      if (steps.every((s) => s.inTime === true)) row.inTime += 1;
    } else if (last.inTime === false) row.overdue += 1;
  }
  for (const row of Object.values(out))
    row.percent = row.responded === 0 ? null : Math.round((1000 * row.inTime) / row.responded) / 10;
  return out;
}

/** The share of one stage's complaints that went on to the next (null with none at the first). */
export function escalationRate(from: number, to: number): number | null {
  return from === 0 ? null : Math.round((1000 * to) / from) / 10;
}
