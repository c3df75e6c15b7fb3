/**
 * DfE as tests meet it: a real HTTP server on loopback answering as DfE's statistics API and EES's content API
 * do (data set summaries, version lists, a version's changes, CSVs gzip-encoded; data set files, a publication's
 * latest data set files, downloads with Content-Length and Content-MD5), every body made from the bundled
 * files' own rows. A "next release" is the bundled file with a seeded share of its LA figures revised and a
 * year added, as DfE's autumn releases revise the back series and add a year.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Catalogue, EesSource } from '@indicate/contracts';
import type { Db } from '../src/db/client.ts';

const DATA_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'data');

/** One release of one source as the stand-in serves it. */
export type ServedRelease = {
  csv: Buffer;
  /** API version ("1.0"), or for a catalogue source the data set file id of this release. */
  version: string;
  releaseTitle: string;
  published: string;
  /** For API sources: earlier versions listed, with their status. */
  earlier?: Array<{
    version: string;
    status: 'Published' | 'Deprecated' | 'Withdrawn';
    withdrawn?: string;
    notes?: string;
  }>;
  /** Served with a Content-MD5 that is not the body's. */
  corruptMd5?: boolean;
  /** The data set's title (catalogue sources), if it differs from the source's. */
  title?: string;
  /** The download answers with a redirect to this address instead of the file. */
  redirectTo?: string;
  /** The statistics API's data set answer, as a broken or hostile server might send it. */
  brokenSummary?: unknown;
};

/** Stand-in ids for the sources whose real ids are not yet recorded (the tests' own, clearly not DfE's). */
export function sourcesWithIds(catalogue: Catalogue): EesSource[] {
  return catalogue.sources.map((s, i) =>
    s.apiDataSetId || s.dataCatalogueId
      ? s
      : {
          ...s,
          dataCatalogueId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
          dataSet: s.dataSet ?? s.file,
        },
  );
}

export function catalogueWithIds(catalogue: Catalogue): Catalogue {
  return { ...catalogue, sources: sourcesWithIds(catalogue) };
}

export function bundledCsv(file: string): Buffer {
  return fs.readFileSync(path.join(DATA_DIR, 'dfe', file));
}

/** A release id for a catalogue source's next release, derived from the source so it is stable. */
export function nextFileId(source: EesSource): string {
  const hash = crypto.createHash('sha256').update(`next:${source.file}`).digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/**
 * Serves each source's current release (`releases.get(file)`); a catalogue source's held file (its id in the
 * manifest) says whether it is still the latest, and the publication's list gives the latest.
 */
export async function startRecordedDfe(sources: EesSource[], releases: Map<string, ServedRelease>) {
  const asked: string[] = [];
  const byApiId = new Map(sources.filter((s) => s.apiDataSetId).map((s) => [s.apiDataSetId!, s] as const));
  const byPublication = (publicationKey: string) => sources.filter((s) => publicationKey === publicationIdOf(s));
  const fileIds = () => {
    const map = new Map<string, EesSource>();
    for (const s of sources) {
      if (s.dataCatalogueId) map.set(s.dataCatalogueId, s);
      const r = releases.get(s.file);
      if (r && !s.apiDataSetId) map.set(r.version, s);
    }
    return map;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    asked.push(`${req.method} ${url.pathname}${url.search}`);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const notFound = () => json(404, { title: 'Not Found', status: 404 });
    const sendCsv = (release: ServedRelease, gzip: boolean) => {
      if (release.redirectTo) {
        res.writeHead(302, { location: release.redirectTo }).end();
        return;
      }
      if (gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const body = zlib.gzipSync(release.csv);
        res
          .writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip', 'content-length': body.length })
          .end(body);
        return;
      }
      const md5 = crypto
        .createHash('md5')
        .update(release.corruptMd5 ? Buffer.concat([release.csv, Buffer.from('x')]) : release.csv)
        .digest('base64');
      res
        .writeHead(200, { 'content-type': 'text/csv', 'content-length': release.csv.length, 'content-md5': md5 })
        .end(release.csv);
    };

    // DfE's statistics API.
    let m = /^\/statistics\/v1\/data-sets\/([^/]+)(\/[a-z]+)?(?:\/([^/]+)\/changes)?$/.exec(url.pathname);
    if (m) {
      const source = byApiId.get(decodeURIComponent(m[1]!));
      const release = source && releases.get(source.file);
      if (!source || !release) return notFound();
      const latest = {
        version: release.version,
        published: `${release.published}T09:30:00Z`,
        totalResults: release.csv.toString('utf8').split('\n').length - 2,
        file: { id: crypto.randomUUID() },
        timePeriods: { start: '2013', end: '2026' },
        geographicLevels: ['Local authority', 'National', 'Regional'],
        filters: [],
        indicators: [],
      };
      if (!m[2] && release.brokenSummary !== undefined) return json(200, release.brokenSummary);
      if (!m[2])
        return json(200, {
          id: source.apiDataSetId,
          title: source.dataSet,
          summary: source.dataSet,
          status: 'Published',
          latestVersion: latest,
        });
      if (m[2] === '/csv') {
        const wanted = url.searchParams.get('dataSetVersion');
        if (wanted && wanted !== release.version)
          return json(404, { title: 'Not Found', status: 404, detail: `version ${wanted}` });
        return sendCsv(release, true);
      }
      if (m[2] === '/versions' && !m[3]) {
        const all = [{ version: release.version, status: 'Published' as const }, ...(release.earlier ?? [])].map(
          (v) => ({
            version: v.version,
            type: 'Major',
            status: v.status,
            published: `${release.published}T09:30:00Z`,
            withdrawn: 'withdrawn' in v ? v.withdrawn : null,
            notes: 'notes' in v ? (v.notes ?? '') : '',
            totalResults: 0,
            release: {
              title: v.version === release.version ? release.releaseTitle : 'Reporting year 2025',
              slug: 'reporting-year',
            },
            file: { id: crypto.randomUUID() },
            timePeriods: { start: '2013', end: '2026' },
            geographicLevels: ['Local authority'],
            filters: [],
            indicators: [],
          }),
        );
        const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
        const page = Number(url.searchParams.get('page') ?? 1);
        return json(200, {
          paging: {
            page,
            pageSize,
            totalResults: all.length,
            totalPages: Math.max(1, Math.ceil(all.length / pageSize)),
          },
          results: all.slice((page - 1) * pageSize, page * pageSize),
        });
      }
      return notFound();
    }

    // EES's content API (the data catalogue).
    m = /^\/api\/data-set-files\/([^/]+)(\/download)?$/.exec(url.pathname);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      const source = fileIds().get(id);
      const release = source && releases.get(source.file);
      if (!source || !release) return notFound();
      const isLatest = id === release.version;
      if (m[2]) {
        if (isLatest) return sendCsv(release, false);
        return id === source.dataCatalogueId
          ? sendCsv({ ...release, csv: bundledCsv(source.file) }, false)
          : notFound();
      }
      return json(200, {
        id,
        title: source.dataSet,
        summary: '',
        file: {
          id: crypto.randomUUID(),
          name: source.file,
          size: '1 Mb',
          dataCsvPreviewLines: [],
          subjectId: crypto.randomUUID(),
        },
        release: {
          id: crypto.randomUUID(),
          title: isLatest ? release.releaseTitle : source.release,
          slug: 'reporting-year',
          type: 'AccreditedOfficialStatistics',
          isLatestPublishedRelease: isLatest,
          published: `${isLatest ? release.published : '2025-11-27'}T09:30:00`,
          publication: {
            id: publicationIdOf(source),
            title: source.publication.title,
            slug: source.publication.slug,
            themeTitle: "Children's social care",
          },
        },
        meta: {},
        footnotes: [],
        variables: [],
      });
    }
    if (url.pathname === '/api/data-set-files') {
      const publicationId = url.searchParams.get('publicationId') ?? '';
      const results = byPublication(publicationId)
        .filter((s) => releases.has(s.file) && !s.apiDataSetId)
        .map((s) => {
          const r = releases.get(s.file)!;
          return {
            id: r.version,
            fileId: crypto.randomUUID(),
            filename: s.file,
            fileSize: '1 Mb',
            title: r.title ?? s.dataSet,
            content: '',
            theme: { id: crypto.randomUUID(), title: "Children's social care" },
            publication: { id: publicationId, title: s.publication.title },
            release: { id: crypto.randomUUID(), title: r.releaseTitle },
            latestData: true,
            published: `${r.published}T09:30:00`,
            meta: {},
          };
        });
      const pageSize = Number(url.searchParams.get('pageSize') ?? 10);
      const page = Number(url.searchParams.get('page') ?? 1);
      return json(200, {
        results: results.slice((page - 1) * pageSize, page * pageSize),
        paging: {
          page,
          pageSize,
          totalResults: results.length,
          totalPages: Math.max(1, Math.ceil(results.length / pageSize)),
        },
      });
    }
    notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoints: { apiUrl: `${origin}/statistics`, catalogueUrl: `${origin}/api`, retries: 0, timeoutMs: 10_000 },
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The publication's id, or a stand-in made from its slug where the manifest has none. */
export function publicationIdOf(source: EesSource): string {
  if (source.publication.id) return source.publication.id;
  const hash = crypto.createHash('sha256').update(source.publication.slug).digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** The releases DfE published as bundled: the same bytes, under the manifest's ids. */
export function bundledReleases(sources: EesSource[]): Map<string, ServedRelease> {
  return new Map(
    sources
      .filter((s) => s.apiDataSetId || s.dataCatalogueId)
      .map((s) => [
        s.file,
        {
          csv: bundledCsv(s.file),
          version: s.apiDataSetId ? '1.0' : s.dataCatalogueId!,
          releaseTitle: s.release,
          published: '2025-11-27',
        },
      ]),
  );
}

function cell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

/** A figure seeded as revised: which cell was changed, and the figure it is. */
export type Seeded = {
  indicatorId: string;
  laCode: string;
  periodId: string;
  row: number;
  column: string;
  before: string;
  after: string;
};

/**
 * DfE's next release of a source: `share` of the LA figures the bundled release gave (chosen by a seeded
 * draw from the figures loaded from it) revised, one cell each, and the latest year's rows repeated as the
 * next year's. Returns the CSV and the figures seeded as revised.
 */
export function nextRelease(
  db: Pick<Db, '$client'>,
  catalogue: Catalogue,
  file: string,
  options: {
    share?: number;
    seed?: number;
    addYear?: boolean;
    dropLa?: string;
    addLa?: { code: string; name: string };
  } = {},
): { csv: Buffer; seeded: Seeded[] } {
  const rows = parse(bundledCsv(file), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = rows[0]!.map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const byId = new Map(catalogue.indicators.map((i) => [i.id, i] as const));
  const figures = db.$client
    .prepare(
      `select o.indicator_id, o.geography_code, o.period_id, o.source_ref, o.value from observations o join loads l on l.id = o.load_id
       where l.file_name = ? and o.geography_level = 'local-authority' and o.value is not null and o.breakdown = '' order by o.id`,
    )
    .all(`dfe/${file}`) as Array<{
    indicator_id: string;
    geography_code: string;
    period_id: string;
    source_ref: string;
    value: number;
  }>;
  let state = options.seed ?? 20261207;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const want = Math.max(1, Math.round(figures.length * (options.share ?? 0.01)));
  const seeded: Seeded[] = [];
  const touched = new Set<string>();
  for (const figure of [...figures].sort(() => random() - 0.5)) {
    if (seeded.length >= want) break;
    const indicator = byId.get(figure.indicator_id)!;
    const rowNumber = Number(/row (\d+)$/.exec(figure.source_ref)?.[1]);
    const column = indicator.dfe!.value;
    const cellKey = `${rowNumber}:${column}`;
    const row = rows[rowNumber - 1];
    if (!row || touched.has(cellKey)) continue;
    const text = row[col(column)]!;
    const decimals = (text.split('.')[1] ?? '').length;
    const step = indicator.unit === 'count' ? 1 : decimals > 0 ? 0.4 : 1;
    const value = Number(text);
    const revised = value + step <= (indicator.unit === 'percent' ? 100 : Infinity) ? value + step : value - step;
    row[col(column)] = revised.toFixed(decimals);
    touched.add(cellKey);
    seeded.push({
      indicatorId: figure.indicator_id,
      laCode: figure.geography_code,
      periodId: figure.period_id,
      row: rowNumber,
      column,
      before: text,
      after: row[col(column)]!,
    });
  }
  let out = rows;
  if (options.addYear !== false) {
    const latest = rows.slice(1).reduce((max, r) => (r[0]! > max ? r[0]! : max), '');
    const next = String(Number(latest) + 1);
    out = [
      ...rows,
      ...rows
        .slice(1)
        .filter((r) => r[0] === latest)
        .map((r) => [next, ...r.slice(1)]),
    ];
  }
  if (options.dropLa || options.addLa) {
    const latest = out.slice(1).reduce((max, r) => (r[0]! > max ? r[0]! : max), '');
    const latestRows = out.slice(1).filter((r) => r[0] === latest && r[col('geographic_level')] === 'Local authority');
    if (options.dropLa) out = out.filter((r) => !(r[0] === latest && r[col('old_la_code')] === options.dropLa));
    if (options.addLa) {
      const template = latestRows.filter((r) => r[col('old_la_code')] === latestRows[0]![col('old_la_code')]);
      out = [
        ...out,
        ...template.map((r) => {
          const copy = [...r];
          copy[col('old_la_code')] = options.addLa!.code;
          copy[col('la_name')] = options.addLa!.name;
          if (col('new_la_code') >= 0) copy[col('new_la_code')] = 'E06000999';
          return copy;
        }),
      ];
    }
  }
  return { csv: writeCsv(out), seeded };
}

/** A CSV with one column renamed in its header. */
export function renameColumn(csv: Buffer, from: string, to: string): Buffer {
  const text = csv.toString('utf8');
  const newline = text.indexOf('\n');
  const header = text
    .slice(0, newline)
    .replace(/^\uFEFF/, '')
    .split(',');
  return Buffer.from(header.map((h) => (h.trim() === from ? to : h)).join(',') + text.slice(newline));
}

/** A CSV with the one cell an indicator reads for a place and year set to a new value (DfE revising it). */
export function reviseFigure(
  csv: Buffer,
  catalogue: Catalogue,
  where: { indicatorId: string; level: 'National' | 'Regional' | 'Local authority'; timePeriod: string; code?: string },
  to: (old: string) => string,
): { csv: Buffer; before: string; after: string } {
  const rows = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = rows[0]!.map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const dfe = catalogue.indicators.find((i) => i.id === where.indicatorId)!.dfe!;
  const row = rows.find(
    (r) =>
      r[col('time_period')] === where.timePeriod &&
      r[col('geographic_level')] === where.level &&
      (where.code === undefined || r[col(where.level === 'Regional' ? 'region_code' : 'old_la_code')] === where.code) &&
      Object.entries(dfe.filters).every(([c, v]) => r[col(c)] === v),
  );
  if (!row) throw new Error(`no row for ${JSON.stringify(where)}`);
  const before = row[col(dfe.value)]!;
  row[col(dfe.value)] = to(before);
  return { csv: writeCsv(rows), before, after: row[col(dfe.value)]! };
}
