import { complaintLogProblems, COMPLAINT_OUTCOMES, OMBUDSMAN_DECISIONS, type LogProblem } from './complaints-log.ts';

/**
 * The service logs behind the committee's other statutory reports (issue 24): the fostering households
 * register, the recruitment funnel, the complaints log, compliments, Ofsted inspections and the inspection action
 * plan. Each is a spreadsheet the service already keeps, one row per household, enquiry, complaint stage,
 * compliment, inspection or action. A log is loaded whole (it replaces the log of its kind, and the earlier one is
 * kept), through the same loader as figures: recognised by its columns, every row checked here, nothing written
 * while any error remains.
 */

export const LOG_KINDS = [
  'fostering-households',
  'fostering-recruitment',
  'complaints',
  'compliments',
  'inspections',
  'inspection-actions',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** Which report each log feeds. */
export const LOG_REPORT: Record<LogKind, 'fostering' | 'complaints' | 'inspection'> = {
  'fostering-households': 'fostering',
  'fostering-recruitment': 'fostering',
  complaints: 'complaints',
  compliments: 'complaints',
  inspections: 'inspection',
  'inspection-actions': 'inspection',
};

type ColumnType =
  | { kind: 'id' }
  | { kind: 'text'; max: number }
  /** A day; `future` when a day after today is allowed (a due day). */
  | { kind: 'date'; future?: boolean }
  /** Days separated by semicolons (the annual reviews held). */
  | { kind: 'dates' }
  | { kind: 'count'; max: number }
  | { kind: 'yes-no' }
  | { kind: 'one-of'; values: readonly string[] }
  /** Indicate measure ids separated by semicolons. */
  | { kind: 'measures' };

export type LogColumn = { name: string; required: boolean; type: ColumnType; help: string };

export type LogDefinition = {
  kind: LogKind;
  title: string;
  /** One row is one of these. */
  rowIs: string;
  /** The columns whose values together name a row: the same twice is an error, and a reload compares by it. */
  key: readonly string[];
  columns: readonly LogColumn[];
};

export const HOUSEHOLD_TYPES = ['mainstream', 'connected person'] as const;
/** Why a household left, as Ofsted's fostering data collection groups the reasons. */
export const DEREGISTRATION_REASONS = [
  'retirement or change in circumstances',
  'child reached 18 or staying put',
  'special guardianship or adoption',
  'transferred to another fostering service',
  'concerns about standards of care',
  'dissatisfied with the service',
  'other',
] as const;
export const WITHDRAWAL_REASONS = [
  'applicant withdrew',
  'service ended the assessment',
  'not approved',
  'transferred to another fostering service',
  'other',
] as const;
export const COMPLIMENT_FROM = ['child or young person', 'parent or carer', 'professional', 'other'] as const;
export const INSPECTION_TYPES = [
  'ILACS standard inspection',
  'ILACS short inspection',
  'focused visit',
  'monitoring visit',
  'joint targeted area inspection',
] as const;
export const OFSTED_GRADES = ['outstanding', 'good', 'requires improvement to be good', 'inadequate'] as const;
export const RAG_WORDS = ['red', 'amber', 'green'] as const;

const id = (name: string, help: string): LogColumn => ({ name, required: true, type: { kind: 'id' }, help });
const day = (name: string, required: boolean, help: string, future = false): LogColumn => ({
  name,
  required,
  type: { kind: 'date', future },
  help,
});
const text = (name: string, required: boolean, max: number, help: string): LogColumn => ({
  name,
  required,
  type: { kind: 'text', max },
  help,
});
const oneOf = (name: string, required: boolean, values: readonly string[], help: string): LogColumn => ({
  name,
  required,
  type: { kind: 'one-of', values },
  help,
});
const yesNo = (name: string, help: string): LogColumn => ({ name, required: false, type: { kind: 'yes-no' }, help });

export const LOG_DEFINITIONS: Record<LogKind, LogDefinition> = {
  'fostering-households': {
    kind: 'fostering-households',
    title: 'Fostering households register',
    rowIs: 'a fostering household the service has approved',
    key: ['household'],
    columns: [
      id('household', "The household's reference in the service's own system (no names)."),
      oneOf('type', true, HOUSEHOLD_TYPES, 'Mainstream, or connected person (family and friends carers).'),
      day('approved', true, 'The day the household was approved.'),
      {
        name: 'places',
        required: true,
        type: { kind: 'count', max: 20 },
        help: 'The number of children it is approved for.',
      },
      { name: 'placed', required: false, type: { kind: 'count', max: 20 }, help: 'Children living with it now.' },
      {
        name: 'reviews',
        required: false,
        type: { kind: 'dates' },
        help: 'Annual reviews held, dates separated by ";".',
      },
      day('deregistered', false, 'The day it stopped fostering for the service; empty while approved.'),
      oneOf('deregistration_reason', false, DEREGISTRATION_REASONS, 'Why it stopped; needed with a de-registration.'),
    ],
  },
  'fostering-recruitment': {
    kind: 'fostering-recruitment',
    title: 'Foster carer recruitment',
    rowIs: 'an enquiry from someone who might foster',
    key: ['enquiry'],
    columns: [
      id('enquiry', "The enquiry's reference (no names)."),
      oneOf('type', false, HOUSEHOLD_TYPES, 'Mainstream (the default), or connected person.'),
      day('enquired', true, 'The day the enquiry came in.'),
      day('applied', false, 'The day the application was made (the assessment starts).'),
      day('panel', false, 'The day the fostering panel considered it.'),
      day('approved', false, 'The day the household was approved.'),
      day('withdrew', false, 'The day the application or enquiry ended without approval.'),
      oneOf('withdrawal_reason', false, WITHDRAWAL_REASONS, 'Why it ended; needed with a withdrawal.'),
    ],
  },
  complaints: {
    kind: 'complaints',
    title: 'Complaints log (children’s social care)',
    rowIs: 'one stage of one complaint',
    key: ['reference', 'stage'],
    columns: [
      id('reference', "The complaint's reference; the same at every stage."),
      oneOf('stage', true, ['1', '2', '3'], '1 local resolution, 2 investigation, 3 review panel.'),
      day('received', true, 'The day the complaint (or the request for this stage) was received.'),
      day('responded', false, "The day the stage's response was sent (stage 3: the council's response)."),
      yesNo('extended', 'yes when the timescale was extended (stages 1 and 2 only).'),
      oneOf('outcome', false, COMPLAINT_OUTCOMES, 'Upheld, partly upheld, not upheld or withdrawn.'),
      text('team', false, 80, 'The team complained about.'),
      text('category', false, 80, 'What it was about (communication, quality of service, ...).'),
      yesNo('from_child', 'yes when made by a child or young person.'),
      yesNo('advocate_offered', 'yes when a child or young person was offered an advocate.'),
      day('panel_held', false, 'Stage 3: the day the review panel met.'),
      day('panel_reported', false, "Stage 3: the day the panel's report was sent."),
      oneOf(
        'ombudsman',
        false,
        OMBUDSMAN_DECISIONS,
        "The Local Government and Social Care Ombudsman's decision, if any.",
      ),
      text('learning', false, 500, 'What the service learned or changed (no names: shown to staff only).'),
    ],
  },
  compliments: {
    kind: 'compliments',
    title: 'Compliments',
    rowIs: 'a compliment received',
    key: ['compliment'],
    columns: [
      id('compliment', "The compliment's reference."),
      day('received', true, 'The day it was received.'),
      text('team', false, 80, 'The team complimented.'),
      oneOf('from', false, COMPLIMENT_FROM, 'Who it came from.'),
    ],
  },
  inspections: {
    kind: 'inspections',
    title: 'Ofsted inspections',
    rowIs: 'an inspection or visit with its judgements',
    key: ['inspection'],
    columns: [
      id('inspection', 'A short name the action plan uses for it ("ILACS 2025").'),
      oneOf('type', true, INSPECTION_TYPES, 'The kind of inspection or visit.'),
      day('letter_date', true, "The day Ofsted's letter or report was received."),
      yesNo('priority_action', 'yes when Ofsted named a priority action (the plan is then due in 20 working days).'),
      day('plan_submitted', false, 'The day the council sent its action plan to Ofsted.'),
      oneOf('overall', false, OFSTED_GRADES, 'Overall effectiveness.'),
      oneOf('leaders', false, OFSTED_GRADES, 'The impact of leaders on social work practice.'),
      oneOf('help_and_protection', false, OFSTED_GRADES, 'Children who need help and protection.'),
      oneOf('children_in_care', false, OFSTED_GRADES, 'Children in care.'),
      oneOf('care_leavers', false, OFSTED_GRADES, 'Care leavers.'),
    ],
  },
  'inspection-actions': {
    kind: 'inspection-actions',
    title: 'Inspection action plan',
    rowIs: 'an action the council will take on one of Ofsted’s recommendations',
    // Each inspection's plan numbers its own actions: 1.1 of one inspection is not 1.1 of another.
    key: ['inspection', 'action'],
    columns: [
      text('inspection', true, 80, 'The inspection, named as in the inspections log.'),
      text('recommendation', true, 20, 'The recommendation\'s number ("1", "2a").'),
      text('recommendation_text', true, 500, 'Ofsted\'s words ("What needs to improve").'),
      id('action', 'The action\'s reference ("1.1").'),
      text('action_text', true, 500, 'What will be done.'),
      text('owner', true, 120, 'Who leads it (a role, not a name, if the plan is published).'),
      day('due', true, 'The day it is due.', true),
      day('completed', false, 'The day it was completed.'),
      text('evidence', false, 500, 'The evidence of progress or completion.'),
      {
        name: 'measures',
        required: false,
        type: { kind: 'measures' },
        help: 'Linked Indicate measures, ids separated by ";".',
      },
      oneOf(
        'status_override',
        false,
        RAG_WORDS,
        "The lead's own status, when it differs from the one Indicate proposes.",
      ),
      text('override_reason', false, 500, 'Why: needed with a status override.'),
    ],
  },
};

/** The log a header is, when every required column of one kind is there (names in any order, any case). */
export function logKindOf(header: readonly string[]): LogKind | null {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  const matches = LOG_KINDS.filter((k) =>
    LOG_DEFINITIONS[k].columns.filter((c) => c.required).every((c) => names.has(c.name)),
  );
  // The most specific wins: an action plan carries every column an inspections log needs only if it names one.
  return matches.sort((a, b) => requiredCount(b) - requiredCount(a))[0] ?? null;
}

function requiredCount(kind: LogKind): number {
  return LOG_DEFINITIONS[kind].columns.filter((c) => c.required).length;
}

export type LogRow = { row: number; values: Record<string, string> };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** An Excel date cell read without its format: days since 30 December 1899 (1900 to 2100), maybe with a time. */
const EXCEL_SERIAL = /^(\d{5})(\.\d+)?$/;
/** The years a log's dates may fall in: "31/12/9999" as "no end date" is refused, never counted day by day. */
export const LOG_YEARS = { first: 1900, last: 2100 } as const;

/**
 * A day as yyyy-mm-dd, from yyyy-mm-dd, the dd/mm/yyyy councils' spreadsheets use, or an Excel date cell's
 * serial number (a workbook read without its formats gives 46085 for 4 March 2026); null if not a real day
 * from 1900 to 2100.
 */
export function logDate(textValue: string): string | null {
  const t = textValue.trim();
  let y: number, m: number, d: number;
  const iso = ISO.exec(t);
  const uk = UK.exec(t);
  const serial = EXCEL_SERIAL.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
  else if (serial) {
    const day = new Date(Date.UTC(1899, 11, 30) + Number(serial[1]) * 86_400_000);
    [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  } else return null;
  if (y < LOG_YEARS.first || y > LOG_YEARS.last) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export type LogReading = { rows: LogRow[]; errors: LogProblem[]; warnings: LogProblem[] };

/**
 * Checks a log's rows and gives them back in a fixed shape: dates as yyyy-mm-dd, yes/no and listed values in
 * their own spelling, text trimmed. `measures` is the catalogue's ids (for the action plan's linked measures).
 */
export function readLog(
  kind: LogKind,
  header: readonly string[],
  records: ReadonlyArray<{ row: number; cells: readonly string[] }>,
  context: { today: string; measures: ReadonlySet<string> },
): LogReading {
  const def = LOG_DEFINITIONS[kind];
  const errors: LogProblem[] = [];
  const warnings: LogProblem[] = [];
  const position = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (name !== '' && !position.has(name)) position.set(name, i);
    else if (name !== '')
      warnings.push({
        row: 1,
        column: name,
        message: `column "${name.slice(0, 40)}" is in the header twice: the first (column ${position.get(name)! + 1}) is read, column ${i + 1} is not`,
      });
  });
  let longRow: number | null = null;
  const known = new Set(def.columns.map((c) => c.name));
  const unknown = [...position.keys()].filter((n) => !known.has(n));
  if (unknown.length > 0)
    warnings.push({
      row: 1,
      column: unknown[0]!,
      message: `column${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')} not read: ${unknown.length === 1 ? 'it is' : 'they are'} not ${unknown.length === 1 ? 'a column' : 'columns'} of the ${def.title.toLowerCase()} template`,
    });
  const rows: LogRow[] = [];
  const keys = new Map<string, number>();
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    if (longRow === null && record.cells.slice(header.length).some((c) => c.trim() !== '')) longRow = record.row;
    const values: Record<string, string> = {};
    const add = (column: string, message: string) => errors.push({ row: record.row, column, message });
    for (const column of def.columns) {
      const at = position.get(column.name);
      const raw = (at === undefined ? '' : (record.cells[at] ?? '')).trim();
      values[column.name] = '';
      if (raw === '') {
        if (column.required) add(column.name, `${column.name} is empty: each row needs it`);
        continue;
      }
      const value = cellValue(column, raw, context);
      if (typeof value === 'string') values[column.name] = value;
      else add(column.name, value.problem);
    }
    const key = def.key.map((k) => values[k]).join(' | ');
    if (def.key.every((k) => values[k] !== '')) {
      const earlier = keys.get(key);
      if (earlier !== undefined && kind !== 'complaints')
        add(def.key[0]!, `${key} is on row ${earlier} too: each ${def.rowIs} once`);
      else keys.set(key, record.row);
    }
    rows.push({ row: record.row, values });
  }
  if (longRow !== null)
    warnings.push({
      row: longRow,
      column: '',
      message: `row ${longRow} (and maybe others) has more cells than the header has columns: those cells are not read`,
    });
  for (const p of kindProblems(kind, rows, context.today)) {
    if (!errors.some((e) => e.row === p.row && e.column === p.column)) errors.push(p);
  }
  if (kind === 'fostering-households')
    for (const r of rows) {
      const places = Number(r.values.places);
      const placed = r.values.placed === '' ? 0 : Number(r.values.placed);
      if (placed > places)
        warnings.push({
          row: r.row,
          column: 'placed',
          message: `${placed} children placed with ${places} place${places === 1 ? '' : 's'} approved: check for an exemption or variation`,
        });
    }
  if (rows.length === 0) errors.push({ row: 1, column: def.key[0]!, message: 'The log has a header but no rows.' });
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rows, errors, warnings };
}

function notADate(raw: string): string {
  const year = /(\d{4})\s*$/.exec(raw) ?? /^(\d{4})-/.exec(raw);
  if (year && (Number(year[1]) < LOG_YEARS.first || Number(year[1]) > LOG_YEARS.last))
    return `"${raw.slice(0, 40)}" is not a plausible date (${LOG_YEARS.first} to ${LOG_YEARS.last}): leave it empty, or write the real day`;
  return `"${raw.slice(0, 40)}" is not a date (write it yyyy-mm-dd or dd/mm/yyyy)`;
}

function cellValue(
  column: LogColumn,
  raw: string,
  context: { today: string; measures: ReadonlySet<string> },
): string | { problem: string } {
  const t = column.type;
  switch (t.kind) {
    case 'id':
      return raw.length > 40 ? { problem: `${column.name} is longer than 40 characters` } : raw;
    case 'text':
      return raw.length > t.max ? { problem: `${column.name} is longer than ${t.max} characters` } : raw;
    case 'date': {
      const iso = logDate(raw);
      if (iso === null) return { problem: notADate(raw) };
      if (!t.future && iso > context.today)
        return { problem: `${column.name} ${iso} is after today (${context.today})` };
      return iso;
    }
    case 'dates': {
      const days: string[] = [];
      for (const part of raw
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p !== '')) {
        const iso = logDate(part);
        if (iso === null) return { problem: notADate(part) };
        if (iso > context.today) return { problem: `${column.name} ${iso} is after today (${context.today})` };
        days.push(iso);
      }
      return days.sort().join(';');
    }
    case 'count':
      return /^\d+$/.test(raw) && Number(raw) <= t.max
        ? String(Number(raw))
        : { problem: `${column.name} must be a whole number from 0 to ${t.max}, not "${raw.slice(0, 40)}"` };
    case 'yes-no': {
      const v = raw.toLowerCase();
      if (['yes', 'y', 'true'].includes(v)) return 'yes';
      if (['no', 'n', 'false'].includes(v)) return 'no';
      return { problem: `${column.name} must be yes or no, not "${raw.slice(0, 40)}"` };
    }
    case 'one-of': {
      const found = t.values.find((v) => v.toLowerCase() === raw.toLowerCase());
      return found ?? { problem: `${column.name} must be one of: ${t.values.join('; ')} (not "${raw.slice(0, 60)}")` };
    }
    case 'measures': {
      const ids = raw
        .split(/[;,]/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const unknown = ids.filter((m) => !context.measures.has(m));
      return unknown.length > 0
        ? {
            problem: `${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')} ${unknown.length === 1 ? 'is not an Indicate measure' : 'are not Indicate measures'} (ids are on the Measures page)`,
          }
        : ids.join(';');
    }
  }
}

/** The rules between a row's columns, and between rows, for each kind. */
function kindProblems(kind: LogKind, rows: readonly LogRow[], today: string): LogProblem[] {
  const problems: LogProblem[] = [];
  const before = (r: LogRow, later: string, earlier: string, words: string) => {
    const a = r.values[later]!;
    const b = r.values[earlier]!;
    if (a !== '' && b !== '' && a < b)
      problems.push({ row: r.row, column: later, message: `${later} ${a} is before ${words} (${b})` });
  };
  const needsWith = (r: LogRow, column: string, other: string, words: string) => {
    if (r.values[other] !== '' && r.values[column] === '') problems.push({ row: r.row, column, message: words });
  };
  for (const r of rows) {
    const v = r.values;
    switch (kind) {
      case 'fostering-households':
        before(r, 'deregistered', 'approved', 'its approval');
        for (const review of v.reviews!.split(';').filter((d) => d !== ''))
          if (v.approved !== '' && review < v.approved!)
            problems.push({
              row: r.row,
              column: 'reviews',
              message: `a review on ${review} is before its approval (${v.approved})`,
            });
        needsWith(r, 'deregistration_reason', 'deregistered', 'a de-registration needs its reason');
        needsWith(r, 'deregistered', 'deregistration_reason', 'a de-registration reason is given but no date');
        break;
      case 'fostering-recruitment':
        before(r, 'applied', 'enquired', 'the enquiry');
        before(r, 'panel', 'applied', 'the application');
        before(r, 'approved', 'applied', 'the application');
        needsWith(r, 'applied', 'approved', 'an approval needs the day of the application');
        needsWith(r, 'withdrawal_reason', 'withdrew', 'a withdrawal needs its reason');
        needsWith(r, 'withdrew', 'withdrawal_reason', 'a withdrawal reason is given but no date');
        if (v.approved !== '' && v.withdrew !== '')
          problems.push({
            row: r.row,
            column: 'withdrew',
            message: 'both approved and withdrawn: it is one or the other',
          });
        break;
      case 'complaints':
        if (v.stage !== '3')
          for (const c of ['panel_held', 'panel_reported'])
            if (v[c] !== '') problems.push({ row: r.row, column: c, message: `${c} is for stage 3 only` });
        if (v.stage === '3') {
          before(r, 'panel_held', 'received', 'the request for a panel');
          before(r, 'panel_reported', 'panel_held', 'the panel');
          before(r, 'responded', 'panel_reported', "the panel's report");
          needsWith(r, 'panel_held', 'panel_reported', "a panel's report needs the day of the panel");
          needsWith(r, 'panel_reported', 'responded', "the council's response needs the day of the panel's report");
        }
        break;
      case 'inspections':
        before(r, 'plan_submitted', 'letter_date', "Ofsted's letter");
        break;
      case 'inspection-actions':
        needsWith(r, 'override_reason', 'status_override', 'a status override needs its reason');
        needsWith(r, 'status_override', 'override_reason', 'a reason is given but no status override');
        break;
      case 'compliments':
        break;
    }
  }
  if (kind === 'complaints')
    problems.push(
      ...complaintLogProblems(
        rows.map((r) => ({
          row: r.row,
          reference: r.values.reference!,
          stage: r.values.stage!,
          received: r.values.received!,
          responded: r.values.responded!,
          extended: r.values.extended!,
          outcome: r.values.outcome!,
          fromChild: r.values.from_child!,
          advocateOffered: r.values.advocate_offered!,
          ombudsman: r.values.ombudsman!,
        })),
        today,
      ),
    );
  if (kind === 'complaints') {
    // A later stage is asked for after the one before: received earlier than it is a slip in the log.
    const received = new Map(rows.map((r) => [`${r.values.reference} | ${r.values.stage}`, r.values.received!]));
    for (const r of rows) {
      const before = received.get(`${r.values.reference} | ${Number(r.values.stage) - 1}`);
      if (before && r.values.received !== '' && r.values.received! < before)
        problems.push({
          row: r.row,
          column: 'received',
          message: `stage ${r.values.stage} of ${r.values.reference} received ${r.values.received}, before its stage ${Number(r.values.stage) - 1} (${before})`,
        });
    }
  }
  if (kind === 'inspection-actions') {
    // One recommendation, one text: two rows giving different words for it are a slip in the plan.
    const texts = new Map<string, { row: number; text: string }>();
    for (const r of rows) {
      const k = `${r.values.inspection} | ${r.values.recommendation}`;
      const seen = texts.get(k);
      if (!seen) texts.set(k, { row: r.row, text: r.values.recommendation_text! });
      else if (seen.text !== r.values.recommendation_text)
        problems.push({
          row: r.row,
          column: 'recommendation_text',
          message: `recommendation ${r.values.recommendation} of ${r.values.inspection} has other words on row ${seen.row}`,
        });
    }
  }
  return problems;
}

/** The earliest day a log records anything (over all its date columns), or null for an empty log. */
export function logBegins(kind: LogKind, rows: readonly LogRow[]): string | null {
  const dated = LOG_DEFINITIONS[kind].columns.filter((c) => c.type.kind === 'date' || c.type.kind === 'dates');
  let earliest: string | null = null;
  for (const r of rows)
    for (const c of dated)
      for (const day of (r.values[c.name] ?? '').split(';'))
        if (day !== '' && (earliest === null || day < earliest)) earliest = day;
  return earliest;
}

/** The template's instruction lines (# ...) and header for a log, as the loader reads them. */
export function logTemplateCsv(kind: LogKind): string {
  const def = LOG_DEFINITIONS[kind];
  const lines = [
    `# Indicate: ${def.title}. One row is ${def.rowIs}. Lines starting # are instructions and are not read.`,
    '# Load the whole log each time: it replaces the last one loaded (which is kept, and can be put back by reverting).',
    '# Dates as yyyy-mm-dd or dd/mm/yyyy. Columns marked * must be filled on every row.',
    ...def.columns.map(
      (c) =>
        `# ${c.name}${c.required ? ' *' : ''}: ${c.help}${c.type.kind === 'one-of' ? ` One of: ${c.type.values.join('; ')}.` : ''}`,
    ),
    def.columns.map((c) => c.name).join(','),
  ];
  return `${lines.map(csvLine).join('\r\n')}\r\n`;
}

function csvLine(line: string): string {
  return line.startsWith('#') && /[",]/.test(line) ? `"${line.replace(/"/g, '""')}"` : line;
}
