import type { Pack, PackChange, PackParagraph, Scorecard, Summary } from '@indicate/contracts';
import {
  BENCHMARK_KEY,
  periodId,
  draftParagraph,
  formatFigure,
  isException,
  type Segment,
  type Unit,
} from '@indicate/core';
import { assertThemeAllowed } from './auth/access.ts';
import { audit } from './auth/audit.ts';
import type { User } from './auth/users.ts';
import type { Db } from './db/client.ts';
import { HttpError } from './errors.ts';
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
  state: 'draft' | 'ready' | 'published';
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
    if (!row) throw new HttpError(404, 'not_found', `There is no pack ${id}.`);
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
      throw new HttpError(404, 'not_found', `Pack ${id} is not published yet.`);
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
    const changes = latest ? whatChanged(JSON.parse(latest.snapshot) as Snapshot, snap) : null;
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
    if (row.state === 'published') {
      throw new HttpError(409, 'pack_published', `Pack ${id} is published and frozen; draft a revision to change it.`);
    }
    const snap = JSON.parse(row.snapshot) as Snapshot;
    const found = snap.scorecard.rows.find((r) => r.indicator.id === indicatorId);
    if (!found) throw new HttpError(404, 'not_found', `Pack ${id} has no paragraph for "${indicatorId}".`);
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

  setState(id: number, state: 'draft' | 'ready' | 'published', user: User): Pack {
    const row = this.row(id);
    if (row.state === 'published') {
      throw new HttpError(409, 'pack_published', `Pack ${id} is published and frozen; draft a revision to change it.`);
    }
    const allowed: Record<string, string[]> = { draft: ['ready'], ready: ['draft', 'published'] };
    if (!allowed[row.state]!.includes(state)) {
      throw new HttpError(
        409,
        'invalid_state',
        `A ${row.state} pack can move to ${allowed[row.state]!.join(' or ')}, not ${state}.`,
      );
    }
    if (state === 'published' && user.role !== 'service-lead') {
      throw new HttpError(403, 'forbidden', 'Only a service lead may publish a pack.');
    }
    if (state === 'published') {
      const pack = this.get(id, true);
      const missing = pack.paragraphs.filter((p) => isException(p.ragStatus) && !p.commentary);
      if (missing.length) {
        throw new HttpError(
          409,
          'commentary_missing',
          `Amber and red indicators need commentary before publishing: ${missing.map((p) => p.label).join('; ')}.`,
        );
      }
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
      changes: whatChanged(before, JSON.parse(row.snapshot) as Snapshot),
    };
  }
}

function shown(r: Scorecard['rows'][number]): string {
  const value =
    r.figure.value === null
      ? (r.figure.symbolMeaning ?? 'no value')
      : formatFigure(r.figure.value, r.indicator.unit as Unit, r.indicator.decimals);
  return `${value} (${r.figure.period.label})`;
}

/** Compares two snapshots: revised values for the same period, RAG changes, new and dropped indicators. */
export function whatChanged(before: Snapshot, after: Snapshot): PackChange[] {
  const changes: PackChange[] = [];
  const old = new Map(before.scorecard.rows.map((r) => [r.indicator.id, r]));
  const now = new Map(after.scorecard.rows.map((r) => [r.indicator.id, r]));
  for (const [id, r] of now) {
    const was = old.get(id);
    if (!was) {
      changes.push({ indicatorId: id, label: r.indicator.label, kind: 'new', before: null, after: shown(r) });
      continue;
    }
    if (
      was.figure.period.id === r.figure.period.id &&
      (was.figure.value !== r.figure.value || was.figure.symbol !== r.figure.symbol)
    ) {
      changes.push({ indicatorId: id, label: r.indicator.label, kind: 'revised', before: shown(was), after: shown(r) });
    } else if (was.figure.period.id !== r.figure.period.id) {
      changes.push({ indicatorId: id, label: r.indicator.label, kind: 'revised', before: shown(was), after: shown(r) });
    }
    if (was.assessment.rag.status !== r.assessment.rag.status) {
      changes.push({
        indicatorId: id,
        label: r.indicator.label,
        kind: 'rag',
        before: was.assessment.rag.label,
        after: r.assessment.rag.label,
      });
    }
  }
  for (const [id, r] of old) {
    if (!now.has(id))
      changes.push({ indicatorId: id, label: r.indicator.label, kind: 'dropped', before: shown(r), after: null });
  }
  return changes;
}
