import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ErrorEnvelopeSchema, HealthSchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { freshStore, tempDir, testApp } from './helpers.ts';

describe('GET /api/health', () => {
  it('reports what the database holds', async () => {
    const app = await testApp({ store: freshStore() });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const health = HealthSchema.parse(response.json());
    const migrations = fs
      .readdirSync(fileURLToPath(new URL('../src/db/migrations', import.meta.url)))
      .filter((f) => f.endsWith('.sql'));
    expect(health.database).toEqual({
      indicators: 450,
      localAuthorities: 158,
      statNeighbourSets: 309,
      migrations: migrations.length,
    });
  });
});

describe('errors, in one envelope', () => {
  it('an unknown API route is a 404 that names it', async () => {
    const app = await testApp({ store: freshStore() });
    const response = await app.inject({ method: 'GET', url: '/api/scorecards?la=855' });
    expect(response.statusCode).toBe(404);
    expect(ErrorEnvelopeSchema.parse(response.json())).toEqual({
      error: { code: 'not_found', message: 'There is no API route GET /api/scorecards.' },
    });
  });

  it('a failure inside a handler is a 500 that gives nothing away', async () => {
    const app = await testApp({ store: freshStore() });
    app.get('/api/boom', { config: { access: 'public' } }, () => {
      throw new Error('SQLITE_ERROR: no such column: secret_column');
    });
    const response = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/SQLITE|secret_column|at .*\.ts/);
    expect(response.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' },
    });
  });

  it('a malformed JSON body is a 400, not a 500', async () => {
    const app = await testApp({ store: freshStore() });
    app.post('/api/echo', { config: { access: 'public' } }, (request) => request.body);
    const response = await app.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(response.statusCode).toBe(400);
    expect(ErrorEnvelopeSchema.parse(response.json()).error.code).toBe('invalid_json_body');
  });
});

describe('the dashboard', () => {
  it('is served at / and for its client-side routes, but not for unknown API routes', async () => {
    const webDist = tempDir();
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Indicate</title>');
    const app = await testApp({ store: freshStore(), webDist });
    for (const url of ['/', '/indicators/cp-repeat-plans?la=855']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>Indicate</title>');
    }
    expect((await app.inject({ method: 'GET', url: '/api/unknown' })).statusCode).toBe(404);
  });
});
