import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Catalogue, LogStatus, ReportDocument } from '@indicate/contracts';
import {
  LOG_DEFINITIONS,
  LOG_KINDS,
  LOG_REPORT,
  anyWithheld,
  withheldNoteFor,
  dayWords,
  logBegins,
  parsePeriodId,
  periodId,
  previousPeriod,
  quarterOf,
  startsAfterCurrentQuarter,
  type LogKind,
  type Period,
} from '@indicate/core';
import {
  actionStatuses,
  complaintsReport,
  fosteringReport,
  inspectionReport,
  recommendationStatuses,
  type NationalFosteringFigure,
  type PlanHistoryEntry,
  type Rag,
} from '@indicate/core/reports';
import { readSettings } from '../auth/settings.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { currentLog, logRowsOf } from '../loader/service-log.ts';
import type { View } from '../reads/context.ts';
import type { ReadService } from '../reads/service.ts';

export type ReportKind = ReportDocument['report'];

/** Whether a report has something for its period: every log behind it loaded and begun by the period's end. */
export function coversPeriod(doc: ReportDocument): boolean {
  return !doc.notes.some((n) => n.includes(': not loaded,') || n.includes('after this period'));
}

/** The measure whose groups say where the council's children are placed. */
const PLACED_MEASURE = 'cic-count';

type LoadRow = { id: number; loaded_at: string; file_name: string; log_snapshot: string | null };

/**
 * THE REPORT SERVICE: the committee's other statutory reports (issue 24) from the current service logs. Rules
 * are core's (other-reports.ts); this reads the logs, the home council's RAG for linked measures and the action
 * plan's history, and says which loads a report was made from.
 */
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly reads: ReadService,
    private readonly today: () => Date = () => new Date(),
    /** Ofsted's national fostering figures (data/ofsted), read once. */
    private readonly national: readonly NationalFosteringFigure[] = [],
  ) {}

  /** Each log with its current load, for the Loads page. */
  logs(): LogStatus[] {
    return LOG_KINDS.map((kind) => {
      const load = this.currentLoad(kind);
      const rows = load
        ? (
            this.db.$client.prepare('select count(*) as n from log_rows where load_id = ?').get(load.id) as {
              n: number;
            }
          ).n
        : 0;
      return {
        kind,
        title: LOG_DEFINITIONS[kind].title,
        report: LOG_REPORT[kind],
        rowIs: LOG_DEFINITIONS[kind].rowIs,
        loadId: load?.id ?? null,
        fileName: load?.file_name ?? null,
        loadedAt: load?.loaded_at ?? null,
        rows,
      };
    });
  }

  /**
   * The period a report is for when none is asked: the quarter being reported (the last one ended), or for the
   * action plan the quarter we are in (its progress is as at today).
   */
  defaultPeriod(report: ReportKind): Period {
    const now = quarterOf(this.today());
    return report === 'inspection' ? now : previousPeriod(now);
  }

  period(report: ReportKind, id: string | undefined): Period {
    if (id === undefined) return this.defaultPeriod(report);
    const kind = /-Q[1-4]$/.test(id) ? 'financial-quarter' : 'financial-year';
    const parsed = parsePeriodId(id, kind);
    if (!parsed.ok)
      throw new DomainError('invalid', 'invalid_request', `Invalid query parameter period: ${parsed.message}.`);
    if (startsAfterCurrentQuarter(parsed.period, this.today()))
      throw new DomainError('invalid', 'invalid_request', `Invalid query parameter period: ${id} has not begun.`);
    return parsed.period;
  }

  document(report: ReportKind, periodId: string | undefined, view: View): ReportDocument {
    const period = this.period(report, periodId);
    const today = this.today().toISOString().slice(0, 10);
    const reportView = { public: view === 'public', threshold: this.reads.threshold() };
    const logs = (Object.keys(LOG_REPORT) as LogKind[]).filter((k) => LOG_REPORT[k] === report);
    const rows = (kind: LogKind) => currentLog(this.db, kind).rows;
    let built: Omit<ReportDocument, 'sources'>;
    if (report === 'fostering')
      built = fosteringReport(
        {
          households: rows('fostering-households'),
          recruitment: rows('fostering-recruitment'),
          period,
          today,
          national: this.national,
        },
        reportView,
      );
    else if (report === 'complaints')
      built = complaintsReport(
        { complaints: rows('complaints'), compliments: rows('compliments'), period, today },
        reportView,
      );
    else {
      const linkedRag = this.linkedRag();
      this.ensureSnapshots(linkedRag);
      built = inspectionReport(
        {
          inspections: rows('inspections'),
          actions: rows('inspection-actions'),
          linkedRag,
          history: this.planHistory(),
          period,
          today,
        },
        reportView,
      );
    }
    if (report === 'fostering') {
      built.sections.push(this.childrenPlaced(period, view));
      if (reportView.public && built.withheldNote === null && anyWithheld(built.sections))
        built = { ...built, withheldNote: withheldNoteFor(reportView) };
    }
    // A log that begins after the period began cannot count what came before it: say so, never a silent nought.
    const notes: string[] = [];
    for (const log of logs) {
      const rowsOf = rows(log);
      const begins = logBegins(log, rowsOf);
      const title = LOG_DEFINITIONS[log].title;
      if (begins === null) notes.push(`${title}: not loaded, so its part of the report is empty.`);
      else if (begins > built.period.to)
        notes.push(
          `${title}: as loaded, it begins on ${dayWords(begins)}, after this period, so it has nothing for it.`,
        );
      else if (begins > built.period.from)
        notes.push(`${title}: as loaded, it begins on ${dayWords(begins)}, so anything before that day is not in it.`);
    }
    return {
      ...built,
      notes,
      sources: logs.map((log) => {
        const load = this.currentLoad(log);
        return {
          log,
          title: LOG_DEFINITIONS[log].title,
          loadId: load?.id ?? null,
          fileName: load?.file_name ?? null,
          loadedAt: load?.loaded_at ?? null,
        };
      }),
    };
  }

  /**
   * The children placed, from figures already held: children in care by type of placement and by who provides it,
   * as computed from the council's returns (the same groups, withheld alike, as the indicator page shows).
   */
  private childrenPlaced(period: Period, view: View): ReportDocument['sections'][number] {
    const la = readSettings(this.db).homeLa;
    const section = {
      id: 'children-placed',
      heading: 'Children placed',
      paragraphs: [] as string[],
      tables: [] as ReportDocument['sections'][number]['tables'],
      terms: [] as string[],
    };
    let groups: ReturnType<ReadService['breakdowns']> | null = null;
    try {
      groups = this.reads.breakdowns(PLACED_MEASURE, { la, period: periodId(period) }, view);
    } catch {
      groups = null; // no figure for the council in the period: said below
    }
    const dims = (groups?.dimensions ?? []).filter((d) => d.id === 'placement-type' || d.id === 'placement-provider');
    if (!groups || dims.length === 0) {
      section.paragraphs.push(
        "No breakdown of the children in care by placement is held for this period. It comes from the council's returns (Load data, Compute from returns).",
      );
      return section;
    }
    section.paragraphs.push(
      `Children in care on the last day of the period${groups.total ? `: ${groups.total.text}` : ''}. ${groups.source ?? ''}`.trim(),
    );
    for (const d of dims)
      section.tables.push({
        id: `placed-${d.id}`,
        caption: `Children in care, ${d.label.charAt(0).toLowerCase()}${d.label.slice(1)}`,
        columns: ['Group', 'Children'],
        rows: d.groups.map((g) => [
          { text: g.label },
          g.withheld ? { text: 'withheld', value: null, withheld: true } : { text: g.text, value: g.value },
        ]),
      });
    return section;
  }

  /** The home council's RAG for a measure now (its latest figure's final status), for the action plan's links. */
  private linkedRag(): (measure: string) => Rag | null {
    const la = readSettings(this.db).homeLa;
    const memo = new Map<string, Rag | null>();
    return (measure) => {
      if (!memo.has(measure)) {
        let rag: Rag | null = null;
        try {
          const status = this.reads.figure(measure, { la }, 'mean').row?.assessment.rag.status;
          rag = status === undefined || status === 'none' ? null : status;
        } catch {
          rag = null; // a measure with no figure for the council: no status to carry
        }
        memo.set(measure, rag);
      }
      return memo.get(measure)!;
    };
  }

  /**
   * Each committed action plan's recommendation statuses as they stood on the day it was loaded, kept with the
   * load (the plan's history). Written just after the load commits; a load without one (the server stopped
   * between) gets it on the next read, as at its load day with the linked measures' statuses then read.
   */
  ensureSnapshots(linkedRag: (measure: string) => Rag | null = this.linkedRag()): void {
    const missing = this.db.$client
      .prepare(
        "select id, loaded_at from loads where log_kind = 'inspection-actions' and state = 'committed' and log_snapshot is null",
      )
      .all() as Array<{ id: number; loaded_at: string }>;
    for (const load of missing) {
      const statuses = recommendationStatuses(
        actionStatuses(logRowsOf(this.db, load.id), linkedRag, load.loaded_at.slice(0, 10)),
      );
      this.db.$client
        .prepare('update loads set log_snapshot = ? where id = ? and log_snapshot is null')
        .run(JSON.stringify(statuses), load.id);
    }
  }

  /** The plan's earlier statuses: every committed plan load but the current one, oldest first. */
  private planHistory(): PlanHistoryEntry[] {
    const loads = this.db.$client
      .prepare(
        "select id, loaded_at, file_name, log_snapshot from loads where log_kind = 'inspection-actions' and state = 'committed' and reverts_load_id is null order by id",
      )
      .all() as LoadRow[];
    return loads
      .slice(0, -1)
      .flatMap((l) =>
        l.log_snapshot === null
          ? []
          : [{ at: l.loaded_at.slice(0, 10), statuses: JSON.parse(l.log_snapshot) as Record<string, Rag> }],
      );
  }

  private currentLoad(kind: LogKind): LoadRow | null {
    return (
      (this.db.$client
        .prepare(
          "select id, loaded_at, file_name, log_snapshot from loads where log_kind = ? and state = 'committed' and reverts_load_id is null order by id desc limit 1",
        )
        .get(kind) as LoadRow | undefined) ?? null
    );
  }
}

/** Ofsted's national fostering figures, bundled with their licence line (data/ofsted/fostering-national.csv). */
export function readNationalFostering(dataDir: string): NationalFosteringFigure[] {
  const file = path.join(dataDir, 'ofsted', 'fostering-national.csv');
  if (!fs.existsSync(file)) return [];
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, comment: '#', skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  return rows.map((r) => ({
    year: r.year!,
    measure: r.measure as NationalFosteringFigure['measure'],
    label: r.label!,
    value: Number(r.value),
  }));
}
