import { may, type Pack, type PackChange, type PackParagraph, type Scorecard, type Summary } from '@indicate/contracts';
import {
  BENCHMARK_KEY,
  periodId,
  draftParagraph,
  packEditProblem,
  packMoveProblem,
  whatChanged,
  type ChangeRow,
  type PackState,
  type Segment,
  type Unit,
} from '@indicate/core';
import { assertThemeAllowed } from './auth/access.ts';
import { audit } from './auth/audit.ts';
import type { User } from './auth/users.ts';
import type { Db } from './db/client.ts';
import { DomainError } from './domain-error.ts';
import type { ReadService } from './reads/service.ts';

/**
 * Committee packs. Drafting takes a snapshot of the scorecard, the overview counts and a drafted paragraph
 * per indicator; people then edit paragraphs and add commentary (kept, with who and when); the pack moves
 * draft -> ready -> published, and a published pack is frozen: a revision is a new version, with what
 * changed listed.
 */

type Snapshot = {
  scorecard: Scorecard;
  summary: Summary;
  overview: string[];
  drafts: Record<string, Segment[]>;
  dataDate: string;
};

type PackRow = {
  id: number;
  la_code: string;
  period_id: string;
  version: number;
  state: PackState;
  snapshot: string;
  changes: string | null;
  revises_pack_id: number | null;
  created_by: string;
  created_at: string;
  state_changed_by: string;
  state_changed_at: string;
};

type TextRow = {
  indicator_id: string;
  kind: 'paragraph' | 'commentary';
  text: string;
  author: string;
  written_at: string;
};

export class PackService {
  constructor(
    private readonly db: Db,
    private readonly reads: ReadService,
  ) {}

  private snapshot(laCode: string, periodId: string): Snapshot {
    const scorecard = this.reads.scorecard(laCode, periodId, { exceptionsOnly: false, newOnly: false, method: 'mean' });
    const summary = this.reads.summary(laCode, periodId, 'mean');
    const drafts: Record<string, Segment[]> = {};
    for (const row of scorecard.rows) {
      const previousId = row.assessment.vsPrevious.against.id;
      const previous = this.reads.reads.figure(row.indicator.id, 'local-authority', scorecard.la.code, previousId);
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
    const newest = this.db.$client.prepare('select max(loaded_at) as at from loads').get() as { at: string | null };
    return {
      scorecard,
      summary,
      overview: summary.paragraphs,
      drafts,
      dataDate: newest.at ?? new Date(0).toISOString(),
    };
  }

  private row(id: number): PackRow {
    const row = this.db.$client.prepare('select * from packs where id = ?').get(id) as PackRow | undefined;
    if (!row) throw new DomainError('not_found', 'not_found', `There is no pack ${id}.`);
    return row;
  }

  list(laCode: string, periodId: string | undefined, includeUnpublished: boolean) {
    const rows = this.db.$client
      .prepare(
        `select * from packs where la_code = ? ${periodId ? 'and period_id = ?' : ''} order by period_id desc, version desc`,
      )
      .all(...(periodId ? [laCode, periodId] : [laCode])) as PackRow[];
    return rows
      .filter((r) => includeUnpublished || r.state === 'published')
      .map((r) => {
        const snap = JSON.parse(r.snapshot) as Snapshot;
        return {
          id: r.id,
          version: r.version,
          state: r.state,
          stateChangedBy: r.state_changed_by,
          stateChangedAt: r.state_changed_at,
          period: snap.scorecard.period,
        };
      });
  }

  get(id: number, includeUnpublished: boolean): Pack {
    const row = this.row(id);
    if (row.state !== 'published' && !includeUnpublished) {
      throw new DomainError('not_found', 'not_found', `Pack ${id} is not published yet.`);
    }
    const snap = JSON.parse(row.snapshot) as Snapshot;
    const texts = this.db.$client
      .prepare('select * from pack_texts where pack_id = ? order by id desc')
      .all(id) as TextRow[];
    const paragraphs: PackParagraph[] = snap.scorecard.rows.map((r) => {
      const mine = texts.filter((t) => t.indicator_id === r.indicator.id);
      const latest = (kind: TextRow['kind']) => {
        const t = mine.find((x) => x.kind === kind);
        return t ? { text: t.text, author: t.author, writtenAt: t.written_at } : null;
      };
      return {
        indicatorId: r.indicator.id,
        theme: r.indicator.theme,
        themeLabel: r.indicator.themeLabel,
        label: r.indicator.label,
        ragStatus: r.assessment.rag.status,
        draft: snap.drafts[r.indicator.id] ?? [],
        edited: latest('paragraph'),
        commentary: latest('commentary'),
        history: mine.map((t) => ({ kind: t.kind, text: t.text, author: t.author, writtenAt: t.written_at })),
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
      overview: snap.overview,
      summary: snap.summary,
      rows: snap.scorecard.rows,
      paragraphs,
      changes: row.changes ? (JSON.parse(row.changes) as PackChange[]) : null,
      ragKey: BENCHMARK_KEY,
    };
  }

  /** Drafts a pack, or returns the open (unpublished) one for the same LA and period. */
  draft(laCode: string, periodParam: string, user: User): { pack: Pack; created: boolean } {
    const la = this.reads.la(laCode);
    const period = this.reads.period(la, periodParam);
    const id = periodId(period);
    const open = this.db.$client
      .prepare(
        "select id from packs where la_code = ? and period_id = ? and state <> 'published' order by version desc limit 1",
      )
      .get(la.old_la_code, id) as { id: number } | undefined;
    if (open) return { pack: this.get(open.id, true), created: false };
    const latest = this.db.$client
      .prepare('select * from packs where la_code = ? and period_id = ? order by version desc limit 1')
      .get(la.old_la_code, id) as PackRow | undefined;
    const snap = this.snapshot(la.old_la_code, id);
    const changes = latest ? changesBetween(JSON.parse(latest.snapshot) as Snapshot, snap) : null;
    const now = new Date().toISOString();
    const newId = this.db.$client.transaction(() => {
      const inserted = Number(
        this.db.$client
          .prepare(
            `insert into packs (la_code, period_id, version, state, snapshot, changes, revises_pack_id, created_by, created_at, state_changed_by, state_changed_at)
             values (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            la.old_la_code,
            id,
            (latest?.version ?? 0) + 1,
            JSON.stringify(snap),
            changes ? JSON.stringify(changes) : null,
            latest?.id ?? null,
            user.email,
            now,
            user.email,
            now,
          ).lastInsertRowid,
      );
      audit(this.db, {
        actor: user.email,
        action: 'pack-draft',
        target: `pack ${inserted} (${la.old_la_code} ${id} v${(latest?.version ?? 0) + 1})`,
        after: { period: period.kind, revises: latest?.id ?? null },
      });
      return inserted;
    })();
    return { pack: this.get(newId, true), created: true };
  }

  write(id: number, indicatorId: string, kind: 'paragraph' | 'commentary', text: string, user: User): Pack {
    const row = this.row(id);
    const frozen = packEditProblem(id, row.state);
    if (frozen) throw new DomainError('conflict', frozen.code, frozen.message);
    const snap = JSON.parse(row.snapshot) as Snapshot;
    const found = snap.scorecard.rows.find((r) => r.indicator.id === indicatorId);
    if (!found) throw new DomainError('not_found', 'not_found', `Pack ${id} has no paragraph for "${indicatorId}".`);
    assertThemeAllowed(user, found.indicator.theme);
    const now = new Date().toISOString();
    this.db.$client.transaction(() => {
      this.db.$client
        .prepare(
          'insert into pack_texts (pack_id, indicator_id, kind, text, author, written_at) values (?, ?, ?, ?, ?, ?)',
        )
        .run(id, indicatorId, kind, text, user.email, now);
      audit(this.db, {
        actor: user.email,
        action: `pack-${kind}`,
        target: `pack ${id} ${indicatorId}`,
        after: { text },
      });
    })();
    return this.get(id, true);
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
              hasCommentary: p.commentary !== null,
            }))
          : [],
    });
    if (problem) {
      throw new DomainError(problem.code === 'forbidden' ? 'forbidden' : 'conflict', problem.code, problem.message);
    }
    const now = new Date().toISOString();
    this.db.$client.transaction(() => {
      this.db.$client
        .prepare('update packs set state = ?, state_changed_by = ?, state_changed_at = ? where id = ?')
        .run(state, user.email, now, id);
      audit(this.db, {
        actor: user.email,
        action: `pack-${state}`,
        target: `pack ${id}`,
        before: { state: row.state },
        after: { state },
      });
    })();
    return this.get(id, true);
  }

  /** Values revised, RAG changes and new indicators since the previous published pack for this LA. */
  sincePreviousPublished(id: number): { previous: { id: number; period: string } | null; changes: PackChange[] } {
    const row = this.row(id);
    const previous = this.db.$client
      .prepare(
        "select * from packs where la_code = ? and state = 'published' and id <> ? and (period_id < ? or (period_id = ? and version < ?)) order by period_id desc, version desc limit 1",
      )
      .get(row.la_code, id, row.period_id, row.period_id, row.version) as PackRow | undefined;
    if (!previous) return { previous: null, changes: [] };
    const before = JSON.parse(previous.snapshot) as Snapshot;
    return {
      previous: { id: previous.id, period: before.scorecard.period.label },
      changes: changesBetween(before, JSON.parse(row.snapshot) as Snapshot),
    };
  }
}

/** A snapshot's rows as "what changed" compares them. */
function changeRows(snap: Snapshot): ChangeRow[] {
  return snap.scorecard.rows.map((r) => ({
    indicatorId: r.indicator.id,
    label: r.indicator.label,
    unit: r.indicator.unit as Unit,
    decimals: r.indicator.decimals,
    period: r.figure.period,
    value: r.figure.value,
    symbol: r.figure.symbol,
    symbolMeaning: r.figure.symbolMeaning,
    ragStatus: r.assessment.rag.status,
    ragLabel: r.assessment.rag.label,
  }));
}

/** Compares two snapshots (core's whatChanged decides what counts as a change). */
function changesBetween(before: Snapshot, after: Snapshot): PackChange[] {
  return whatChanged(changeRows(before), changeRows(after));
}
