import { stageSteps, timeliness, escalationRate, type ComplaintStageRecord } from './complaints.ts';
import {
  assessmentsOverEightMonths,
  householdsOn,
  movesBetween,
  reviewsOverdue,
  type FosteringHousehold,
} from './fostering.ts';
import { planDeadline, proposeActionRag, recommendationRag, type Rag } from './inspection-plan.ts';
import { longLabel, monthSpan, periodId, previousPeriod, type Period } from './period.ts';
import {
  anyWithheld,
  countColumn,
  percentCell,
  ragCell,
  withheldNoteFor,
  words,
  type ReportCell,
  type ReportDocument,
  type ReportSection,
  type ReportView,
  dayWords,
} from './report-document.ts';
import { COMPLAINT_OUTCOMES, OMBUDSMAN_DECISIONS } from './complaints-log.ts';
import { COMPLIMENT_FROM, DEREGISTRATION_REASONS, WITHDRAWAL_REASONS, type LogRow } from './service-logs.ts';
import { workingDaysBetween } from './working-days.ts';

/**
 * The committee's other statutory reports, built from the service logs (issue 24): the fostering service's
 * NMS 25.7 report, the complaints and compliments report, and the inspection action plan's progress. Each is a
 * ReportDocument (report-document.ts), for a quarter (the quarterly report) or a financial year (the annual one).
 */

type Rows = readonly LogRow[];

/** A report period's first and last days. */
export function periodDays(period: Period): { from: string; to: string } {
  const { first, last } = monthSpan(period);
  const day = (month: number, d: number) =>
    new Date(Date.UTC(Math.floor(month / 12), month % 12, d)).toISOString().slice(0, 10);
  return { from: day(first, 1), to: day(last + 1, 0) };
}

function reportPeriod(period: Period) {
  return { id: periodId(period), label: longLabel(period), ...periodDays(period) };
}

/** The quarters up to and including the one `to` ends, oldest first (8 of them: two years of trend). */
function trendQuarters(period: Period, n = 8): Period[] {
  let q: Period =
    period.kind === 'financial-quarter' ? period : { kind: 'financial-quarter', year: period.year, quarter: 4 };
  const out: Period[] = [];
  for (let i = 0; i < n; i += 1) {
    out.unshift(q);
    q = previousPeriod(q);
  }
  return out;
}

/** Trend rows grouped by financial year, so a year's total does not give back one withheld quarter. */
function yearGroups(quarters: readonly Period[]): number[][] {
  const groups = new Map<number, number[]>();
  quarters.forEach((q, i) => groups.set(q.year, [...(groups.get(q.year) ?? []), i]));
  return [...groups.values()];
}

const within = (d: string, from: string, to: string) => d !== '' && d >= from && d <= to;
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Columns of counts as rows of cells: each column withheld on its own (each adds up to a known total). */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function countRows(
  labels: readonly string[],
  columns: ReadonlyArray<readonly number[]>,
  view: ReportView,
  groups?: number[][],
  total?: number,
): ReportCell[][] {
  const cells = columns.map((c) => countColumn(c, view, groups, { total }));
  return labels.map((label, i) => [words(capitalised(label)), ...cells.map((c) => c[i]!)]);
}

/** A count said in a sentence, as its table says it (a withheld one is "fewer than 5"). */
function say(c: ReportCell): string {
  return c.text;
}

// ---------------------------------------------------------------- fostering

function household(r: LogRow): FosteringHousehold {
  const v = r.values;
  return {
    id: v.household!,
    type: v.type === 'connected person' ? 'connected-person' : 'mainstream',
    approved: v.approved!,
    deregistered: v.deregistered || null,
    places: Number(v.places),
    placed: v.placed === '' ? 0 : Number(v.placed),
    reviews: v.reviews === '' ? [] : v.reviews!.split(';'),
  };
}

/** A national figure Ofsted publishes, to set beside the council's (data/ofsted). */
export type NationalFosteringFigure = { year: string; measure: 'enquiry-to-application'; label: string; value: number };

export function fosteringReport(
  input: {
    households: Rows;
    recruitment: Rows;
    period: Period;
    today: string;
    national?: readonly NationalFosteringFigure[];
  },
  view: ReportView,
): Omit<ReportDocument, 'sources'> {
  const period = reportPeriod(input.period);
  const { from, to } = period;
  const asAt = to < input.today ? to : input.today;
  const register = input.households.map(household);
  const start = householdsOn(register, dayBefore(from));
  const end = householdsOn(register, asAt);
  const sections: ReportSection[] = [];

  const types = [
    ['Mainstream', 'mainstream'],
    ['Connected person', 'connected-person'],
  ] as const;
  const moves = types.map(([, t]) =>
    movesBetween(
      register.filter((h) => h.type === t),
      from,
      asAt,
    ),
  );
  const endOf = (t: (typeof types)[number][1]) => (t === 'mainstream' ? end.mainstream : end.connectedPerson);
  const startOf = (t: (typeof types)[number][1]) => (t === 'mainstream' ? start.mainstream : start.connectedPerson);
  const labels = [...types.map(([l]) => l), 'All households'];
  const col = (f: (i: number) => number, all: number) => [...types.map((_, i) => f(i)), all];
  // Households, places and the funnel count the service's carers and its steps, not anyone's circumstances:
  // shown as they are (a shown count of each stock and each move means any small one would come back from the
  // others). Why households left or applications ended, and children in places, are withheld when small.
  const plain: ReportView = { ...view, public: false };
  const householdCounts = [
    col((i) => startOf(types[i]![1]).households, start.all.households),
    col((i) => moves[i]!.approvals, moves[0]!.approvals + moves[1]!.approvals),
    col((i) => moves[i]!.deregistrations, moves[0]!.deregistrations + moves[1]!.deregistrations),
    col((i) => endOf(types[i]![1]).households, end.all.households),
    col((i) => endOf(types[i]![1]).places, end.all.places),
    col((i) => endOf(types[i]![1]).filled, end.all.filled),
    col((i) => endOf(types[i]![1]).vacant, end.all.vacant),
  ];
  const householdRows = countRows(labels, householdCounts.slice(0, 5), plain);
  // Places filled are children: withheld when small, and then the vacant places too (places = filled + vacant).
  const filledCells = countColumn(householdCounts[5]!, view, undefined, { total: 2 });
  const vacantCells = householdCounts[6]!.map((n, i) =>
    filledCells[i]!.withheld ? { text: 'withheld', value: null, withheld: true } : { text: String(n), value: n },
  );
  householdRows.forEach((row, i) => row.push(filledCells[i]!, vacantCells[i]!));
  const all = householdRows[2]!;
  sections.push({
    id: 'households',
    heading: 'Fostering households and places',
    paragraphs: [
      `On ${dayWords(asAt)} the service had ${say(all[4]!)} approved fostering households with ${say(all[5]!)} places: ${say(all[6]!)} filled and ${say(all[7]!)} vacant. In the period, households approved: ${say(all[2]!)}; de-registered: ${say(all[3]!)}.`,
      ...(asAt < input.today
        ? [
            `Places filled and vacant are as the register says today (its "placed" column), not as they were on ${dayWords(asAt)}.`,
          ]
        : []),
    ],
    tables: [
      {
        id: 'households',
        caption: `Fostering households, ${period.label}`,
        columns: [
          'Type',
          `Households on ${dayWords(dayBefore(from), true)}`,
          'Approved in the period',
          'De-registered in the period',
          `Households on ${dayWords(asAt, true)}`,
          'Places',
          'Places filled',
          'Places vacant',
        ],
        rows: householdRows,
      },
      {
        id: 'deregistrations',
        caption: 'Why households were de-registered in the period',
        columns: ['Reason', 'Households'],
        rows: countRows(
          DEREGISTRATION_REASONS,
          [
            DEREGISTRATION_REASONS.map(
              (reason) =>
                input.households.filter(
                  (r) => r.values.deregistration_reason === reason && within(r.values.deregistered!, from, asAt),
                ).length,
            ),
          ],
          view,
        ),
      },
    ],
    terms: ['nms-25-7', 'fostering-household', 'connected-person'],
  });

  // The recruitment funnel: each stage counted when it happened in the period.
  const rec = input.recruitment.map((r) => r.values);
  const funnel = {
    enquiries: rec.filter((v) => within(v.enquired!, from, asAt)).length,
    applications: rec.filter((v) => within(v.applied!, from, asAt)).length,
    panel: rec.filter((v) => within(v.panel!, from, asAt)).length,
    approvals: rec.filter((v) => within(v.approved!, from, asAt)).length,
    withdrawals: rec.filter((v) => within(v.withdrew!, from, asAt)).length,
  };
  const funnelCells = countColumn(
    [funnel.enquiries, funnel.applications, funnel.panel, funnel.approvals, funnel.withdrawals],
    plain,
    [],
  );
  // Conversion as Ofsted's fostering data collection counts it: the steps taken in the same period, compared.
  const assessments = input.recruitment
    .filter((r) => r.values.applied !== '' && r.values.applied! <= asAt)
    .map((r) => ({
      id: r.values.enquiry!,
      applied: r.values.applied!,
      decided: [r.values.approved, r.values.withdrew].find((d) => d !== '' && d! <= asAt) ?? null,
    }));
  const late = assessmentsOverEightMonths(assessments, asAt);
  const lateOpen = late.filter((a) => a.decided === null).length;
  const lateDecided = late.filter((a) => a.decided !== null && within(a.decided, from, asAt)).length;
  const overdue = reviewsOverdue(register, asAt);
  const timely = countColumn([lateDecided, lateOpen, overdue.length], view, []);
  sections.push({
    id: 'recruitment',
    heading: 'Recruiting foster carers',
    paragraphs: [
      `In the period: enquiries ${say(funnelCells[0]!)}; applications ${say(funnelCells[1]!)}; approvals ${say(funnelCells[3]!)}.${funnel.enquiries === 0 ? '' : ` Approvals were ${percentCell(funnel.approvals, funnel.enquiries, plain).text} of the enquiries in the same period.`}`,
      `An assessment should be decided within 8 months of the application. Decided in the period after more than 8 months: ${say(timely[0]!)}. Still open after more than 8 months on ${dayWords(asAt)}: ${say(timely[1]!)}. Approved households overdue their annual review (regulation 28) on ${dayWords(asAt)}: ${say(timely[2]!)}.`,
      nationalNote(input.national ?? []),
    ],
    tables: [
      {
        id: 'funnel',
        caption: 'The recruitment funnel: each step counted in the period it happened',
        columns: ['Step', 'Number in the period'],
        rows: [
          'Enquiries',
          'Applications (assessments started)',
          'Considered by the fostering panel',
          'Approvals',
          'Withdrawals and refusals',
        ].map((l, i) => [words(l), funnelCells[i]!]),
      },
      {
        id: 'conversion',
        caption: 'Conversion: each step as a share of the one before, counted in the same period',
        columns: ['From', 'Share'],
        rows: [
          [words('Enquiry to application'), percentCell(funnel.applications, funnel.enquiries, plain)],
          [words('Application to approval'), percentCell(funnel.approvals, funnel.applications, plain)],
          [words('Enquiry to approval'), percentCell(funnel.approvals, funnel.enquiries, plain)],
          // Ofsted's national figures beside the council's, each with its year.
          ...(input.national ?? [])
            .filter((n) => n.measure === 'enquiry-to-application')
            .map((n) => [
              words(`Enquiry to application: ${n.label} (Ofsted, year to 31 March ${Number(n.year.slice(0, 4)) + 1})`),
              { text: `${n.value}%`, value: n.value },
            ]),
        ],
      },
      {
        id: 'withdrawals',
        caption: 'Why enquiries and applications ended without approval in the period',
        columns: ['Reason', 'Number'],
        rows: countRows(
          WITHDRAWAL_REASONS,
          [
            WITHDRAWAL_REASONS.map(
              (w) => rec.filter((v) => v.withdrawal_reason === w && within(v.withdrew!, from, asAt)).length,
            ),
          ],
          view,
        ),
      },
      {
        id: 'timeliness',
        caption: 'Assessments and reviews past their timescales',
        columns: ['What', 'Number'],
        rows: [
          [words('Assessments decided in the period after more than 8 months'), timely[0]!],
          [words(`Assessments open on ${dayWords(asAt, true)} for more than 8 months`), timely[1]!],
          [words(`Annual reviews overdue on ${dayWords(asAt, true)} (regulation 28)`), timely[2]!],
        ],
      },
    ],
    terms: ['recruitment-funnel', 'assessment-8-months', 'regulation-28'],
  });

  // Two years of quarters: households and places at each quarter's end; approvals, de-registrations, enquiries in it.
  const quarters = trendQuarters(input.period);
  const qRows = quarters.map((q) => {
    const d = periodDays(q);
    const at = d.to < input.today ? d.to : input.today;
    const on = householdsOn(register, at);
    const mv = movesBetween(register, d.from, at);
    return {
      label: longLabel(q),
      households: on.all.households,
      places: on.all.places,
      approvals: mv.approvals,
      deregistrations: mv.deregistrations,
      enquiries: rec.filter((v) => within(v.enquired!, d.from, at)).length,
    };
  });
  // Service counts, shown as they are (above).
  const trendCols = (['households', 'places', 'approvals', 'deregistrations', 'enquiries'] as const).map((k) =>
    countColumn(
      qRows.map((r) => r[k]),
      plain,
    ),
  );
  sections.push({
    id: 'trend',
    heading: 'Two years of quarters',
    paragraphs: ['Households and places are counted on the last day of each quarter; the rest within it.'],
    tables: [
      {
        id: 'trend',
        caption: 'Fostering households by quarter',
        columns: ['Quarter', 'Households', 'Places', 'Approvals', 'De-registrations', 'Enquiries'],
        rows: qRows.map((r, i) => [words(r.label), ...trendCols.map((c) => c[i]!)]),
        chart: { kind: 'line', series: [1, 2] },
      },
    ],
    terms: [],
  });
  return finish('fostering', 'Fostering service report (National Minimum Standard 25.7)', period, sections, view);
}

function nationalNote(national: readonly NationalFosteringFigure[]): string {
  if (national.length === 0)
    return 'Ofsted publishes national figures for fostering once a year (Fostering in England); none are held here, so no national comparison is shown.';
  const latest = national
    .map((n) => n.year)
    .sort()
    .at(-1)!;
  return `For comparison, Ofsted's national figures for the year to 31 March ${Number(latest.slice(0, 4)) + 1} (the latest held) are in the conversion table: they count mainstream enquiries over a whole year, so a quarter's share swings more.`;
}

// ---------------------------------------------------------------- complaints

function stageRecord(v: Record<string, string>): ComplaintStageRecord {
  const stage = Number(v.stage) as 1 | 2 | 3;
  if (stage === 3)
    return {
      stage: 3,
      received: v.received!,
      panelHeld: v.panel_held || null,
      panelReported: v.panel_reported || null,
      responded: v.responded || null,
    };
  return { stage, received: v.received!, extended: v.extended === 'yes', responded: v.responded || null };
}

export function complaintsReport(
  input: { complaints: Rows; compliments: Rows; period: Period; today: string },
  view: ReportView,
): Omit<ReportDocument, 'sources'> {
  const period = reportPeriod(input.period);
  const { from, to } = period;
  const asAt = to < input.today ? to : input.today;
  const rows = input.complaints.map((r) => r.values);
  const received = (stage: string) => rows.filter((v) => v.stage === stage && within(v.received!, from, asAt));
  // Timeliness: the responses made in the period, judged on their own timescales; and what is overdue now.
  const responded = rows.filter((v) => within(v.responded!, from, asAt));
  // Open on the as-at day: not answered by then (an answer after it is later news), and not withdrawn.
  const open = rows
    .filter((v) => (v.responded === '' || v.responded! > asAt) && v.outcome !== 'withdrawn' && v.received! <= asAt)
    .map((v) => ({
      ...v,
      responded: '',
      panel_held: v.panel_held! > asAt ? '' : v.panel_held!,
      panel_reported: v.panel_reported! > asAt ? '' : v.panel_reported!,
    }));
  const t = timeliness([...responded, ...open].map(stageRecord), asAt);
  const stages = ['1', '2', '3'] as const;
  const receivedCounts = stages.map((s) => received(s).length);
  const sections: ReportSection[] = [];
  // Each stage stands alone: the category and team tables count new (stage 1) complaints, so no table totals
  // the stages together and one shown stage does not give back another.
  const receivedCells = countColumn(receivedCounts, view, []);
  const respondedCells = countColumn(
    stages.map((s) => t[Number(s) as 1 | 2 | 3].responded),
    view,
    [],
  );
  const overdueCells = countColumn(
    stages.map((s) => t[Number(s) as 1 | 2 | 3].overdue),
    view,
    [],
  );
  const timelyRows = stages.map((s, i) => {
    const row = t[Number(s) as 1 | 2 | 3];
    return [
      words(['Stage 1: local resolution', 'Stage 2: investigation', 'Stage 3: review panel'][i]!),
      receivedCells[i]!,
      respondedCells[i]!,
      percentCell(row.inTime, row.responded, view),
      overdueCells[i]!,
    ];
  });
  // Escalation follows the complaints: of those whose stage 1 was received in the period, how many went on.
  // Escalated by the as-at day: a later stage received after it is later news.
  const refs = (stage: string) =>
    new Set(rows.filter((v) => v.stage === stage && v.received! <= asAt).map((v) => v.reference!));
  const s1 = received('1').map((v) => v.reference!);
  const s2refs = refs('2');
  const s3refs = refs('3');
  const s2 = received('2').map((v) => v.reference!);
  const escalated12 = s1.filter((r) => s2refs.has(r)).length;
  const escalated23 = s2.filter((r) => s3refs.has(r)).length;
  sections.push({
    id: 'received',
    heading: 'Complaints and how quickly they were answered',
    paragraphs: [
      `Complaints received in the period: stage 1, ${say(receivedCells[0]!)}; stage 2, ${say(receivedCells[1]!)}; stage 3, ${say(receivedCells[2]!)}. ${t[1].responded === 0 ? 'No stage 1 response was sent in the period.' : `Stage 1 responses sent in time (10 working days, or 20 where extended): ${percentCell(t[1].inTime, t[1].responded, view).text}.`}`,
      escalationRate(s1.length, escalated12) === null
        ? 'No complaint was received at stage 1 in the period, so none could go on to stage 2.'
        : `Of the complaints received at stage 1 in the period, the share that went on to stage 2: ${percentCell(escalated12, s1.length, view).text}.`,
    ],
    tables: [
      {
        id: 'timeliness',
        caption: `Complaints by stage, ${period.label}`,
        columns: ['Stage', 'Received', 'Responses sent', 'Sent in time', `Open and overdue on ${dayWords(asAt, true)}`],
        rows: timelyRows,
      },
      {
        id: 'escalation',
        caption: 'Complaints that went on to the next stage',
        columns: ['From', 'Complaints', 'Went on', 'Escalation rate'],
        rows: [
          [
            words('Stage 1 to stage 2'),
            receivedCells[0]!,
            ...countColumn([escalated12], view, []),
            percentCell(escalated12, s1.length, view),
          ],
          [
            words('Stage 2 to stage 3'),
            receivedCells[1]!,
            ...countColumn([escalated23], view, []),
            percentCell(escalated23, s2.length, view),
          ],
        ],
      },
    ],
    terms: ['complaint-stages', 'working-days', 'escalation-rate'],
  });

  // Outcomes of the responses sent in the period, by stage (each stage's column adds up to its responses).
  const outcomeCols = stages.map((s) =>
    COMPLAINT_OUTCOMES.map(
      (o) =>
        rows.filter(
          (v) =>
            v.stage === s &&
            v.outcome === o &&
            (within(v.responded!, from, asAt) || (o === 'withdrawn' && within(v.received!, from, asAt))),
        ).length,
    ),
  );
  const newComplaints = received('1');
  const byList = (column: string) => {
    const values = [...new Set(newComplaints.map((v) => v[column] || 'not recorded'))].sort();
    return {
      values,
      counts: values.map((x) => newComplaints.filter((v) => (v[column] || 'not recorded') === x).length),
    };
  };
  const categories = byList('category');
  const teams = byList('team');
  sections.push({
    id: 'outcomes',
    heading: 'Outcomes and what complaints were about',
    paragraphs: [],
    tables: [
      {
        id: 'outcomes',
        caption: 'Outcomes of the responses sent in the period',
        columns: ['Outcome', 'Stage 1', 'Stage 2', 'Stage 3'],
        rows: countRows(
          COMPLAINT_OUTCOMES.map((o) => o.charAt(0).toUpperCase() + o.slice(1)),
          outcomeCols,
          view,
        ),
      },
      {
        id: 'categories',
        caption: 'What the new (stage 1) complaints received in the period were about',
        columns: ['Category', 'Complaints'],
        rows: countRows(categories.values, [categories.counts], view),
      },
    ],
    terms: ['complaint-outcomes'],
  });

  // Children and young people, advocates, and the Ombudsman.
  // Each new complaint once (its stage 1), not once per stage.
  const fromChildren = newComplaints.filter((v) => v.from_child === 'yes');
  const advocated = fromChildren.filter((v) => v.advocate_offered === 'yes').length;
  // The Ombudsman decides after the council's last response: counted with the responses sent in the period.
  const ombudsman = OMBUDSMAN_DECISIONS.map(
    (d) => rows.filter((v) => v.ombudsman === d && within(v.responded!, from, asAt)).length,
  );
  const childCells = countColumn([fromChildren.length], view, []);
  sections.push({
    id: 'children',
    heading: 'Children and young people, and the Ombudsman',
    paragraphs: [
      `New complaints received in the period from children or young people: ${say(childCells[0]!)}.${fromChildren.length === 0 ? '' : ` Of those, the share offered an advocate: ${percentCell(advocated, fromChildren.length, view).text}.`}`,
    ],
    tables: [
      {
        id: 'ombudsman',
        caption: "The Local Government and Social Care Ombudsman's decisions on complaints answered in the period",
        columns: ['Decision', 'Complaints'],
        rows: countRows(
          OMBUDSMAN_DECISIONS.map((d) => d.charAt(0).toUpperCase() + d.slice(1)),
          [ombudsman],
          view,
        ),
      },
    ],
    terms: ['advocate', 'ombudsman'],
  });

  // Compliments, beside complaints for balance (the committee asked for this).
  const compliments = input.compliments.map((r) => r.values).filter((v) => within(v.received!, from, asAt));
  const complimentTeams = new Map<string, number>();
  for (const v of compliments)
    complimentTeams.set(v.team || 'not recorded', (complimentTeams.get(v.team || 'not recorded') ?? 0) + 1);
  const teamNames = [...new Set([...teams.values, ...complimentTeams.keys()])].sort();
  const complimentCells = countColumn([compliments.length], view, []);
  sections.push({
    id: 'compliments',
    heading: 'Compliments',
    paragraphs: [`Compliments received in the period: ${say(complimentCells[0]!)}.`],
    tables: [
      {
        id: 'by-team',
        caption: 'New (stage 1) complaints and compliments received in the period, by team',
        columns: ['Team', 'Stage 1 complaints', 'Compliments'],
        rows: countRows(
          teamNames,
          [
            teamNames.map((n) => teams.counts[teams.values.indexOf(n)] ?? 0),
            teamNames.map((n) => complimentTeams.get(n) ?? 0),
          ],
          view,
        ),
      },
      {
        id: 'compliments-from',
        caption: 'Who the compliments came from',
        columns: ['From', 'Compliments'],
        rows: countRows(
          COMPLIMENT_FROM.map((f) => f.charAt(0).toUpperCase() + f.slice(1)),
          [COMPLIMENT_FROM.map((f) => compliments.filter((v) => v.from === f).length)],
          view,
        ),
      },
    ],
    terms: [],
  });

  // Learning: words written about real cases, shown to staff only.
  const learning = rows.filter((v) => v.learning !== '' && within(v.responded || v.received!, from, asAt));
  sections.push({
    id: 'learning',
    heading: 'What the service learned',
    paragraphs: view.public
      ? [
          'What the service learned from each complaint is written about real cases, so it is in the staff version only.',
        ]
      : learning.length === 0
        ? ['No learning was recorded for complaints answered in the period.']
        : [],
    tables:
      view.public || learning.length === 0
        ? []
        : [
            {
              id: 'learning',
              caption: 'Learning recorded for complaints answered in the period (staff only)',
              columns: ['Complaint', 'Stage', 'Learning'],
              rows: learning.map((v) => [words(v.reference!), words(v.stage!), words(v.learning!)]),
            },
          ],
    terms: [],
  });

  const quarters = trendQuarters(input.period);
  const groups = yearGroups(quarters);
  const qCounts = quarters.map((q) => {
    const d = periodDays(q);
    return {
      label: longLabel(q),
      stage1: rows.filter((v) => v.stage === '1' && within(v.received!, d.from, d.to)).length,
      compliments: input.compliments.filter((r) => within(r.values.received!, d.from, d.to)).length,
    };
  });
  const sameCell: Record<string, ReportCell | undefined> =
    input.period.kind === 'financial-quarter' ? { stage1: receivedCells[0], compliments: complimentCells[0] } : {};
  const trend = (['stage1', 'compliments'] as const).map((k) =>
    countColumn(
      qCounts.map((q) => q[k]),
      view,
      groups,
      { fixed: sameCell[k] ? new Map([[qCounts.length - 1, sameCell[k]]]) : undefined },
    ),
  );
  sections.push({
    id: 'trend',
    heading: 'Two years of quarters',
    paragraphs: [],
    tables: [
      {
        id: 'trend',
        caption: 'Stage 1 complaints and compliments received, by quarter',
        columns: ['Quarter', 'Stage 1 complaints', 'Compliments'],
        rows: qCounts.map((q, i) => [words(q.label), trend[0]![i]!, trend[1]![i]!]),
        chart: { kind: 'bar', series: [1, 2] },
      },
    ],
    terms: [],
  });
  return finish('complaints', 'Complaints and compliments (children’s social care)', period, sections, view);
}

/** Each step of one complaint stage, with its due day: the detail behind the timeliness table (staff only). */
export function complaintSteps(v: Record<string, string>, today: string) {
  return stageSteps(stageRecord(v), today);
}

// ---------------------------------------------------------------- inspection action plan

export type ActionStatus = {
  inspection: string;
  action: string;
  recommendation: string;
  proposed: { status: Rag; reason: string };
  status: Rag;
  reason: string;
  overridden: boolean;
};

/** Each action's proposed status (from its due day and linked measures) and its final one (a lead's override wins). */
export function actionStatuses(
  actions: Rows,
  linkedRag: (measure: string) => Rag | null,
  today: string,
): ActionStatus[] {
  return actions.map((r) => {
    const v = r.values;
    const linked = (v.measures ?? '')
      .split(';')
      .filter((m) => m !== '')
      .map(linkedRag)
      .filter((x): x is Rag => x !== null);
    const completed = v.completed !== '' && v.completed! <= today ? v.completed! : null;
    const proposed = proposeActionRag({ due: v.due!, completed }, linked, today);
    const overridden = v.status_override !== '' && v.status_override !== proposed.status;
    return {
      inspection: v.inspection!,
      action: v.action!,
      recommendation: `${v.inspection} | ${v.recommendation}`,
      proposed,
      status: overridden ? (v.status_override as Rag) : proposed.status,
      reason: overridden ? v.override_reason! : proposed.reason,
      overridden,
    };
  });
}

/** Each recommendation's status (its worst action's), keyed `inspection | number`: what a load's snapshot keeps. */
export function recommendationStatuses(statuses: readonly ActionStatus[]): Record<string, Rag> {
  const by = new Map<string, Rag[]>();
  for (const s of statuses) by.set(s.recommendation, [...(by.get(s.recommendation) ?? []), s.status]);
  return Object.fromEntries([...by].map(([k, rags]) => [k, recommendationRag(rags)!]));
}

export type PlanHistoryEntry = { at: string; statuses: Record<string, Rag> };

export function inspectionReport(
  input: {
    inspections: Rows;
    actions: Rows;
    linkedRag: (measure: string) => Rag | null;
    history: readonly PlanHistoryEntry[];
    period: Period;
    today: string;
  },
  view: ReportView,
): Omit<ReportDocument, 'sources'> {
  const period = reportPeriod(input.period);
  const asAt = period.to < input.today ? period.to : input.today;
  // As at the period's end: an inspection not yet reported, and a completion or plan sent after it, not yet counted.
  const inspectionRows = input.inspections.filter((r) => r.values.letter_date! <= asAt);
  const known = new Set(inspectionRows.map((r) => r.values.inspection));
  const letters = new Set(input.inspections.map((r) => r.values.inspection));
  const actionRows = input.actions.filter((r) => known.has(r.values.inspection) || !letters.has(r.values.inspection));
  // The leads' own statuses are today's: for an earlier quarter the statuses are Indicate's, from the dates then.
  const earlier = asAt < input.today;
  const statuses = actionStatuses(
    earlier
      ? actionRows.map((r) => ({ ...r, values: { ...r.values, status_override: '', override_reason: '' } }))
      : actionRows,
    input.linkedRag,
    asAt,
  );
  const recStatus = recommendationStatuses(statuses);
  const sections: ReportSection[] = [];
  const names = [
    ...new Set([...inspectionRows.map((r) => r.values.inspection!), ...actionRows.map((r) => r.values.inspection!)]),
  ];
  const inspections = new Map(inspectionRows.map((r) => [r.values.inspection!, r.values]));
  names.sort((a, b) => (inspections.get(b)?.letter_date ?? '').localeCompare(inspections.get(a)?.letter_date ?? ''));
  const counts = { red: 0, amber: 0, green: 0 };
  for (const rag of Object.values(recStatus)) counts[rag] += 1;
  sections.push({
    id: 'summary',
    heading: 'Progress in summary',
    paragraphs: [
      Object.keys(recStatus).length === 0
        ? 'No action plan is loaded.'
        : `On ${dayWords(asAt)}, of ${plural(Object.keys(recStatus).length, 'recommendation')}, ${counts.green} ${counts.green === 1 ? 'is' : 'are'} green (good progress), ${counts.amber} amber (on track over a longer agreed time) and ${counts.red} red (needing further focused work). A recommendation takes the status of its least advanced action.`,
    ],
    tables: [],
    terms: ['action-plan-rag', 'rag'],
  });
  if (earlier)
    sections[0]!.paragraphs.push(
      `For an earlier quarter the statuses are proposed from the due and completion dates as they stood on ${dayWords(asAt)}; the leads' own statuses and the evidence are as the plan reads today.`,
    );
  for (const name of names) {
    const insp = inspections.get(name);
    const actions = actionRows.filter((r) => r.values.inspection === name);
    const paragraphs: string[] = [];
    const tables: ReportSection['tables'] = [];
    if (insp) {
      const priority = insp.priority_action === 'yes';
      const due = planDeadline(insp.letter_date!, priority);
      const sent = insp.plan_submitted !== '' && insp.plan_submitted! <= asAt ? insp.plan_submitted! : null;
      paragraphs.push(
        `Ofsted's ${insp.type} letter was received on ${dayWords(insp.letter_date!)}. The action plan was due on ${dayWords(due)} (${priority ? '20 working days, as Ofsted named a priority action' : '70 working days'}); ` +
          (sent
            ? sent <= due
              ? `it was sent on ${dayWords(sent)}, in time.`
              : `it was sent on ${dayWords(sent)}, ${plural(workingDaysBetween(due, sent), 'working day')} late.`
            : asAt > due
              ? `it has not been sent and is ${plural(workingDaysBetween(due, asAt), 'working day')} overdue.`
              : 'it has not been sent yet.'),
      );
      const grades = (
        [
          ['Overall effectiveness', 'overall'],
          ['The impact of leaders on social work practice', 'leaders'],
          ['Children who need help and protection', 'help_and_protection'],
          ['Children in care', 'children_in_care'],
          ['Care leavers', 'care_leavers'],
        ] as const
      ).filter(([, k]) => insp[k] !== '');
      if (grades.length > 0)
        tables.push({
          id: `judgements-${name}`,
          caption: `Ofsted's judgements: ${name}`,
          columns: ['Judgement', 'Grade'],
          rows: grades.map(([label, k]) => [words(label), words(insp[k]!.charAt(0).toUpperCase() + insp[k]!.slice(1))]),
        });
    } else paragraphs.push(`The inspections log has no entry for ${name}: its letter date and deadline are not known.`);
    const recs = [...new Map(actions.map((r) => [r.values.recommendation!, r.values.recommendation_text!]))];
    if (recs.length > 0) {
      const historyAt = input.history.filter((h) => h.at <= asAt).slice(-4);
      tables.push({
        id: `recommendations-${name}`,
        caption: `Recommendations and their status: ${name}`,
        columns: [
          'Recommendation',
          "Ofsted's words",
          ...historyAt.map((h) => `Status on ${dayWords(h.at, true)}`),
          `Status on ${dayWords(asAt, true)}`,
        ],
        rows: recs.map(([n, textValue]) => [
          words(n),
          words(textValue),
          ...historyAt.map((h) => ragCell(h.statuses[`${name} | ${n}`] ?? null)),
          ragCell(recStatus[`${name} | ${n}`] ?? null),
        ]),
      });
      tables.push({
        id: `actions-${name}`,
        caption: `Actions: ${name}`,
        columns: ['Action', 'What will be done', 'Lead', 'Due', 'Completed', 'Status', 'Why', 'Evidence'],
        rows: actions.map((r) => {
          const s = statuses.find((x) => x.inspection === name && x.action === r.values.action)!;
          return [
            words(r.values.action!),
            words(r.values.action_text!),
            words(r.values.owner!),
            words(dayWords(r.values.due!, true)),
            words(
              r.values.completed !== '' && r.values.completed! <= asAt
                ? dayWords(r.values.completed!, true)
                : 'not yet',
            ),
            ragCell(s.status),
            words(
              s.overridden
                ? `${s.reason} (the lead's status; Indicate proposed ${s.proposed.status}: ${s.proposed.reason})`
                : s.reason,
            ),
            words(r.values.evidence || '—'),
          ];
        }),
      });
      const overdue = statuses.filter(
        (s) => s.recommendation.startsWith(`${name} |`) && s.proposed.reason.startsWith('Overdue'),
      );
      if (overdue.length > 0)
        paragraphs.push(
          `${plural(overdue.length, 'action')} ${overdue.length === 1 ? 'is' : 'are'} past the due date and not recorded as completed.`,
        );
    }
    sections.push({
      id: `inspection-${name}`,
      heading: name,
      paragraphs,
      tables,
      terms: ['plan-deadline', 'priority-action'],
    });
  }
  return finish('inspection', 'Inspection action plan: progress', period, sections, view);
}

function finish(
  report: ReportDocument['report'],
  title: string,
  period: ReportDocument['period'],
  sections: ReportSection[],
  view: ReportView,
): Omit<ReportDocument, 'sources'> {
  return {
    report,
    title,
    period,
    sections,
    withheldNote: view.public && anyWithheld(sections) ? withheldNoteFor(view) : null,
    notes: [],
  };
}
