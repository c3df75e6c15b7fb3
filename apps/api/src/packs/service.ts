import {
  may,
  type Breakdowns,
  type Pack,
  type PackChange,
  type PackParagraph,
  type ReportDocument,
  type Scorecard,
  type Summary,
} from '@indicate/contracts';
import {
  BENCHMARK_KEY,
  formatFigure,
  draftParagraph,
  packEditProblem,
  packMoveProblem,
  packReadiness,
  periodId,
  commentaryForPack,
  unusualMovement,
  whatChanged,
  type ChangeRow,
  type PackState,
  type Segment,
  membersOnlyAnnex,
} from '@indicate/core';
import { assertThemeAllowed } from '../auth/access.ts';
import { audit } from '../auth/audit.ts';
import { commentaryStatusFor, readCommentary, readKeyMessage, writeCommentary } from '../editorial.ts';
import { readSettings } from '../auth/settings.ts';
import type { User } from '../auth/users.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import type { ReadService } from '../reads/service.ts';
import { coversPeriod, type ReportService } from '../reports/service.ts';
import { summaryOf } from '../reads/summary.ts';
import { dfeRevisionsOf } from './dfe-revisions.ts';
import { PackRepository, type PackRow, type TextKind, type TextRow } from './repository.ts';

/**
 * Committee packs. Drafting takes a snapshot of the scorecard, the overview and a drafted paragraph per
 * indicator; people then edit paragraphs and add commentary (kept, with who and when); the pack moves
 * draft -> ready -> published under core's lifecycle rules (core/pack-lifecycle.ts), and a published
 * pack is frozen: a revision is a new version, with what changed listed. SQL lives in repository.ts,
 * the PDF, CSV and Excel outputs in outputs.ts.
 */

type Snapshot = {
  scorecard: Scorecard;
  summary: Summary;
  overview: string[];
  drafts: Record<string, Segment[]>;
  dataDate: string;
  /** The service's name when drafted (a setting): the pack's title keeps it. Absent in older packs. */
  serviceName?: string;
  /** The breakdowns of the figures computed from the council's returns. Absent in older packs. */
  breakdowns?: Breakdowns[];
  /**
   * The members-only annex (core's membersOnlyAnnex): the scorecard is the public view, and each row it
   * withholds something of is here in full. Absent in packs drafted before issue 21, whose scorecard was
   * the full view.
   */
  annex?: Array<{ row: Scorecard['rows'][number]; withheld: string[] }>;
  /** The other reports for the quarter (public), and in full those that withhold something. Absent before issue 24. */
  serviceReports?: { paper: ReportDocument[]; annex: ReportDocument[] };
};

/**
 * A pack's frozen snapshot. One drafted before targets were said in words gets the target's value as its
 * words (how the figure stood against it was not recorded then), and one drafted before their two parts
 * gets its words as the head, so an older pack still opens.
 */
function parseSnapshot(row: PackRow): Snapshot {
  const snap = JSON.parse(row.snapshot) as Snapshot;
  for (const r of [...snap.scorecard.rows, ...(snap.annex ?? []).map((a) => a.row)]) {
    const t = r.assessment.target as
      | (typeof r.assessment.target & {
          words?: string;
          setFor?: string | null;
          head?: string;
          standing?: string | null;
        })
      | null;
    if (t && t.words === undefined) {
      t.words = `Target ${formatFigure(t.value, r.indicator.unit, r.indicator.decimals)}`;
      t.setFor = null;
    }
    // Drafted before the target's words came in two parts, or the reason without its trend (issue 21).
    if (t && t.head === undefined) {
      t.head = t.words;
      t.standing = null;
    }
    const proposed = r.assessment.rag.proposed as typeof r.assessment.rag.proposed & {
      reasonWithoutTrend?: string | null;
    };
    if (proposed.reasonWithoutTrend === undefined) proposed.reasonWithoutTrend = null;
  }
  return snap;
}

export class PackService {
  private readonly store: PackRepository;

  constructor(
    private readonly db: Db,
    private readonly reads: ReadService,
    /** The other reports (issue 24), which a home council's pack carries for its quarter. */
    private readonly reports?: ReportService,
  ) {
    this.store = new PackRepository(db);
  }

  /** The service's name, as the pack's title prints it (a setting). */
  serviceName(): string {
    return readSettings(this.db).serviceName;
  }

  /** Each indicator's "similar" threshold, for "what changed" to judge a change as the scorecard does. */
  private thresholds(): Map<string, number> {
    return new Map([...this.reads.ctx.indicators.values()].map((i) => [i.id, i.similarThreshold]));
  }

  /** The frozen content of a new pack: the scorecard once, its overview, and a drafted paragraph a row. */
  private snapshot(laCode: string, periodIdValue: string): Snapshot {
    const options = { exceptionsOnly: false, newOnly: false, method: 'mean' as const };
    // A published pack is a public committee paper: its body is the public view, and what that withholds
    // is in the members-only annex (core's membersOnlyAnnex, ADR 0017).
    const scorecard = this.reads.scorecard(laCode, periodIdValue, { ...options, view: 'public' });
    const full = this.reads.scorecard(laCode, periodIdValue, { ...options, view: 'full' });
    const annex = membersOnlyAnnex(scorecard.rows, full.rows);
    const summary = summaryOf(scorecard);
    const drafts: Record<string, Segment[]> = {};
    for (const row of scorecard.rows) {
      const previousId = row.assessment.vsPrevious.against.id;
      const indicator = this.reads.ctx.indicators.get(row.indicator.id)!;
      const stored = this.reads.reads.figure(row.indicator.id, 'local-authority', scorecard.la.code, previousId);
      // The previous figure as the public may see it: a withheld one is not quoted.
      const previous = stored && !this.reads.ctx.withheld(indicator, stored) ? stored : undefined;
      drafts[row.indicator.id] = draftParagraph(
        {
          ...row,
          previous: previous
            ? {
                value: previous.value,
                numerator: previous.numerator,
                loadId: previous.load_id,
                sourceRef: previous.source_ref,
              }
            : null,
        },
        scorecard.la.name,
      );
    }
    const breakdowns: Breakdowns[] = [];
    for (const row of scorecard.rows) {
      if (!row.figure) continue;
      // Most figures have none: only those computed from the council's returns are broken down. A committee
      // pack is a public paper: its groups are as the public view gives them (small ones withheld).
      const groups = this.reads.breakdowns(
        row.indicator.id,
        { la: scorecard.la.code, period: row.figure.period.id },
        'public',
      );
      if (groups.dimensions.length > 0) breakdowns.push(groups);
    }
    return {
      scorecard,
      summary,
      overview: summary.paragraphs,
      drafts,
      breakdowns,
      annex,
      serviceReports: this.serviceReportsFor(laCode, periodIdValue),
      dataDate: this.store.newestLoadAt() ?? new Date(0).toISOString(),
      serviceName: this.serviceName(),
    };
  }

  /**
   * The other reports a pack carries: only the home council's (the logs are its own), only for a quarter or a
   * year, and only those with a log loaded. The paper's are the public view; the annex has the full view of any
   * that withholds a small number.
   */
  private serviceReportsFor(
    laCode: string,
    periodIdValue: string,
  ): { paper: ReportDocument[]; annex: ReportDocument[] } {
    const none = { paper: [], annex: [] };
    if (!this.reports || readSettings(this.db).homeLa !== laCode) return none;
    if (!/^\d{4}-\d{2}(-Q[1-4])?$/.test(periodIdValue)) return none;
    const paper: ReportDocument[] = [];
    const annex: ReportDocument[] = [];
    for (const report of ['fostering', 'complaints', 'inspection'] as const) {
      const open = this.reports.document(report, periodIdValue, 'public');
      // Only a report with something for the quarter: a log that begins after it would print noughts.
      if (!coversPeriod(open)) continue;
      paper.push(open);
      if (!open.withheldNote) continue;
      // In full for members, but what the service learned about real cases stays with staff: the public section.
      const full = this.reports.document(report, periodIdValue, 'full');
      annex.push({
        ...full,
        sections: full.sections.map((s) => (s.id === 'learning' ? open.sections.find((o) => o.id === 'learning')! : s)),
      });
    }
    return { paper, annex };
  }

  private row(id: number): PackRow {
    const row = this.store.byId(id);
    if (!row) throw new DomainError('not_found', 'not_found', `There is no pack ${id}.`);
    return row;
  }

  list(laCode: string, periodIdValue: string | undefined, includeUnpublished: boolean) {
    return this.store
      .list(laCode, periodIdValue)
      .filter((r) => includeUnpublished || r.state === 'published')
      .map((r) => ({
        id: r.id,
        version: r.version,
        state: r.state,
        stateChangedBy: r.state_changed_by,
        stateChangedAt: r.state_changed_at,
        period: parseSnapshot(r).scorecard.period,
      }));
  }

  get(id: number, includeUnpublished: boolean): Pack {
    const row = this.row(id);
    if (row.state !== 'published' && !includeUnpublished) {
      throw new DomainError('not_found', 'not_found', `Pack ${id} is not published yet.`);
    }
    const snap = parseSnapshot(row);
    const readiness = row.state === 'published' ? { blockers: [], warnings: [] } : this.readiness(row, snap);
    // Drafted before a pack was a public paper (issue 21): its rows are the signed-in view, small numbers
    // and all, so it may not move on until it is taken again from the data (refresh keeps people's words).
    if (row.state !== 'published' && snap.annex === undefined) {
      readiness.blockers.unshift(
        'Drafted before the committee paper was made public-safe: refresh it from the data, so small numbers move to the members-only annex.',
      );
    }
    const texts = this.store.texts(id);
    // Commentary is one record per figure (the indicator page's too), read live while the pack is open and
    // frozen into the pack's own texts when it is published.
    const frozen = row.state === 'published';
    const paragraphs: PackParagraph[] = snap.scorecard.rows.map((r) => {
      const mine = texts.filter((t) => t.indicator_id === r.indicator.id);
      const latest = (kind: TextKind) => {
        const t = mine.find((x) => x.kind === kind);
        return t ? { text: t.text, author: t.author, writtenAt: t.written_at } : null;
      };
      const records = frozen
        ? []
        : readCommentary(
            this.db,
            { indicatorId: r.indicator.id, laCode: snap.scorecard.la.code, periodId: r.figure.period.id },
            true,
          );
      const live = commentaryForPack(records);
      // Withdrawn since: none (a frozen pack reads what it froze).
      const commentary = live
        ? { text: live.text, author: live.author, writtenAt: live.writtenAt }
        : records.length > 0
          ? null
          : latest('commentary');
      const history = [
        ...mine.map((t) => ({
          kind: t.kind as 'paragraph' | 'commentary',
          text: t.text,
          author: t.author,
          writtenAt: t.written_at,
        })),
        ...records.map((c) => ({
          kind: 'commentary' as const,
          text: c.status === 'withdrawn' ? '(commentary withdrawn)' : c.text,
          author: c.author,
          writtenAt: c.writtenAt,
        })),
      ].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt));
      return {
        indicatorId: r.indicator.id,
        theme: r.indicator.theme,
        themeLabel: r.indicator.themeLabel,
        label: r.indicator.label,
        ragStatus: r.assessment.rag.status,
        draft: snap.drafts[r.indicator.id] ?? [],
        edited: latest('paragraph'),
        commentary,
        commentaryStatus: live ? (live.status as 'draft' | 'published') : commentary ? 'published' : null,
        history,
      };
    });
    return {
      id: row.id,
      la: snap.scorecard.la,
      period: snap.scorecard.period,
      version: row.version,
      state: row.state,
      createdBy: row.created_by,
      createdAt: row.created_at,
      stateChangedBy: row.state_changed_by,
      stateChangedAt: row.state_changed_at,
      dataDate: snap.dataDate,
      serviceName: snap.serviceName ?? this.serviceName(),
      overview: snap.overview,
      summary: snap.summary,
      rows: snap.scorecard.rows,
      paragraphs,
      breakdowns: snap.breakdowns ?? [],
      annex: snap.annex ?? [],
      serviceReports: snap.serviceReports?.paper ?? [],
      serviceReportsAnnex: snap.serviceReports?.annex ?? [],
      dfeRevisions:
        row.state === 'published' ? dfeRevisionsOf(this.db, this.reads.ctx, row.la_code, snap.scorecard.rows) : [],
      // Packs drafted before changes carried a verdict read as having none.
      // Said only while it is true: a re-apply that puts the figures back clears it, as a refresh does.
      staleSinceRevertOf: readiness.blockers.length > 0 ? (row.stale_since_revert_of ?? null) : null,
      readiness,
      keyMessage: this.keyMessageOf(row, texts),
      changes: row.changes
        ? (JSON.parse(row.changes) as PackChange[]).map((c) => ({ ...c, verdict: c.verdict ?? null }))
        : null,
      ragKey: BENCHMARK_KEY,
    };
  }

  /** The key message: read live while the pack is open, as frozen once it is published. */
  private keyMessageOf(row: PackRow, texts: TextRow[]): Pack['keyMessage'] {
    if (row.state === 'published') {
      const frozen = texts.find((t) => t.kind === 'key-message');
      return frozen
        ? { text: frozen.text, author: frozen.author, writtenAt: frozen.written_at, status: 'published' }
        : null;
    }
    const live = commentaryForPack(readKeyMessage(this.db, { laCode: row.la_code, periodId: row.period_id }, true));
    return live
      ? {
          text: live.text,
          author: live.author,
          writtenAt: live.writtenAt,
          status: live.status as 'draft' | 'published',
        }
      : null;
  }

  /** Drafts a pack, or returns the open (unpublished) one for the same LA and period. */
  draft(laCode: string, periodParam: string, user: User): { pack: Pack; created: boolean } {
    const la = this.reads.la(laCode);
    const period = this.reads.period(la, periodParam);
    const id = periodId(period);
    const open = this.store.openDraft(la.old_la_code, id);
    if (open) return { pack: this.get(open.id, true), created: false };
    const latest = this.store.latestVersion(la.old_la_code, id);
    const snap = this.snapshot(la.old_la_code, id);
    const changes = latest ? changesBetween(parseSnapshot(latest), snap, this.thresholds()) : null;
    const now = new Date().toISOString();
    const version = (latest?.version ?? 0) + 1;
    const newId = this.store.transaction(() => {
      const inserted = this.store.insert({
        la_code: la.old_la_code,
        period_id: id,
        version,
        state: 'draft',
        snapshot: JSON.stringify(snap),
        changes: changes ? JSON.stringify(changes) : null,
        revises_pack_id: latest?.id ?? null,
        created_by: user.email,
        created_at: now,
        state_changed_by: user.email,
        state_changed_at: now,
      });
      audit(this.db, {
        actor: user.email,
        action: 'pack-draft',
        target: `pack ${inserted} (${la.old_la_code} ${id} v${version})`,
        after: { period: period.kind, revises: latest?.id ?? null },
      });
      return inserted;
    });
    return { pack: this.get(newId, true), created: true };
  }

  write(id: number, indicatorId: string, kind: TextKind, text: string, user: User): Pack {
    const row = this.row(id);
    const frozen = packEditProblem(id, row.state);
    if (frozen) throw new DomainError('conflict', frozen.code, frozen.message);
    const found = parseSnapshot(row).scorecard.rows.find((r) => r.indicator.id === indicatorId);
    if (!found) throw new DomainError('not_found', 'not_found', `Pack ${id} has no paragraph for "${indicatorId}".`);
    assertThemeAllowed(user, found.indicator.theme);
    if (kind === 'commentary') {
      // The figure's one commentary, as the indicator page writes it.
      writeCommentary(
        this.db,
        { indicatorId, laCode: row.la_code, periodId: found.figure.period.id },
        text,
        commentaryStatusFor(user.role),
        user.email,
        null,
      );
      return this.get(id, true);
    }
    const written: TextRow = {
      indicator_id: indicatorId,
      kind,
      text,
      author: user.email,
      written_at: new Date().toISOString(),
    };
    this.store.transaction(() => {
      this.store.addText(id, written);
      audit(this.db, {
        actor: user.email,
        action: `pack-${kind}`,
        target: `pack ${id} ${indicatorId}`,
        after: { text },
      });
    });
    return this.get(id, true);
  }

  /**
   * The check before "ready" and "publish" (core's packReadiness): the draft is stale when a load that gave
   * any of its figures has been undone since (however it was undone: the page, the API or the CLI).
   */
  private readiness(row: PackRow, snap: Snapshot) {
    // Each figure as the pack froze it, against the figure stored now: undone, revised or gone makes it stale.
    const truth = new Map((snap.annex ?? []).map((a) => [a.row.indicator.id, a.row]));
    const changed = snap.scorecard.rows
      .map((r) => truth.get(r.indicator.id) ?? r)
      .filter((r) => {
        const now = this.reads.reads.figure(
          r.indicator.id,
          'local-authority',
          snap.scorecard.la.code,
          r.figure.period.id,
        );
        return !now || now.value !== r.figure.value || (now.value === null && now.symbol !== r.figure.symbol);
      });
    const undone = row.stale_since_revert_of;
    const stale =
      changed.length === 0
        ? null
        : `This draft is out of date: ${undone !== null ? `load ${undone} was undone and ` : ''}${changed.length} of its figures ${changed.length === 1 ? 'is' : 'are'} no longer as stored (${changed
            .slice(0, 5)
            .map((r) => `${r.indicator.shortLabel}, ${r.figure.period.label}`)
            .join('; ')}${changed.length > 5 ? '; ...' : ''}).`;
    return packReadiness({
      stale,
      rows: snap.scorecard.rows.map((r) => {
        const a = r.assessment;
        const indicator = this.reads.ctx.indicators.get(r.indicator.id);
        const change = a.vsPrevious.change;
        const movement =
          indicator && r.figure.value !== null && change !== null
            ? unusualMovement({
                unit: indicator.unit,
                previous: Number((r.figure.value - change).toFixed(6)),
                current: r.figure.value,
                similarThreshold: indicator.similarThreshold,
              })
            : null;
        return {
          label: r.indicator.label,
          periodLabel: r.figure.period.label,
          ragRule: a.rag.proposed.rule,
          ragStatus: a.rag.status,
          ragReason: a.rag.proposed.reason,
          benchmarkable: indicator?.nationalBenchmark === true && r.indicator.polarity !== 'none',
          hasBenchmark: a.quartile !== null || a.england !== null || a.statNeighbours !== null,
          hasTarget: a.target !== null,
          movement,
        };
      }),
    });
  }

  setState(id: number, state: PackState, user: User): Pack {
    const row = this.row(id);
    const problem = packMoveProblem({
      packId: id,
      from: row.state,
      to: state,
      mayPublish: may(user.role, 'publish'),
      paragraphs:
        state === 'published'
          ? this.get(id, true).paragraphs.map((p) => ({
              label: p.label,
              ragStatus: p.ragStatus,
              hasCommentary: p.commentaryStatus === 'published',
            }))
          : [],
    });
    if (problem) {
      throw new DomainError(problem.code === 'forbidden' ? 'forbidden' : 'conflict', problem.code, problem.message);
    }
    if (state === 'ready' || state === 'published') {
      const { blockers } = this.readiness(row, parseSnapshot(row));
      if (blockers.length) throw new DomainError('conflict', 'pack_not_ready', blockers.join(' '));
    }
    const now = new Date().toISOString();
    const open = state === 'published' ? this.get(id, true) : null;
    this.store.transaction(() => {
      this.store.setState(id, state, user.email, now);
      // Published: the key message and each figure's commentary as they stand are frozen into the pack.
      if (open?.keyMessage && open.keyMessage.status === 'published') {
        this.store.addText(id, {
          indicator_id: '',
          kind: 'key-message',
          text: open.keyMessage.text,
          author: open.keyMessage.author,
          written_at: open.keyMessage.writtenAt,
        });
      }
      for (const p of open?.paragraphs ?? []) {
        if (p.commentary && p.commentaryStatus === 'published') {
          this.store.addText(id, {
            indicator_id: p.indicatorId,
            kind: 'commentary',
            text: p.commentary.text,
            author: p.commentary.author,
            written_at: p.commentary.writtenAt,
          });
        }
      }
      audit(this.db, {
        actor: user.email,
        action: `pack-${state}`,
        target: `pack ${id}`,
        before: { state: row.state },
        after: { state },
      });
    });
    return this.get(id, true);
  }

  /** The packs whose figures came (in part) from a load: a revert warns of them and marks open drafts stale. */
  packsUsingLoad(loadId: number): Array<{ id: number; la: string; period: string; version: number; state: PackState }> {
    return this.store
      .all()
      .map((row) => ({ row, snap: parseSnapshot(row) }))
      .filter(
        ({ snap }) =>
          snap.scorecard.rows.some((r) => r.figure.loadId === loadId) ||
          // A service log a pack's other reports were made from (issue 24).
          (snap.serviceReports?.paper ?? []).some((d) => d.sources.some((s) => s.loadId === loadId)),
      )
      .map(({ row, snap }) => ({
        id: row.id,
        la: snap.scorecard.la.name,
        period: snap.scorecard.period.label,
        version: row.version,
        state: row.state,
      }));
  }

  /** After a load is undone: each open (unpublished) pack that used it is marked stale; published ones keep their figures. */
  markStaleAfterRevert(loadId: number, packIds: number[], by: string): void {
    this.store.transaction(() => {
      for (const id of packIds) {
        const row = this.row(id);
        if (row.state === 'published') continue;
        this.store.markStale(id, loadId);
        audit(this.db, { actor: by, action: 'pack-stale', target: `pack ${id}`, after: { revertedLoad: loadId } });
      }
    });
  }

  /** Takes an open draft again from the data (people's words are kept); it is no longer stale. */
  refresh(id: number, user: User): Pack {
    const row = this.row(id);
    const frozen = packEditProblem(id, row.state);
    if (frozen) throw new DomainError('conflict', frozen.code, frozen.message);
    const snap = this.snapshot(row.la_code, row.period_id);
    const previous = row.revises_pack_id ? this.store.byId(row.revises_pack_id) : undefined;
    const changes = previous ? changesBetween(parseSnapshot(previous), snap, this.thresholds()) : null;
    this.store.transaction(() => {
      this.store.replaceSnapshot(id, JSON.stringify(snap), changes ? JSON.stringify(changes) : null);
      audit(this.db, { actor: user.email, action: 'pack-refresh', target: `pack ${id}` });
    });
    return this.get(id, true);
  }

  /** Values revised, RAG changes and new indicators since the previous published pack for this LA. */
  sincePreviousPublished(id: number): { previous: { id: number; period: string } | null; changes: PackChange[] } {
    const row = this.row(id);
    const previous = this.store.previousPublished(row);
    if (!previous) return { previous: null, changes: [] };
    const before = parseSnapshot(previous);
    return {
      previous: { id: previous.id, period: before.scorecard.period.label },
      changes: changesBetween(before, parseSnapshot(row), this.thresholds()),
    };
  }
}

/** A snapshot's rows as "what changed" compares them, each with its indicator's "similar" threshold. */
export function changeRows(snap: Pick<Snapshot, 'scorecard'>, thresholds: ReadonlyMap<string, number>): ChangeRow[] {
  return snap.scorecard.rows.map((r) => ({
    indicatorId: r.indicator.id,
    label: r.indicator.label,
    unit: r.indicator.unit,
    decimals: r.indicator.decimals,
    period: r.figure.period,
    value: r.figure.value,
    symbol: r.figure.symbol,
    symbolMeaning: r.figure.symbolMeaning,
    ragStatus: r.assessment.rag.status,
    ragLabel: r.assessment.rag.label,
    polarity: r.indicator.polarity,
    similarThreshold: thresholds.get(r.indicator.id) ?? 0,
  }));
}

/** Compares two snapshots (core's whatChanged decides what counts as a change). */
function changesBetween(before: Snapshot, after: Snapshot, thresholds: ReadonlyMap<string, number>): PackChange[] {
  return whatChanged(changeRows(before, thresholds), changeRows(after, thresholds));
}
