import type { DataFreshness, LocalAuthorities, Periods } from '@indicate/contracts';
import { periodRef, type PeriodKind } from '@indicate/core';
import type { Db } from '../db/client.ts';
import type { ReadContext, View } from './context.ts';
import { laParam, latestPeriod, scorecardPeriods } from './parameters.ts';
import { periodOf } from './store-reads.ts';

/**
 * The periods an LA has figures for in the scorecard set (any figure when it has none there), latest first,
 * with how many of the set's indicators each has.
 */
export function periods(ctx: ReadContext, laCode: string): Periods {
  const la = laParam(ctx, laCode);
  const latest = latestPeriod(ctx, la.old_la_code);
  return {
    la: ctx.laRef(la),
    latest: latest ? periodRef(latest) : null,
    periods: scorecardPeriods(ctx, la.old_la_code).map((p) => ({
      ...periodRef(periodOf(p)),
      indicators: p.indicators,
    })),
  };
}

type NeighbourRef = { code: string; name: string; rank: number; closeness: string };

/** Every LA with its codes, region and statistical neighbours under each model. */
export function localAuthorities(ctx: ReadContext): LocalAuthorities {
  const byLa = new Map<string, Map<number, NeighbourRef[]>>();
  for (const n of ctx.reads.allNeighbours()) {
    const models = byLa.get(n.la_code) ?? new Map<number, NeighbourRef[]>();
    byLa.set(n.la_code, models);
    const list = models.get(n.model_year) ?? [];
    models.set(n.model_year, list);
    list.push({ code: n.neighbour_code, name: n.name ?? n.neighbour_code, rank: n.rank, closeness: n.closeness });
  }
  const abolished = abolishedLas(ctx.db, ctx.today());
  return {
    localAuthorities: ctx.reads.allLas().map((la) => ({
      ...ctx.laRef(la),
      regionCode: la.region_code,
      regionName: la.region_name,
      abolished: abolished.get(la.old_la_code) ?? null,
      neighbourModels: [...(byLa.get(la.old_la_code) ?? new Map<number, NeighbourRef[]>()).entries()].map(
        ([modelYear, neighbours]) => ({ modelYear, neighbours }),
      ),
    })),
  };
}

/** Councils a reorganisation has ended by `today` (data/la-lineage.csv), with the date it took effect. */
export function abolishedLas(db: Db, today: Date): Map<string, string> {
  const rows = db.$client
    .prepare('select predecessor_code as code, min(effective_from) as since from la_lineage group by predecessor_code')
    .all() as Array<{ code: string; since: string }>;
  const now = today.toISOString().slice(0, 10);
  return new Map(rows.filter((r) => r.since <= now).map((r) => [r.code, r.since]));
}

/**
 * When data was last loaded, and the latest DfE period each national source (a DfE file, LAIT) reaches.
 * Read once per load and month (a sign-in changes the data version, not this); in the public view a file
 * an analyst uploaded is not named.
 */
export function dataFreshness(ctx: ReadContext, view: View): DataFreshness {
  const key = `${(ctx.db.$client.prepare('select coalesce(max(id), 0) as id from loads').get() as { id: number }).id}`;
  let full = freshnessMemo.get(ctx);
  if (!full || full.key !== key) {
    full = { key, value: readFreshness(ctx) };
    freshnessMemo.set(ctx, full);
  }
  if (view !== 'public') return full.value;
  return {
    lastLoad: full.value.lastLoad ? { at: full.value.lastLoad.at, fileName: null } : null,
    sources: full.value.sources.map((s) => ({
      ...s,
      fileName: /^(dfe|lait)\//.test(s.fileName) ? s.fileName : 'A DfE file',
    })),
  };
}

const freshnessMemo = new WeakMap<ReadContext, { key: string; value: DataFreshness }>();

function readFreshness(ctx: ReadContext): DataFreshness {
  const last = ctx.db.$client
    .prepare(`select loaded_at, file_name from loads where state = 'committed' order by id desc limit 1`)
    .get() as { loaded_at: string; file_name: string } | undefined;
  // SQLite gives the other columns of the row holding max(period_end).
  const sources = ctx.db.$client
    .prepare(
      `select l.file_name, l.format, l.loaded_at, o.period_id, o.period_kind, max(o.period_end) as period_end
       from loads l join observations o on o.load_id = l.id
       where l.state = 'committed' and l.format in ('dfe-csv', 'lait-parquet')
       group by l.id order by l.id`,
    )
    .all() as Array<{
    file_name: string;
    format: string;
    loaded_at: string;
    period_id: string;
    period_kind: PeriodKind;
  }>;
  return {
    lastLoad: last ? { at: last.loaded_at, fileName: last.file_name } : null,
    sources: sources.map((s) => ({
      fileName: s.file_name,
      format: s.format,
      loadedAt: s.loaded_at,
      reaches: periodRef(periodOf(s)),
    })),
  };
}
