import { describe, expect, it } from 'vitest';
import { complaintsReport, fosteringReport, inspectionReport, periodDays } from './other-reports.ts';
import type { Period } from './period.ts';
import { countColumn, type ReportDocument } from './report-document.ts';
import type { LogRow } from './service-logs.ts';

const FULL = { public: false, threshold: 5 };
const PUBLIC = { public: true, threshold: 5 };
const Q1: Period = { kind: 'financial-quarter', year: 2026, quarter: 1 };
const Q2: Period = { kind: 'financial-quarter', year: 2026, quarter: 2 };

/** Log rows from objects: every column the kind has, '' where not given. */
function rows(columns: string[], list: Array<Record<string, string>>): LogRow[] {
  return list.map((values, i) => ({
    row: i + 2,
    values: Object.fromEntries(columns.map((c) => [c, values[c] ?? ''])),
  }));
}
const H = ['household', 'type', 'approved', 'places', 'placed', 'reviews', 'deregistered', 'deregistration_reason'];
const E = ['enquiry', 'type', 'enquired', 'applied', 'panel', 'approved', 'withdrew', 'withdrawal_reason'];
const C = [
  'reference',
  'stage',
  'received',
  'responded',
  'extended',
  'outcome',
  'team',
  'category',
  'from_child',
  'advocate_offered',
  'panel_held',
  'panel_reported',
  'ombudsman',
  'learning',
];
const A = [
  'inspection',
  'recommendation',
  'recommendation_text',
  'action',
  'action_text',
  'owner',
  'due',
  'completed',
  'evidence',
  'measures',
  'status_override',
  'override_reason',
];
const I = [
  'inspection',
  'type',
  'letter_date',
  'priority_action',
  'plan_submitted',
  'overall',
  'leaders',
  'help_and_protection',
  'children_in_care',
  'care_leavers',
];

/** A table's rows as text, by table id. */
function table(doc: Pick<ReportDocument, 'sections'>, id: string): string[][] {
  const t = doc.sections.flatMap((s) => s.tables).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t.rows.map((r) => r.map((c) => c.text));
}

describe('report periods', () => {
  it("a quarter's and a financial year's first and last days", () => {
    expect(periodDays(Q2)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodDays({ kind: 'financial-quarter', year: 2025, quarter: 4 })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(periodDays({ kind: 'financial-year', year: 2025 })).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
});

describe('the fostering report, hand-checked (Q2 2026/27, July to September)', () => {
  const households = rows(H, [
    // A: approved before, reviewed in January: not overdue.
    { household: 'A', type: 'mainstream', approved: '2025-01-10', places: '2', placed: '1', reviews: '2026-01-05' },
    // B: a connected person approved in the quarter.
    { household: 'B', type: 'connected person', approved: '2026-08-01', places: '1', placed: '1' },
    // C: de-registered in the quarter (retirement).
    {
      household: 'C',
      type: 'mainstream',
      approved: '2020-05-01',
      places: '2',
      reviews: '2026-05-01',
      deregistered: '2026-09-15',
      deregistration_reason: 'retirement or change in circumstances',
    },
    // D: last reviewed 1 February 2025: a year on (1 February 2026) the review was due, so overdue on 30 September.
    { household: 'D', type: 'mainstream', approved: '2024-03-01', places: '1', placed: '0', reviews: '2025-02-01' },
  ]);
  const recruitment = rows(E, [
    // E1: enquired and applied in the quarter.
    { enquiry: 'E1', enquired: '2026-07-02', applied: '2026-07-20' },
    // E2: applied 3 November 2025, still open: 8 months ended 3 July 2026, so over on 30 September.
    { enquiry: 'E2', enquired: '2025-10-01', applied: '2025-11-03' },
    // E3: approved in June (the quarter before): not counted in Q2.
    { enquiry: 'E3', enquired: '2025-09-01', applied: '2025-09-15', approved: '2026-06-01' },
    // E4: applied 10 January; 8 months ended 10 September; approved 20 September: decided late, in the quarter.
    { enquiry: 'E4', enquired: '2025-12-01', applied: '2026-01-10', panel: '2026-09-14', approved: '2026-09-20' },
    // E5: withdrew in the quarter.
    { enquiry: 'E5', enquired: '2026-08-03', withdrew: '2026-08-20', withdrawal_reason: 'applicant withdrew' },
  ]);
  const doc = fosteringReport({ households, recruitment, period: Q2, today: '2026-12-07' }, FULL);

  it('households and places at the start and end, approvals and de-registrations in the quarter', () => {
    expect(table(doc, 'households')).toEqual([
      // type, on 30 June, approved, de-registered, on 30 September, places, filled, vacant
      ['Mainstream', '3', '0', '1', '2', '3', '1', '2'],
      ['Connected person', '0', '1', '0', '1', '1', '1', '0'],
      ['All households', '3', '1', '1', '3', '4', '2', '2'],
    ]);
    expect(table(doc, 'deregistrations')[0]).toEqual(['Retirement or change in circumstances', '1']);
  });

  it('the funnel and its conversion, counted in the quarter', () => {
    expect(table(doc, 'funnel').map((r) => r[1])).toEqual(['2', '1', '1', '1', '1']);
    expect(table(doc, 'conversion')).toEqual([
      ['Enquiry to application', '50%'],
      ['Application to approval', '100%'],
      ['Enquiry to approval', '50%'],
    ]);
  });

  it("sets Ofsted's national conversion beside the council's, with its year", () => {
    const withNational = fosteringReport(
      {
        households,
        recruitment,
        period: Q2,
        today: '2026-12-07',
        national: [
          {
            year: '2022-23',
            measure: 'enquiry-to-application',
            label: "England, local authorities' mainstream enquiries",
            value: 12,
          },
        ],
      },
      FULL,
    );
    expect(table(withNational, 'conversion').at(-1)).toEqual([
      "Enquiry to application: England, local authorities' mainstream enquiries (Ofsted, year to 31 March 2023)",
      '12%',
    ]);
    expect(withNational.sections[1]!.paragraphs.at(-1)).toContain(
      "Ofsted's national figures for the year to 31 March 2023",
    );
    expect(doc.sections[1]!.paragraphs.at(-1)).toContain('none are held here');
  });

  it('an approval over 8 months, an assessment open over 8 months and a review overdue', () => {
    expect(table(doc, 'timeliness').map((r) => r[1])).toEqual(['1', '1', '1']);
  });

  it('two years of quarters, ending with the report quarter', () => {
    const trend = table(doc, 'trend');
    expect(trend).toHaveLength(8);
    expect(trend[0]![0]).toBe('Q3 2024/25 (Oct-Dec 2024)');
    expect(trend.at(-1)).toEqual(['Q2 2026/27 (Jul-Sep 2026)', '3', '4', '1', '1', '2']);
  });

  it("in public, shows the service's own counts but withholds children in places and why carers left, and says why", () => {
    const open = fosteringReport({ households, recruitment, period: Q2, today: '2026-12-07' }, PUBLIC);
    // Households, places and moves are the service's counts: shown (each row's sum would give any one back).
    // Places filled are children: 2 is small, and the vacant places with it (places = filled + vacant).
    expect(table(open, 'households')[2]).toEqual([
      'All households',
      '3',
      '1',
      '1',
      '3',
      '4',
      'fewer than 5',
      'withheld',
    ]);
    expect(table(open, 'deregistrations')[0]).toEqual(['Retirement or change in circumstances', 'fewer than 5']);
    expect(open.withheldNote).toMatch(/Numbers from 1 to 4 are not shown/);
    // Looked at after the quarter: the placements are today's, and it says so.
    expect(open.sections[0]!.paragraphs[1]).toContain('as the register says today');
  });
});

describe('the complaints report, hand-checked across Easter and the spring bank holidays (Q1 2026/27)', () => {
  const complaints = rows(C, [
    // Received Friday 27 March 2026; 10 working days, leaving out Good Friday (3 April) and Easter Monday
    // (6 April): due Tuesday 14 April. Answered that day: in time.
    {
      reference: 'C1',
      stage: '1',
      received: '2026-03-27',
      responded: '2026-04-14',
      extended: 'no',
      outcome: 'not upheld',
      team: 'Children in care',
      category: 'Communication',
    },
    // The same day, answered on 15 April: a day late.
    {
      reference: 'C2',
      stage: '1',
      received: '2026-03-27',
      responded: '2026-04-15',
      extended: 'no',
      outcome: 'upheld',
      team: 'Children in care',
      category: 'Delay',
      learning: 'Letters name the worker.',
    },
    // Received 1 April, answered 10 April (in time), then escalated.
    {
      reference: 'C3',
      stage: '1',
      received: '2026-04-01',
      responded: '2026-04-10',
      outcome: 'not upheld',
      team: 'Care leavers',
      category: 'Decision making',
      from_child: 'yes',
      advocate_offered: 'yes',
    },
    // Stage 2 received 20 April; 25 working days leave out 4 May and 25 May: due 27 May. Answered 29 May: late.
    {
      reference: 'C3',
      stage: '2',
      received: '2026-04-20',
      responded: '2026-05-29',
      outcome: 'partly upheld',
      team: 'Care leavers',
      category: 'Decision making',
      from_child: 'yes',
      advocate_offered: 'yes',
    },
    // Received 25 June, extended (20 working days: due 23 July), not yet answered on 30 June: not overdue.
    { reference: 'C4', stage: '1', received: '2026-06-25', extended: 'yes', team: 'Fostering', category: 'Delay' },
  ]);
  const compliments = rows(
    ['compliment', 'received', 'team', 'from'],
    [{ compliment: 'K1', received: '2026-05-05', team: 'Fostering', from: 'parent or carer' }],
  );
  const doc = complaintsReport({ complaints, compliments, period: Q1, today: '2026-12-07' }, FULL);

  it('received, answered and in time per stage, with working days across Easter and May', () => {
    expect(table(doc, 'timeliness')).toEqual([
      ['Stage 1: local resolution', '2', '3', '66.7%', '0'],
      ['Stage 2: investigation', '1', '1', '0%', '0'],
      ['Stage 3: review panel', '0', '0', 'none to count', '0'],
    ]);
  });

  it('a stage escalated: of the stage 1 complaints received in the quarter, the share that went to stage 2', () => {
    expect(table(doc, 'escalation')[0]).toEqual(['Stage 1 to stage 2', '2', '1', '50%']);
  });

  it('outcomes of the responses, themes and teams of new complaints, compliments beside complaints, learning for staff', () => {
    expect(table(doc, 'outcomes')).toEqual([
      ['Upheld', '1', '0', '0'],
      ['Partly upheld', '0', '1', '0'],
      ['Not upheld', '2', '0', '0'],
      ['Withdrawn', '0', '0', '0'],
    ]);
    expect(table(doc, 'categories')).toEqual([
      ['Decision making', '1'],
      ['Delay', '1'],
    ]);
    expect(table(doc, 'by-team')).toEqual([
      ['Care leavers', '1', '0'],
      ['Fostering', '1', '1'],
    ]);
    expect(table(doc, 'learning')).toEqual([['C2', '1', 'Letters name the worker.']]);
    const open = complaintsReport({ complaints, compliments, period: Q1, today: '2026-12-07' }, PUBLIC);
    expect(JSON.stringify(open)).not.toContain('Letters name the worker');
  });

  it('counts only what had happened by the quarter end: an answer, an escalation after it are later news', () => {
    const later = complaintsReport(
      {
        complaints: rows(C, [
          // Received 1 May, due 15 May, answered 20 August: open and overdue on 30 June.
          {
            reference: 'A',
            stage: '1',
            received: '2026-05-01',
            responded: '2026-08-20',
            outcome: 'upheld',
            from_child: 'yes',
          },
          // Stage 1 in June, stage 2 in October: not escalated as at 30 June.
          { reference: 'B', stage: '1', received: '2026-06-01', responded: '2026-06-05', from_child: 'yes' },
          { reference: 'B', stage: '2', received: '2026-10-05', from_child: 'yes' },
        ]),
        compliments: [],
        period: Q1,
        today: '2026-12-07',
      },
      FULL,
    );
    expect(table(later, 'timeliness')[0]).toEqual(['Stage 1: local resolution', '2', '1', '100%', '1']);
    expect(table(later, 'escalation')[0]).toEqual(['Stage 1 to stage 2', '2', '0', '0%']);
    // Each complaint from a child once, not once per stage.
    expect(later.sections.find((s) => s.id === 'children')!.paragraphs[0]).toContain('children or young people: 2.');
  });

  it('an overdue response is counted as overdue on the quarter end', () => {
    const late = complaintsReport(
      {
        complaints: rows(C, [{ reference: 'C9', stage: '1', received: '2026-06-01' }]),
        compliments: [],
        period: Q1,
        today: '2026-12-07',
      },
      FULL,
    );
    // 10 working days from 1 June: 15 June; open on 30 June: overdue.
    expect(table(late, 'timeliness')[0]).toEqual(['Stage 1: local resolution', '1', '0', 'none to count', '1']);
  });
});

describe('the inspection action plan report, hand-checked', () => {
  const inspections = rows(I, [
    {
      inspection: 'ILACS 2026',
      type: 'ILACS standard inspection',
      letter_date: '2026-03-02',
      priority_action: 'no',
      plan_submitted: '2026-06-15',
      overall: 'requires improvement to be good',
    },
  ]);
  const actions = rows(A, [
    {
      inspection: 'ILACS 2026',
      recommendation: '1',
      recommendation_text: 'Placement stability.',
      action: '1.1',
      action_text: 'Recruit carers',
      owner: 'Head of Fostering',
      due: '2026-11-30',
    },
    {
      inspection: 'ILACS 2026',
      recommendation: '1',
      recommendation_text: 'Placement stability.',
      action: '1.2',
      action_text: 'Stability meetings',
      owner: 'Head of Children in Care',
      due: '2027-06-30',
      measures: 'placements-3-or-more',
    },
    {
      inspection: 'ILACS 2026',
      recommendation: '2',
      recommendation_text: 'Health assessments.',
      action: '2.1',
      action_text: 'Protocol',
      owner: 'Head of Children in Care',
      due: '2026-11-30',
      status_override: 'green',
      override_reason: 'Signed on 1 December; the audit confirms it.',
    },
  ]);
  const doc = inspectionReport(
    {
      inspections,
      actions,
      linkedRag: (m) => (m === 'placements-3-or-more' ? 'red' : null),
      history: [{ at: '2026-06-30', statuses: { 'ILACS 2026 | 1': 'green', 'ILACS 2026 | 2': 'amber' } }],
      period: { kind: 'financial-quarter', year: 2026, quarter: 3 },
      today: '2026-12-07',
    },
    FULL,
  );

  it('tracks the deadline: 70 working days after the letter (12 June), sent 15 June, one working day late', () => {
    const text = doc.sections.find((s) => s.id === 'inspection-ILACS 2026')!.paragraphs[0];
    expect(text).toContain(
      'The action plan was due on 12 June 2026 (70 working days); it was sent on 15 June 2026, 1 working day late.',
    );
  });

  it("an overdue action is red and makes its recommendation red; a lead's override shows both statuses and the reason", () => {
    const acts = table(doc, 'actions-ILACS 2026');
    expect(acts[0]!.slice(5, 7)).toEqual(['Red', 'Overdue: it was due on 30 November 2026, 5 working days ago.']);
    expect(acts[1]!.slice(5, 7)).toEqual(['Amber', '1 linked measure is red.']);
    expect(acts[2]![5]).toBe('Green');
    expect(acts[2]![6]).toBe(
      "Signed on 1 December; the audit confirms it. (the lead's status; Indicate proposed red: Overdue: it was due on 30 November 2026, 5 working days ago.)",
    );
    // With history: June's statuses beside today's.
    expect(table(doc, 'recommendations-ILACS 2026')).toEqual([
      ['1', 'Placement stability.', 'Green', 'Red'],
      ['2', 'Health assessments.', 'Amber', 'Green'],
    ]);
    expect(doc.sections[0]!.paragraphs[0]).toContain('of 2 recommendations, 1 is green');
  });

  it("for an earlier quarter: no status from after it, and Indicate's proposal in place of today's override", () => {
    const june = inspectionReport(
      {
        inspections,
        actions,
        linkedRag: () => null,
        history: [
          { at: '2026-06-01', statuses: { 'ILACS 2026 | 2': 'amber' } },
          { at: '2026-11-20', statuses: { 'ILACS 2026 | 2': 'green' } },
        ],
        period: Q1,
        today: '2026-12-07',
      },
      FULL,
    );
    // June's kept status beside the one proposed as at 30 June (November's is later news, not shown).
    expect(table(june, 'recommendations-ILACS 2026')[1]).toEqual(['2', 'Health assessments.', 'Amber', 'Green']);
    expect(table(june, 'recommendations-ILACS 2026')).toHaveLength(2);
    // 2.1 was due 30 November: on 30 June it was on track, whatever the lead says today.
    expect(table(june, 'actions-ILACS 2026')[2]!.slice(5, 7)).toEqual(['Green', 'On track: due on 30 November 2026.']);
    expect(june.sections[0]!.paragraphs[1]).toContain(
      "the leads' own statuses and the evidence are as the plan reads today",
    );
  });

  it('as at an earlier quarter end, a later completion and a later plan are not yet counted', () => {
    const earlier = inspectionReport(
      {
        // The plan went on 3 July: after 30 June, so not yet sent as at the quarter's end.
        inspections: rows(I, [{ ...inspections[0]!.values, plan_submitted: '2026-07-03' }]),
        actions: rows(A, [{ ...actions[0]!.values, due: '2026-05-29', completed: '2026-07-01' }]),
        linkedRag: () => null,
        history: [],
        period: Q1,
        today: '2026-12-07',
      },
      FULL,
    );
    expect(table(earlier, 'actions-ILACS 2026')[0]!.slice(4, 6)).toEqual(['not yet', 'Red']);
    expect(earlier.sections[1]!.paragraphs[0]).toContain('it has not been sent and is 12 working days overdue.');
  });
});

describe('withholding small numbers in a column', () => {
  it('withholds 1 to 4, shows nought, and withholds the next smallest when one alone would come back from the total', () => {
    const texts = (cells: ReturnType<typeof countColumn>) => cells.map((c) => c.text);
    expect(texts(countColumn([3, 0, 10, 40], PUBLIC))).toEqual(['fewer than 5', '0', 'withheld', '40']);
    expect(texts(countColumn([3, 2, 10], PUBLIC))).toEqual(['fewer than 5', 'fewer than 5', '10']);
    // The total row is chosen second only when nothing else can be.
    expect(texts(countColumn([3, 20, 23], PUBLIC, undefined, { total: 2 }))).toEqual([
      'fewer than 5',
      'withheld',
      '23',
    ]);
    // A number decided in another table keeps its reading.
    const fixed = new Map([[1, { text: '20', value: 20 }]]);
    expect(texts(countColumn([3, 20, 30], PUBLIC, undefined, { fixed }))).toEqual(['fewer than 5', '20', 'withheld']);
    expect(texts(countColumn([3, 0, 10], FULL))).toEqual(['3', '0', '10']);
  });
});
