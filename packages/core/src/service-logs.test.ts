import { describe, expect, it } from 'vitest';
import {
  LOG_DEFINITIONS,
  LOG_KINDS,
  logDate,
  logKindOf,
  logTemplateCsv,
  readLog,
  type LogKind,
} from './service-logs.ts';

const TODAY = '2026-12-07';
const MEASURES = new Set(['placements-3-or-more', 'health-assessments']);

/** Reads a log given as lines of CSV-ish text (no quoted commas), header first, rows numbered from 2. */
function read(kind: LogKind, lines: string[]) {
  const [header, ...rows] = lines.map((l) => l.split(','));
  return readLog(
    kind,
    header!,
    rows.map((cells, i) => ({ row: i + 2, cells })),
    { today: TODAY, measures: MEASURES },
  );
}
const said = (problems: Array<{ row: number; column: string; message: string }>) =>
  problems.map((p) => `${p.row} ${p.column}: ${p.message}`);

describe('service logs: recognised by their columns', () => {
  it('knows each log from its template header, and the figures template from none', () => {
    for (const kind of LOG_KINDS) {
      const header = logTemplateCsv(kind).trim().split('\r\n').at(-1)!.split(',');
      expect(logKindOf(header)).toBe(kind);
      // The columns in another order, in capitals, still are that log.
      expect(logKindOf([...header].reverse().map((h) => h.toUpperCase()))).toBe(kind);
    }
    expect(logKindOf(['indicator', 'time_period', 'time_identifier', 'geographic_level', 'value'])).toBeNull();
    // Only some of a log's required columns: not that log.
    expect(logKindOf(['household', 'type', 'approved'])).toBeNull();
  });

  it("writes each template's instructions as # lines the loader skips, naming every column and its values", () => {
    const csv = logTemplateCsv('fostering-households');
    const lines = csv.trim().split('\r\n');
    expect(lines.slice(0, -1).every((l) => l.startsWith('#') || l.startsWith('"#'))).toBe(true);
    expect(lines.at(-1)).toBe(LOG_DEFINITIONS['fostering-households'].columns.map((c) => c.name).join(','));
    expect(csv).toContain('mainstream; connected person');
  });
});

describe('service logs: dates as councils write them', () => {
  it('reads yyyy-mm-dd and dd/mm/yyyy, and refuses days that do not exist', () => {
    expect(logDate('2026-03-31')).toBe('2026-03-31');
    expect(logDate('31/03/2026')).toBe('2026-03-31');
    expect(logDate('1/4/2026')).toBe('2026-04-01');
    expect(logDate('29/02/2026')).toBeNull();
    expect(logDate('2026-02-29')).toBeNull();
    expect(logDate('29/02/2028')).toBe('2028-02-29');
    expect(logDate('03/31/2026')).toBeNull(); // American order: month 31
    expect(logDate('next week')).toBeNull();
    // An Excel date cell read without its format: 46085 days after 30 December 1899.
    expect(logDate('46085')).toBe('2026-03-04');
    expect(logDate('46085.979166')).toBe('2026-03-04');
    // A year on its own is not a date; "no end date" as 9999 is not plausible.
    expect(logDate('2026')).toBeNull();
    expect(logDate('31/12/9999')).toBeNull();
    const far = read('fostering-households', ['household,type,approved,places', 'FH-1,mainstream,31/12/9999,1']);
    expect(far.errors[0]!.message).toBe(
      '"31/12/9999" is not a plausible date (1900 to 2100): leave it empty, or write the real day',
    );
  });
});

describe('service logs: every row checked, each problem with its row and column', () => {
  it('fostering households: dates, counts, reasons, the same household twice', () => {
    const reading = read('fostering-households', [
      'household,type,approved,places,placed,reviews,deregistered,deregistration_reason',
      'FH-1,Mainstream,14/02/2020,2,1,2021-02-01;2022-01-20,,',
      'FH-2,kinship,2020-01-01,1,,,,',
      'FH-3,mainstream,2027-01-01,two,,,,',
      'FH-1,mainstream,2020-01-01,1,,,2026-05-01,',
      'FH-4,connected person,2021-06-01,1,2,2021-05-01,2020-01-01,retirement or change in circumstances',
      ',,,,,,,',
    ]);
    expect(said(reading.errors)).toEqual([
      '3 type: type must be one of: mainstream; connected person (not "kinship")',
      '4 approved: approved 2027-01-01 is after today (2026-12-07)',
      '4 places: places must be a whole number from 0 to 20, not "two"',
      '5 household: FH-1 is on row 2 too: each a fostering household the service has approved once',
      '5 deregistration_reason: a de-registration needs its reason',
      '6 deregistered: deregistered 2020-01-01 is before its approval (2021-06-01)',
      '6 reviews: a review on 2021-05-01 is before its approval (2021-06-01)',
    ]);
    expect(said(reading.warnings)).toEqual([
      '6 placed: 2 children placed with 1 place approved: check for an exemption or variation',
    ]);
    // Written as the log's own values: the type in its list's spelling, dd/mm/yyyy as yyyy-mm-dd.
    expect(reading.rows[0]!.values).toMatchObject({
      type: 'mainstream',
      approved: '2020-02-14',
      reviews: '2021-02-01;2022-01-20',
    });
    // The empty row is not a row.
    expect(reading.rows).toHaveLength(5);
  });

  it('recruitment: steps in order, approved or withdrawn but not both, a reason with a withdrawal', () => {
    const reading = read('fostering-recruitment', [
      'enquiry,enquired,applied,panel,approved,withdrew,withdrawal_reason',
      'EQ-1,2026-01-10,2026-01-05,,,,',
      'EQ-2,2026-01-10,2026-02-01,2026-08-01,2026-08-10,2026-09-01,applicant withdrew',
      'EQ-3,2026-01-10,,,2026-08-10,,',
      'EQ-4,2026-01-10,,,,2026-02-01,',
    ]);
    expect(said(reading.errors)).toEqual([
      '2 applied: applied 2026-01-05 is before the enquiry (2026-01-10)',
      '3 withdrew: both approved and withdrawn: it is one or the other',
      '4 applied: an approval needs the day of the application',
      '5 withdrawal_reason: a withdrawal needs its reason',
    ]);
  });

  it('complaints: the panel only at stage 3, its steps in order, a later stage needing the one before', () => {
    const reading = read('complaints', [
      'reference,stage,received,responded,extended,outcome,from_child,advocate_offered,panel_held,panel_reported,ombudsman',
      'C-1,1,2026-03-27,2026-04-14,no,not upheld,Y,yes,2026-04-01,,',
      'C-1,3,2026-05-01,2026-06-10,,partly upheld,,,2026-06-01,2026-05-20,',
      'C-2,1,2026-03-27,,maybe,,,,,,',
    ]);
    expect(said(reading.errors)).toEqual([
      '2 panel_held: panel_held is for stage 3 only',
      '3 panel_reported: panel_reported 2026-05-20 is before the panel (2026-06-01)',
      '3 stage: stage 3 of C-1 with no stage 2 in the log',
      '4 extended: extended must be yes or no, not "maybe"',
    ]);
    // Y is yes.
    expect(reading.rows[0]!.values.from_child).toBe('yes');
  });

  it('the action plan: linked measures must be Indicate measures; an override needs its reason; a due day may be ahead', () => {
    const reading = read('inspection-actions', [
      'inspection,recommendation,recommendation_text,action,action_text,owner,due,completed,measures,status_override,override_reason',
      'ILACS,1,Stability,1.1,Recruit carers,Head of Fostering,2027-03-31,,placements-3-or-more;health-assessments,,',
      'ILACS,1,Stability,1.2,Meetings,Head of Children in Care,2027-03-31,,cic-rate,green,',
      'ILACS,1,Stability of homes,1.3,Panels,Head of Children in Care,2026-01-31,,,,',
    ]);
    expect(said(reading.errors)).toEqual([
      '3 measures: "cic-rate" is not an Indicate measure (ids are on the Measures page)',
      '3 override_reason: a status override needs its reason',
      '4 recommendation_text: recommendation 1 of ILACS has other words on row 2',
    ]);
  });

  it("numbers each inspection's actions on their own; a later stage received before the one before is a slip", () => {
    const plan = read('inspection-actions', [
      'inspection,recommendation,recommendation_text,action,action_text,owner,due',
      'ILACS 2022,1,Stability,1.1,Recruit carers,Head of Fostering,2023-03-31',
      'Focused visit 2025,1,Return interviews,1.1,A worker per locality,Head of Early Help,2026-03-31',
    ]);
    expect(plan.errors).toEqual([]);
    const log = read('complaints', ['reference,stage,received', 'C-1,1,2026-05-01', 'C-1,2,2026-04-01']);
    expect(said(log.errors)).toEqual([
      '3 received: stage 2 of C-1 received 2026-04-01, before its stage 1 (2026-05-01)',
    ]);
  });

  it('warns of a column given twice and of cells beyond the header', () => {
    const reading = read('compliments', ['compliment,received,received', 'K-1,2026-05-01,2026-05-02,extra']);
    expect(said(reading.warnings)).toEqual([
      '1 received: column "received" is in the header twice: the first (column 2) is read, column 3 is not',
      '2 : row 2 (and maybe others) has more cells than the header has columns: those cells are not read',
    ]);
  });

  it('names columns it does not read, and says when a log has no rows', () => {
    const reading = read('compliments', ['compliment,received,team,from,notes']);
    expect(said(reading.warnings)).toEqual([
      '1 notes: column "notes" not read: it is not a column of the compliments template',
    ]);
    expect(said(reading.errors)).toEqual(['1 compliment: The log has a header but no rows.']);
  });
});
