/**
 * The DfE statistics API client against a real HTTP server on loopback that answers in DfE's shapes (from its
 * OpenAPI document): paging, a retry after 429, a server that keeps failing, one too slow to wait for, one
 * that is not there, a conditional GET by ETag, DfE's problem details, and a gzip-encoded CSV.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dfeClient, DfeRefused, DfeUnreachable } from '../src/dfe/client.ts';
import { closedPort, startStandIn } from './dfe-stand-in.ts';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
let handler: Handler = (_req, _body, res) => res.writeHead(500).end();
const seen: Array<{ method: string; url: string; body: string; headers: http.IncomingHttpHeaders }> = [];
let standIn: Awaited<ReturnType<typeof startStandIn>>;
let base = '';

beforeAll(async () => {
  standIn = await startStandIn(() => (req, body, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
    handler(req, body, res);
  });
  base = standIn.base;
});
afterAll(() => standIn.close());
afterEach(() => {
  seen.length = 0;
});

const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));

const fast = { backoffMs: 1, timeoutMs: 2_000 };
const DATA_SET = '2ad311d1-cedf-4f31-9e0d-cc071b0cb1c2';

/** A data set summary as DfE's DataSetViewModel has it. */
const summary = {
  id: DATA_SET,
  title: 'CLA - placement stability - by local authority',
  summary: 'Placement stability of children looked after, by local authority',
  status: 'Published',
  latestVersion: {
    version: '1.0',
    published: '2025-11-20T09:30:00Z',
    totalResults: 5010,
    file: { id: '7c1f3c0e-0000-4000-8000-000000000001' },
    timePeriods: { start: '2021', end: '2025' },
    geographicLevels: ['Local authority', 'National', 'Regional'],
    filters: ['Placement stability measure'],
    indicators: ['Number of children', 'Percentage of children'],
  },
};

/** One query result row as DataSetQueryResultViewModel has it. */
const row = (la: string, value: string) => ({
  timePeriod: { code: 'FY', period: '2024/2025' },
  geographicLevel: 'LA',
  locations: { LA: la },
  filters: { measure: 'three-or-more' },
  values: { percent: value },
});

describe('the DfE statistics API client', () => {
  it('reads every page of a query, sending DfE its page and page size', async () => {
    const rows = ['855', '856', '857', '830', '831'].map((la, i) => row(la, String(8 + i)));
    handler = (_req, body, res) => {
      const { page, pageSize } = JSON.parse(body) as { page: number; pageSize: number };
      json(res, 200, {
        paging: { page, pageSize, totalResults: rows.length, totalPages: Math.ceil(rows.length / pageSize) },
        results: rows.slice((page - 1) * pageSize, page * pageSize),
        warnings: page === 1 ? [{ code: 'QueryNoResults', message: 'example warning' }] : [],
      });
    };
    const client = dfeClient({ baseUrl: base, ...fast });
    const answer = await client.query(
      DATA_SET,
      { criteria: { geographicLevels: { eq: 'LA' } }, indicators: ['percent'] },
      { pageSize: 2 },
    );
    expect(answer.pages).toBe(3);
    expect(answer.results.map((r) => r.locations.LA)).toEqual(['855', '856', '857', '830', '831']);
    expect(answer.warnings).toHaveLength(1);
    expect(seen.map((s) => [s.method, s.url, JSON.parse(s.body).page])).toEqual([
      ['POST', `/statistics/v1/data-sets/${DATA_SET}/query`, 1],
      ['POST', `/statistics/v1/data-sets/${DATA_SET}/query`, 2],
      ['POST', `/statistics/v1/data-sets/${DATA_SET}/query`, 3],
    ]);
  });

  it('never asks for more than DfE allows in a page (10,000)', async () => {
    handler = (_req, body, res) =>
      json(res, 200, {
        paging: { page: 1, pageSize: JSON.parse(body).pageSize, totalResults: 0, totalPages: 1 },
        results: [],
        warnings: [],
      });
    await dfeClient({ baseUrl: base, ...fast }).query(DATA_SET, { indicators: ['percent'] }, { pageSize: 50_000 });
    expect(JSON.parse(seen[0]!.body).pageSize).toBe(10_000);
  });

  it('waits and tries again after 429 (Retry-After) and 503, then reads the answer', async () => {
    let calls = 0;
    handler = (_req, _body, res) => {
      calls++;
      if (calls === 1) return json(res, 429, { title: 'Too many requests' }, { 'retry-after': '0' });
      if (calls === 2) return json(res, 503, { title: 'Service unavailable' });
      json(res, 200, summary, { etag: '"v1.0"' });
    };
    const answer = await dfeClient({ baseUrl: base, ...fast }).dataSet(DATA_SET);
    expect(calls).toBe(3);
    expect(answer?.dataSet.latestVersion?.version).toBe('1.0');
  });

  it('backs off, doubling, when DfE sends no Retry-After', async () => {
    handler = (_req, _body, res) => json(res, 503, { title: 'Service Unavailable' });
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    await dfeClient({ baseUrl: base, backoffMs: 250, retries: 3, sleep })
      .dataSet(DATA_SET)
      .catch(() => undefined);
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('a body still arriving when the time limit passes is DfE out of reach, said plainly', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('time_period,old_la_code\n');
      setTimeout(() => res.end('202425,855\n'), 1_000);
    };
    const error = await dfeClient({ baseUrl: base, backoffMs: 1, timeoutMs: 200, retries: 0 })
      .csv(DATA_SET)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfeUnreachable);
    expect((error as Error).message).toMatch(/no answer within 0\.2 s/);
  });

  it('gives up after its retries on a server that keeps failing, quoting DfE', async () => {
    handler = (_req, _body, res) =>
      json(res, 503, { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Maintenance' });
    const error = await dfeClient({ baseUrl: base, ...fast, retries: 2 })
      .dataSet(DATA_SET)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfeRefused);
    expect((error as Error).message).toBe(
      `DfE's statistics API answered 503 to the data set ${DATA_SET}: Service Unavailable; Maintenance`,
    );
    expect(seen).toHaveLength(3);
  });

  it('does not wait for ever on a slow server: each try has a time limit', async () => {
    handler = (_req, _body, res) => setTimeout(() => json(res, 200, summary), 1_000);
    const started = performance.now();
    const error = await dfeClient({ baseUrl: base, backoffMs: 1, timeoutMs: 100, retries: 1 })
      .dataSet(DATA_SET)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfeUnreachable);
    expect((error as Error).message).toMatch(
      /could not be reached at http:\/\/127\.0\.0\.1:\d+: no answer within 0\.1 s \(2 tries\)/,
    );
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('says plainly when DfE cannot be reached at all (no network), and that Indicate works on', async () => {
    const port = await closedPort();
    const error = await dfeClient({ baseUrl: `http://127.0.0.1:${port}/statistics`, ...fast, retries: 1 })
      .versions(DATA_SET)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfeUnreachable);
    expect((error as Error).message).toBe(
      `DfE's statistics service could not be reached at http://127.0.0.1:${port}: ECONNREFUSED (2 tries). Indicate works on with the figures it holds.`,
    );
  });

  it('asks by ETag whether a data set changed, and gets nothing back when it has not', async () => {
    handler = (req, _body, res) => {
      if (req.headers['if-none-match'] === '"v1.0"') return res.writeHead(304).end();
      json(res, 200, summary, { etag: '"v1.0"' });
    };
    const client = dfeClient({ baseUrl: base, ...fast });
    const first = await client.dataSet(DATA_SET);
    expect(first?.etag).toBe('"v1.0"');
    expect(await client.dataSet(DATA_SET, first!.etag!)).toBeNull();
  });

  it("quotes DfE's problem details when it refuses (a version that does not exist)", async () => {
    handler = (_req, _body, res) =>
      json(res, 404, {
        type: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
        title: 'Resource not found',
        status: 404,
        errors: [{ code: 'NotFound', message: 'Data set version not found', path: 'dataSetVersion' }],
      });
    const error = await dfeClient({ baseUrl: base, ...fast })
      .meta(DATA_SET, '9.9')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DfeRefused);
    expect((error as DfeRefused).status).toBe(404);
    expect((error as Error).message).toBe(
      `DfE's statistics API answered 404 to the meta of ${DATA_SET}: Resource not found; dataSetVersion: Data set version not found`,
    );
    expect(seen[0]!.url).toBe(`/statistics/v1/data-sets/${DATA_SET}/meta?dataSetVersion=9.9`);
  });

  it('reads every page of the versions, newest first as DfE lists them', async () => {
    const versions = ['2.0', '1.1', '1.0'].map((version) => ({
      version,
      type: version.endsWith('.0') ? 'Major' : 'Minor',
      status: 'Published',
      published: '2025-11-20T09:30:00Z',
      totalResults: 5010,
      file: { id: '7c1f3c0e-0000-4000-8000-000000000001' },
      timePeriods: { start: '2021', end: '2025' },
      geographicLevels: ['Local authority'],
      filters: [],
      indicators: [],
      notes: '',
      release: { title: 'Reporting year 2025', slug: '2025' },
    }));
    handler = (req, _body, res) => {
      const page = Number(new URL(req.url!, 'http://x').searchParams.get('page'));
      json(res, 200, {
        paging: { page, pageSize: 2, totalResults: 3, totalPages: 2 },
        results: versions.slice((page - 1) * 2, page * 2),
      });
    };
    const all = await dfeClient({ baseUrl: base, ...fast }).versions(DATA_SET);
    expect(all.map((v) => v.version)).toEqual(['2.0', '1.1', '1.0']);
  });

  it('reads a data set as CSV, gzip-encoded as DfE sends it', async () => {
    const csv =
      'time_period,time_identifier,geographic_level,old_la_code,percent\n202425,Financial year,Local authority,855,8\n';
    handler = (_req, _body, res) =>
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' }).end(zlib.gzipSync(csv));
    expect(await dfeClient({ baseUrl: base, ...fast }).csv(DATA_SET, '1.0')).toBe(csv);
  });
});
