import { ErrorEnvelopeSchema, LoadReportSchema, LoadSummarySchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { freshStore, testApp } from './helpers.ts';
import { liveServer } from './live-server.ts';
import { signIn } from './sign-in.ts';

const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator';
const GOOD = `${HEADER}\nplacements-3-or-more,201819,Financial year Q1,Local authority,855,8.3,48,578\n`;
const BAD = `${HEADER}\nplacements-3-or-more,201819,Financial year Q1,Local authority,855,8.3,600,578\nnope,201819,Financial year Q1,Local authority,855,1,,\n`;

/** The app with an analyst signed in: loads are theirs to make. */
async function app() {
  const store = freshStore();
  return signIn(await testApp({ store }), store, 'analyst');
}

function multipart(name: string, content: string) {
  const boundary = '----indicate-test-boundary';
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${name}"`,
    'Content-Type: text/csv',
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/loads', () => {
  it('dry-runs a CSV sent as the body, then commits it', async () => {
    const server = await app();
    const dry = await server.inject({
      method: 'POST',
      url: '/api/loads?dryRun=true&fileName=q1.csv',
      headers: { 'content-type': 'text/csv' },
      payload: GOOD,
    });
    expect(dry.statusCode).toBe(200);
    const report = LoadReportSchema.parse(dry.json());
    expect(report).toMatchObject({ dryRun: true, committed: false, fileName: 'q1.csv', counts: { new: 1 } });

    const commit = await server.inject({
      method: 'POST',
      url: `/api/loads?fileName=q1.csv&expectPlan=${report.planHash}`,
      headers: { 'content-type': 'text/csv' },
      payload: GOOD,
    });
    expect(commit.statusCode).toBe(201);
    expect(LoadReportSchema.parse(commit.json())).toMatchObject({ committed: true, loadId: 1 });

    const list = await server.inject({ method: 'GET', url: '/api/loads' });
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: 1,
        fileName: 'q1.csv',
        rowsNew: 1,
        state: 'committed',
        loadedBy: server.email,
      }),
    ]);
  });

  it('takes a browser upload (multipart) under its own file name', async () => {
    const server = await app();
    const response = await server.inject({
      method: 'POST',
      url: '/api/loads?dryRun=true',
      ...multipart('quarter 1 (final).csv', GOOD),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().fileName).toBe('quarter 1 (final).csv');
  });

  it('answers a broken form (no boundary, a part cut short) with 400 and words, not a 500', async () => {
    const server = await liveServer({ uploadTimeoutMs: 4000 });
    const noBoundary = await server.post('/api/loads?dryRun=true', 'abc', { 'content-type': 'multipart/form-data' });
    const cutShort = await server.post(
      '/api/loads?dryRun=true',
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
    );
    for (const response of [noBoundary, cutShort]) {
      const body = (await response.json()) as { error: { message: string } };
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(body.error.message).toMatch(/form/);
    }
  }, 15_000);

  it('answers a broken file with 422 and the row-level list, writing nothing', async () => {
    const server = await app();
    const response = await server.inject({
      method: 'POST',
      url: '/api/loads',
      headers: { 'content-type': 'text/csv' },
      payload: BAD,
    });
    expect(response.statusCode).toBe(422);
    const envelope = ErrorEnvelopeSchema.parse(response.json());
    expect(envelope.error).toMatchObject({
      code: 'invalid_file',
      message: 'The file has 2 errors; nothing was written.',
    });
    const details = LoadReportSchema.parse(envelope.error.details);
    expect(details.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'numerator'],
      [3, 'indicator'],
    ]);
    expect((await server.inject({ method: 'GET', url: '/api/loads' })).json()).toEqual([]);
  });

  it('refuses a stale plan with 409 and a malformed one with 400', async () => {
    const server = await app();
    const stale = await server.inject({
      method: 'POST',
      url: `/api/loads?expectPlan=${'0'.repeat(64)}`,
      headers: { 'content-type': 'text/csv' },
      payload: GOOD,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('plan_changed');
    const malformed = await server.inject({
      method: 'POST',
      url: '/api/loads?expectPlan=abc',
      headers: { 'content-type': 'text/csv' },
      payload: GOOD,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toBe(
      'Invalid query parameter expectPlan: must be the 64-character planHash of a dry run',
    );
  });

  it('refuses an unknown option and a body that is not a file', async () => {
    const server = await app();
    const option = await server.inject({
      method: 'POST',
      url: '/api/loads?dry=true',
      headers: { 'content-type': 'text/csv' },
      payload: GOOD,
    });
    expect(option.statusCode).toBe(400);
    expect(option.json().error.message).toMatch(/^Invalid query parameter/);
    const json = await server.inject({
      method: 'POST',
      url: '/api/loads',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
  });
});

describe('load history and revert', () => {
  it('shows one load, reverts it, and refuses to revert it twice', async () => {
    const server = await app();
    await server.inject({ method: 'POST', url: '/api/loads', headers: { 'content-type': 'text/csv' }, payload: GOOD });
    const one = await server.inject({ method: 'GET', url: '/api/loads/1' });
    expect(LoadSummarySchema.parse(one.json())).toMatchObject({ id: 1, state: 'committed' });

    const revert = await server.inject({ method: 'POST', url: '/api/loads/1/revert' });
    expect(revert.statusCode).toBe(200);
    expect(revert.json()).toMatchObject({ id: 2, revertsLoadId: 1, rowsRemoved: 1 });
    const again = await server.inject({ method: 'POST', url: '/api/loads/1/revert' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: { code: 'already_reverted', message: 'Load 1 has already been reverted.' } });
  });

  it('names a bad or unknown load id', async () => {
    const server = await app();
    expect((await server.inject({ method: 'GET', url: '/api/loads/abc' })).json().error.message).toMatch(
      /^Invalid path parameter id/,
    );
    expect((await server.inject({ method: 'GET', url: '/api/loads/42' })).json()).toEqual({
      error: { code: 'not_found', message: 'There is no load 42.' },
    });
    expect((await server.inject({ method: 'POST', url: '/api/loads/42/revert' })).statusCode).toBe(404);
  });
});

describe('GET /api/loads/template.csv', () => {
  it('downloads the template with every id of the scorecard set', async () => {
    const store = freshStore();
    const server = await signIn(await testApp({ store }), store, 'viewer');
    const response = await server.inject({ method: 'GET', url: '/api/loads/template.csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="indicate-template-855.csv"');
    const set = store.catalogue.indicators.filter((i) => i.origin === 'council');
    const rows = response.body
      .trim()
      .split('\r\n')
      .filter((line) => !/^"?#/.test(line));
    expect(rows).toHaveLength(1 + set.length);
    // A quarter presets the quarterly rows; a wrong one is a 400 naming the parameter.
    const q3 = await server.inject({ method: 'GET', url: '/api/loads/template.csv?quarter=2026-27-Q3' });
    expect(q3.body).toContain('\r\ncp-repeat-plans,202627,Financial year Q3,Local authority,855,');
    const bad = await server.inject({ method: 'GET', url: '/api/loads/template.csv?quarter=2026-Q3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/quarter/);
    const xlsx = await server.inject({ method: 'GET', url: '/api/loads/template.xlsx' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    for (const indicator of set) expect(response.body).toContain(`${indicator.id},`);
  });
});
