import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type {
  Catalogue,
  DfePull,
  DfePullReport,
  DfeRelease,
  DfeRevision,
  DfeSourceStatus,
  EesSource,
  Indicator,
  LoadChange,
} from '@indicate/contracts';
import { formatFigure, parsePeriodId, shortLabel } from '@indicate/core';
import { audit } from '../auth/audit.ts';
import type { Db } from '../db/client.ts';
import { columnsOf } from '../loader/dfe.ts';
import { csvRecords, UnreadableFile } from '../loader/input.ts';
import { loadOffThread } from '../loader/jobs.ts';
import { PlanChanged } from '../loader/run-load.ts';
import { makeUploadDir, removeDir } from '../loader/temp.ts';
import { download, latestRelease, type DfeEndpoints, type HeldRelease } from './releases.ts';

/**
 * Pull, compare, approve (issue 23, ADR 0020). A pull fetches a source's newest release from DfE, keeps the
 * bytes as DfE sent them, and runs them through the one loader as a dry run; the comparison names every figure
 * DfE has revised since the release held (old, new, which place and year), the new years, the LAs that came
 * and went, and the columns DfE added or dropped. Nothing is written to the figures until an analyst approves
 * the pull: a load like any other (all-or-nothing, revertable), with the release as its provenance.
 */

/** Revisions listed per pull; the counts are always whole. */
export const PULL_LIST_LIMIT = 20_000;

export class PullRefused extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 = 409,
  ) {
    super(message);
  }
}

type PullRow = {
  id: number;
  source_file: string;
  via: 'api' | 'catalogue';
  data_set_id: string;
  version: string;
  release_title: string;
  published: string | null;
  pulled_at: string;
  pulled_by: string;
  sha256: string;
  bytes: number;
  csv_gzip: Buffer;
  plan_hash: string | null;
  report: string;
  state: 'staged' | 'approved' | 'discarded';
  load_id: number | null;
  decided_by: string | null;
  decided_at: string | null;
};

function sourceOf(catalogue: Catalogue, file: string): EesSource {
  const source = catalogue.sources.find((s) => s.file === file);
  if (!source) {
    const known = catalogue.sources.map((s) => s.file).join(', ');
    throw new PullRefused(`"${file.slice(0, 100)}" is not one of DfE's sources (data/dfe/sources.yaml): ${known}`, 404);
  }
  return source;
}

/** The release held: the last approved pull whose load still stands, else the bundled file. */
export function heldRelease(
  db: Pick<Db, '$client'> | null,
  source: EesSource,
): HeldRelease & { releaseTitle: string; pullId: number | null; loadId: number | null } {
  const pulled = db?.$client
    .prepare(
      `select p.id, p.via, p.data_set_id, p.version, p.release_title, p.load_id from dfe_pulls p join loads l on l.id = p.load_id
       where p.source_file = ? and p.state = 'approved'
         and (l.state = 'committed' or exists (select 1 from loads r where r.reapplies_load_id = l.id and r.state = 'committed'))
       order by p.id desc limit 1`,
    )
    .get(source.file) as
    | {
        id: number;
        via: 'api' | 'catalogue';
        data_set_id: string;
        version: string;
        release_title: string;
        load_id: number;
      }
    | undefined;
  if (pulled)
    return {
      via: pulled.via,
      dataSetId: pulled.data_set_id,
      version: pulled.version,
      releaseTitle: pulled.release_title,
      pullId: pulled.id,
      loadId: pulled.load_id,
    };
  return {
    via: 'bundled',
    dataSetId: source.apiDataSetId ?? source.dataCatalogueId,
    version: source.release,
    releaseTitle: source.release,
    pullId: null,
    loadId: null,
  };
}

/** The held release's bytes: the approved pull's, or the bundled file's. */
function heldBytes(db: Db, source: EesSource, held: { pullId: number | null }, dataDir: string): Buffer {
  if (held.pullId !== null) {
    const row = db.$client.prepare('select csv_gzip from dfe_pulls where id = ?').get(held.pullId) as {
      csv_gzip: Buffer;
    };
    return zlib.gunzipSync(row.csv_gzip);
  }
  return fs.readFileSync(path.join(dataDir, 'dfe', source.file));
}

/** A CSV's header, and the LAs (code and name) of its latest period: read as a stream, never held whole. */
async function shapeOf(file: string): Promise<{ header: string[]; latestLas: Map<string, string> }> {
  let header: string[] = [];
  let latest = '';
  let las = new Map<string, string>();
  let at = { period: -1, level: -1, code: -1, name: -1 };
  for await (const record of csvRecords(file)) {
    if (record.row === 1) {
      header = record.cells.map((h) => h.trim());
      const i = (name: string) => header.indexOf(name);
      at = { period: i('time_period'), level: i('geographic_level'), code: i('old_la_code'), name: i('la_name') };
      continue;
    }
    const cells = record.cells;
    if (at.code < 0 || cells[at.level]?.trim() !== 'Local authority') continue;
    const period = cells[at.period]?.trim() ?? '';
    // DfE's time_period is a year (2025) or a span (202425): compared as numbers of the same length.
    const later = period.length !== latest.length ? period.length > latest.length : period > latest;
    if (later) {
      latest = period;
      las = new Map();
    }
    if (period === latest) las.set(cells[at.code]!.trim(), (cells[at.name] ?? '').trim());
  }
  return { header, latestLas: las };
}

function figureWords(figure: LoadChange['after'] | null, indicator: Indicator | undefined): string {
  if (!figure) return 'none';
  if (figure.value === null) return figure.symbol ?? 'none';
  return indicator ? formatFigure(figure.value, indicator.unit, indicator.decimals) : String(figure.value);
}

/** Old and new in words; where they read the same, the counts and status that changed are added. */
function revisionWords(change: LoadChange, indicator: Indicator | undefined): { before: string; after: string } {
  const before = figureWords(change.before, indicator);
  const after = figureWords(change.after, indicator);
  if (before !== after || !change.before) return { before, after };
  const detail = (f: LoadChange['after']) =>
    `${f.numerator !== null || f.denominator !== null ? ` (${f.numerator ?? '-'} of ${f.denominator ?? '-'})` : ''}${
      change.before!.status !== change.after.status ? `, ${f.status}` : ''
    }`;
  return { before: `${before}${detail(change.before)}`, after: `${after}${detail(change.after)}` };
}

function periodLabel(id: string): string {
  const parsed = parsePeriodId(id);
  return 'period' in parsed ? shortLabel(parsed.period) : id;
}

export type PullOptions = {
  by: string;
  endpoints: DfeEndpoints;
  dataDir: string;
  now?: () => Date;
  listLimit?: number;
};

/**
 * Fetches a source's newest release from DfE and stages it: the bytes kept, the dry run run, the comparison
 * recorded. DfeUnreachable, DfeRefused, NotPullable and DownloadMismatch pass to the caller, nothing staged.
 */
export async function pullSource(db: Db, catalogue: Catalogue, file: string, options: PullOptions): Promise<DfePull> {
  const source = sourceOf(catalogue, file);
  const now = options.now ?? (() => new Date());
  const listLimit = options.listLimit ?? PULL_LIST_LIMIT;
  const indicators = catalogue.indicators.filter((i) => i.dfe?.file === source.file);
  if (indicators.length === 0)
    throw new PullRefused(`No indicator in the catalogue reads ${source.file}: there is nothing to load from it.`);
  const held = heldRelease(db, source);
  const latest = await latestRelease(source, held, options.endpoints);
  const bytes = await download(latest.csvUrl, options.endpoints);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const release: DfeRelease = {
    source: source.file,
    via: latest.via,
    dataSetId: latest.dataSetId,
    version: latest.version,
    releaseTitle: latest.releaseTitle,
    published: latest.published,
    sha256,
  };
  const byId = new Map(catalogue.indicators.map((i) => [i.id, i] as const));

  const dir = makeUploadDir();
  try {
    const csvPath = path.join(dir, 'release.csv');
    const heldPath = path.join(dir, 'held.csv');
    fs.writeFileSync(csvPath, bytes);
    fs.writeFileSync(heldPath, heldBytes(db, source, held, options.dataDir));
    // Columns and LAs, against the release held.
    let before: Awaited<ReturnType<typeof shapeOf>>;
    let after: Awaited<ReturnType<typeof shapeOf>>;
    try {
      before = await shapeOf(heldPath);
      after = await shapeOf(csvPath);
    } catch (error) {
      if (error instanceof UnreadableFile)
        throw new PullRefused(`DfE's file for ${source.file} cannot be read: ${error.message}`);
      throw error;
    }
    const added = after.header.filter((c) => !before.header.includes(c));
    const removed = before.header.filter((c) => !after.header.includes(c));
    const read = new Set(indicators.flatMap((i) => columnsOf(i.dfe!)));
    const needed = removed.filter((c) => read.has(c));
    const known = new Set(
      (db.$client.prepare('select old_la_code from local_authorities').all() as Array<{ old_la_code: string }>).map(
        (r) => r.old_la_code,
      ),
    );
    const las = {
      added: [...after.latestLas]
        .filter(([code]) => !before.latestLas.has(code))
        .map(([code, name]) => ({ code, name, known: known.has(code) })),
      gone: [...before.latestLas]
        .filter(([code]) => !after.latestLas.has(code))
        .map(([code, name]) => ({ code, name })),
    };
    // On a worker thread, as an upload's load: a large release never stops the server answering.
    const load = await loadOffThread(db, catalogue, {
      path: csvPath,
      fileName: loadFileName(release),
      loadedBy: options.by,
      dryRun: true,
      listLimit: 1_000_000,
    });
    const errors = [
      ...needed.map((column) => ({
        row: 1,
        column,
        message: `DfE's release no longer has the column "${column}", which ${indicators
          .filter((i) => columnsOf(i.dfe!).includes(column))
          .map((i) => i.id)
          .join(
            ', ',
          )} read${added.length > 0 ? ` (new columns: ${added.join(', ')})` : ''}: the catalogue's DfE entries need the new name before this release can load`,
      })),
      ...load.errors,
    ];
    // Each changed figure: a revision of DfE's own (an earlier release, or LAIT's republication of one), or a
    // council's figure DfE's release now gives.
    const heldFrom = db.$client.prepare(
      `select coalesce(r.format, l.format) as format from observations o join loads l on l.id = o.load_id
         left join loads r on l.format = 'reapply' and r.id = l.reapplies_load_id
       where o.indicator_id = ? and o.geography_level = ? and o.geography_code = ? and o.period_id = ? and o.breakdown = ''`,
    );
    const placeName = placeNames(db);
    const revisions: DfeRevision[] = [];
    let revised = 0;
    let replaced = 0;
    const newPeriods = new Set<string>();
    for (const change of load.changes) {
      if (change.before === null) {
        newPeriods.add(change.periodId);
        continue;
      }
      const format = (
        heldFrom.get(change.indicatorId, change.geographyLevel, change.geographyCode, change.periodId) as
          { format: string } | undefined
      )?.format;
      const from: DfeRevision['heldFrom'] =
        format === 'dfe-csv' ? 'dfe' : format === 'lait-parquet' ? 'lait' : 'council';
      if (from === 'council') replaced += 1;
      else revised += 1;
      if (revisions.length >= listLimit) continue;
      const indicator = byId.get(change.indicatorId);
      revisions.push({
        indicatorId: change.indicatorId,
        label: indicator?.label ?? change.indicatorId,
        geographyLevel: change.geographyLevel,
        geographyCode: change.geographyCode,
        place: placeName(change.geographyLevel, change.geographyCode),
        periodId: change.periodId,
        periodLabel: periodLabel(change.periodId),
        ...revisionWords(change, indicator),
        heldFrom: from,
      });
    }
    const heldPeriod = db.$client.prepare(
      `select 1 from observations where indicator_id in (select value from json_each(?)) and period_id = ?
         and geography_level = 'national' limit 1`,
    );
    const ids = JSON.stringify(indicators.map((i) => i.id));
    const newYears = [...newPeriods]
      .filter((p) => !heldPeriod.get(ids, p))
      .sort()
      .map((id) => ({ id, label: periodLabel(id) }));
    const report: DfePullReport = {
      release,
      held: { version: held.version, releaseTitle: held.releaseTitle },
      counts: {
        rowsRead: load.counts.rowsRead,
        newFigures: load.counts.new,
        revised,
        replaced,
        unchanged: load.counts.unchanged,
        errors: load.counts.errors + needed.length,
        warnings: load.counts.warnings,
      },
      revisions,
      newYears,
      las,
      columns: { added, removed, needed },
      notes: latest.notes,
      errors: errors.slice(0, 500),
      warnings: load.warnings.slice(0, 500),
      listLimit,
    };
    const planHash = errors.length === 0 ? load.planHash : null;
    const pulledAt = now().toISOString();
    const id = db.$client.transaction(() => {
      const inserted = Number(
        db.$client
          .prepare(
            `insert into dfe_pulls (source_file, via, data_set_id, version, release_title, published, pulled_at, pulled_by,
               sha256, bytes, csv_gzip, plan_hash, report, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'staged')`,
          )
          .run(
            source.file,
            release.via,
            release.dataSetId,
            release.version,
            release.releaseTitle,
            release.published,
            pulledAt,
            options.by,
            sha256,
            bytes.length,
            zlib.gzipSync(bytes),
            planHash,
            JSON.stringify(report),
          ).lastInsertRowid,
      );
      audit(
        db,
        {
          actor: options.by,
          action: 'dfe-pull',
          target: `dfe pull ${inserted}`,
          after: { source: source.file, version: release.version, sha256, revised, newFigures: load.counts.new },
        },
        now(),
      );
      return inserted;
    })();
    return getPull(db, id)!;
  } finally {
    removeDir(dir);
  }
}

function loadFileName(release: DfeRelease): string {
  return `${release.source} (DfE ${release.via === 'api' ? `data set version ${release.version}` : release.releaseTitle})`;
}

function placeNames(db: Db): (level: string, code: string) => string {
  const las = new Map(
    (
      db.$client.prepare('select old_la_code, name from local_authorities').all() as Array<{
        old_la_code: string;
        name: string;
      }>
    ).map((r) => [r.old_la_code, r.name] as const),
  );
  const regions = new Map(
    (db.$client.prepare('select code, name from regions').all() as Array<{ code: string; name: string }>).map(
      (r) => [r.code, r.name] as const,
    ),
  );
  return (level, code) =>
    level === 'national'
      ? 'England'
      : level === 'regional'
        ? (regions.get(code) ?? code)
        : `${las.get(code) ?? code} (${code})`;
}

function toPull(row: PullRow): DfePull {
  const report = JSON.parse(row.report) as DfePullReport;
  return {
    id: row.id,
    source: row.source_file,
    release: report.release,
    pulledAt: row.pulled_at,
    pulledBy: row.pulled_by,
    state: row.state,
    loadId: row.load_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    approvable: row.state === 'staged' && row.plan_hash !== null,
    planHash: row.plan_hash,
    report,
  };
}

export function getPull(db: Db, id: number): DfePull | null {
  const row = db.$client.prepare('select * from dfe_pulls where id = ?').get(id) as PullRow | undefined;
  return row ? toPull(row) : null;
}

/** Every pull, newest first, without their reports' long lists. */
export function listPulls(db: Db, limit = 100): DfePull[] {
  const columns = `id, source_file, via, data_set_id, version, release_title, published, pulled_at, pulled_by, sha256, bytes,
    plan_hash, report, state, load_id, decided_by, decided_at`;
  const rows = db.$client.prepare(`select ${columns} from dfe_pulls order by id desc limit ?`).all(limit) as PullRow[];
  return rows.map((row) => {
    const pull = toPull(row);
    return { ...pull, report: { ...pull.report, revisions: pull.report.revisions.slice(0, 20) } };
  });
}

/**
 * Approves a staged pull: its bytes (checked against the SHA-256 taken when they arrived) are loaded, committed
 * only if the plan is still exactly the one the dry run showed; the pull is marked approved in the same
 * transaction as the load.
 */
export async function approvePull(
  db: Db,
  catalogue: Catalogue,
  id: number,
  options: { by: string; planHash: string; now?: () => Date },
): Promise<DfePull> {
  const row = db.$client.prepare('select * from dfe_pulls where id = ?').get(id) as PullRow | undefined;
  if (!row) throw new PullRefused(`There is no DfE pull ${id}.`, 404);
  if (row.state !== 'staged') throw new PullRefused(`DfE pull ${id} is already ${row.state}.`);
  if (row.plan_hash === null)
    throw new PullRefused(
      `DfE pull ${id} has errors (listed with it): it cannot be approved. Pull again once they are fixed.`,
    );
  if (row.plan_hash !== options.planHash)
    throw new PullRefused(`The plan named is not DfE pull ${id}'s: open the pull again and approve what it shows.`);
  const bytes = zlib.gunzipSync(row.csv_gzip);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== row.sha256)
    throw new PullRefused(
      `DfE pull ${id}'s stored file no longer matches the checksum taken when it arrived: discard it and pull again.`,
    );
  const report = JSON.parse(row.report) as DfePullReport;
  const now = options.now ?? (() => new Date());
  const dir = makeUploadDir();
  try {
    const csvPath = path.join(dir, 'release.csv');
    fs.writeFileSync(csvPath, bytes);
    const loaded = await loadOffThread(db, catalogue, {
      path: csvPath,
      fileName: loadFileName(report.release),
      loadedBy: options.by,
      dryRun: false,
      expectPlan: row.plan_hash,
      confirmJumps: true,
      listLimit: 20,
      dfeRelease: report.release,
      approvesPull: { id, by: options.by, at: now().toISOString() },
    });
    if (!loaded.committed)
      throw new PullRefused(`DfE pull ${id} could not be loaded: ${loaded.errors[0]?.message ?? 'errors'}`);
  } catch (error) {
    if (error instanceof PlanChanged)
      throw new PullRefused(
        `The figures held changed since DfE pull ${id} was checked: pull again and check the new comparison.`,
      );
    // Said by the commit itself, here or on a worker thread (which passes only the words).
    if (error instanceof Error && /^DfE pull \d+ was approved or discarded meanwhile\.$/.test(error.message))
      throw new PullRefused(error.message);
    throw error;
  } finally {
    removeDir(dir);
  }
  return getPull(db, id)!;
}

export function discardPull(db: Db, id: number, options: { by: string; now?: () => Date }): DfePull {
  const now = (options.now ?? (() => new Date()))();
  db.$client
    .transaction(() => {
      const row = db.$client.prepare('select state from dfe_pulls where id = ?').get(id) as
        { state: string } | undefined;
      if (!row) throw new PullRefused(`There is no DfE pull ${id}.`, 404);
      if (row.state !== 'staged') throw new PullRefused(`DfE pull ${id} is already ${row.state}.`);
      db.$client
        .prepare(`update dfe_pulls set state = 'discarded', decided_by = ?, decided_at = ? where id = ?`)
        .run(options.by, now.toISOString(), id);
      audit(db, { actor: options.by, action: 'dfe-discard', target: `dfe pull ${id}` }, now);
    })
    .immediate();
  return getPull(db, id)!;
}

/** Records what a check found: the DfE data page shows it as "last checked". */
export function recordCheck(
  db: Db,
  check: { file: string; version: string | null; published: string },
  at: Date,
): void {
  db.$client
    .prepare(
      `insert into dfe_checks (source_file, checked_at, version, published) values (?, ?, ?, ?)
       on conflict (source_file) do update set checked_at = excluded.checked_at, version = excluded.version, published = excluded.published`,
    )
    .run(check.file, at.toISOString(), check.version, check.published);
}

/** Each source as the DfE data page shows it. */
export function sourceStatuses(db: Db, catalogue: Catalogue): DfeSourceStatus[] {
  const reaches = db.$client.prepare(
    `select period_id from observations where indicator_id in (select value from json_each(?)) and geography_level = 'national'
     order by period_end desc limit 1`,
  );
  const lastCheck = db.$client.prepare('select * from dfe_checks where source_file = ?');
  const lastPull = db.$client.prepare(
    'select id, state, pulled_at from dfe_pulls where source_file = ? order by id desc limit 1',
  );
  return catalogue.sources.map((source) => {
    const held = heldRelease(db, source);
    const ids = JSON.stringify(catalogue.indicators.filter((i) => i.dfe?.file === source.file).map((i) => i.id));
    const period = (reaches.get(ids) as { period_id: string } | undefined)?.period_id;
    const check = lastCheck.get(source.file) as
      { checked_at: string; version: string | null; published: string } | undefined;
    const pull = lastPull.get(source.file) as { id: number; state: DfePull['state']; pulled_at: string } | undefined;
    return {
      file: source.file,
      dataSet: source.dataSet,
      publication: source.publication.title,
      ids: { api: source.apiDataSetId, catalogue: source.dataCatalogueId },
      read: ids !== '[]',
      reaches: period ? periodLabel(period) : null,
      held: {
        version: held.version,
        releaseTitle: held.releaseTitle,
        from: held.pullId === null ? 'bundled' : 'pulled',
        loadId: held.loadId,
      },
      lastCheck: check ? { checkedAt: check.checked_at, version: check.version, published: check.published } : null,
      latestPull: pull ? { id: pull.id, state: pull.state, pulledAt: pull.pulled_at } : null,
    };
  });
}
