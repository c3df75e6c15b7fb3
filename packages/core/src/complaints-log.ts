/**
 * A council's complaints log, row by row, before anything is loaded (issue 24): what a row must hold and how
 * its dates must run, each problem named with its row and column as the loader names a figure's. The log's
 * columns are the councils' own (received date, stage, response date, extension, outcome, team, category,
 * whether from a child or young person, advocate offered, the Ombudsman's decision).
 */

export const COMPLAINT_OUTCOMES = ['upheld', 'partly upheld', 'not upheld', 'withdrawn'] as const;
export const OMBUDSMAN_DECISIONS = [
  'upheld',
  'not upheld',
  'not investigated',
  'closed after initial enquiries',
] as const;

export type ComplaintLogRow = {
  row: number;
  reference: string;
  stage: string;
  received: string;
  responded: string;
  extended: string;
  outcome: string;
  fromChild: string;
  advocateOffered: string;
  ombudsman: string;
};

export type LogProblem = { row: number; column: string; message: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const YES_NO = new Set(['yes', 'no', '']);

function realDate(text: string): boolean {
  if (!ISO.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Every problem in a log: a missing or unknown stage, dates that are not dates or that run backwards, an
 * extension at stage 3 (its timescales have none), an outcome or Ombudsman decision not in the lists, a
 * complaint at stage 2 or 3 with no earlier stage in the log, and the same reference twice at one stage.
 */
export function complaintLogProblems(rows: readonly ComplaintLogRow[], today: string): LogProblem[] {
  const problems: LogProblem[] = [];
  const stages = new Map<string, Set<number>>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const add = (column: string, message: string) => problems.push({ row: r.row, column, message });
    const stage = Number(r.stage);
    if (r.reference.trim() === '') add('reference', 'each complaint needs its reference');
    if (![1, 2, 3].includes(stage)) add('stage', `stage must be 1, 2 or 3, not "${r.stage}"`);
    if (!realDate(r.received)) add('received', `"${r.received}" is not a date written yyyy-mm-dd`);
    else if (r.received > today) add('received', `received ${r.received}, after today (${today})`);
    if (r.responded !== '') {
      if (!realDate(r.responded)) add('responded', `"${r.responded}" is not a date written yyyy-mm-dd`);
      else if (realDate(r.received) && r.responded < r.received)
        add('responded', `responded ${r.responded}, before it was received (${r.received})`);
    }
    const extended = r.extended.trim().toLowerCase();
    if (!YES_NO.has(extended)) add('extended', `extended must be yes or no, not "${r.extended}"`);
    else if (extended === 'yes' && stage === 3) add('extended', 'stage 3 has no extension: its timescales are fixed');
    const outcome = r.outcome.trim().toLowerCase();
    if (outcome !== '' && !(COMPLAINT_OUTCOMES as readonly string[]).includes(outcome))
      add('outcome', `outcome must be one of ${COMPLAINT_OUTCOMES.join(', ')}, not "${r.outcome}"`);
    if (outcome !== '' && outcome !== 'withdrawn' && r.responded === '')
      add('outcome', 'an outcome is given but no response date');
    for (const [column, value] of [
      ['from_child', r.fromChild],
      ['advocate_offered', r.advocateOffered],
    ] as const) {
      if (!YES_NO.has(value.trim().toLowerCase())) add(column, `${column} must be yes or no, not "${value}"`);
    }
    const ombudsman = r.ombudsman.trim().toLowerCase();
    if (ombudsman !== '' && !(OMBUDSMAN_DECISIONS as readonly string[]).includes(ombudsman))
      add(
        'ombudsman',
        `the Ombudsman's decision must be one of ${OMBUDSMAN_DECISIONS.join(', ')}, not "${r.ombudsman}"`,
      );
    const key = `${r.reference.trim()}|${stage}`;
    if (seen.has(key)) add('reference', `the same complaint at stage ${stage} as row ${seen.get(key)}`);
    else seen.set(key, r.row);
    const list = stages.get(r.reference.trim()) ?? new Set<number>();
    list.add(stage);
    stages.set(r.reference.trim(), list);
  }
  for (const r of rows) {
    const stage = Number(r.stage);
    if (stage > 1 && !stages.get(r.reference.trim())?.has(stage - 1))
      problems.push({
        row: r.row,
        column: 'stage',
        message: `stage ${stage} of ${r.reference.trim()} with no stage ${stage - 1} in the log`,
      });
  }
  return problems.sort((a, b) => a.row - b.row);
}
