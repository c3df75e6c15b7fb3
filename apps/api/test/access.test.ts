import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { freshStore, loadFigures } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * The attack of issue 11: the access rule was chosen from the raw URL (`startsWith('/api')`) while the
 * router matched the decoded path, so `/%61pi/...` and absolute-form targets read every figure without
 * signing in. These tests send every route under every spelling a client can put on the request line.
 */

const FIGURES = [
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,note',
  'cp-plans-2-years,201819,Financial year Q1,Local authority,855,0.5,2,400,para 11: two children.',
  'cp-repeat-plans,201819,Financial year Q1,Local authority,855,12.0,30,250,',
].join('\n');

/** Anonymous GETs of every route that holds figures, people or settings, with real parameters. */
const PROTECTED: Record<string, string> = {
  '/api/indicators': '/api/indicators',
  '/api/indicators/{id}': '/api/indicators/cp-plans-2-years',
  '/api/indicators/{id}/series': '/api/indicators/cp-plans-2-years/series?la=855',
  '/api/indicators/{id}/neighbours': '/api/indicators/cp-plans-2-years/neighbours?la=855&period=2018-19-Q1',
  '/api/indicators/{id}/figure': '/api/indicators/cp-plans-2-years/figure?la=855&period=2018-19-Q1',
  '/api/scorecard': '/api/scorecard?la=855&period=2018-19-Q1',
  '/api/summary': '/api/summary?la=855&period=2018-19-Q1',
  '/api/periods': '/api/periods?la=855',
  '/api/local-authorities': '/api/local-authorities',
  '/api/scorecard-set': '/api/scorecard-set',
  '/api/indicators/{id}/all-councils': '/api/indicators/cp-plans-2-years/all-councils?la=855',
  '/api/compare': '/api/compare?la=855,830&indicator=cp-plans-2-years',
  '/api/indicators/{id}/breakdowns': '/api/indicators/cp-plans-2-years/breakdowns?la=855&period=2018-19-Q1',
  '/api/commentary': '/api/commentary?indicatorId=cp-plans-2-years&la=855&period=2018-19-Q1',
  '/api/loads': '/api/loads',
  '/api/loads/{id}': '/api/loads/1',
  '/api/returns/population': '/api/returns/population?la=855',
  '/api/packs': '/api/packs?la=855',
  '/api/packs/{id}': '/api/packs/1',
  '/api/packs/{id}/changes': '/api/packs/1/changes',
  '/api/packs/{id}/appendix': '/api/packs/1/appendix?format=csv',
  '/api/packs/{id}/pdf': '/api/packs/1/pdf',
  '/api/users': '/api/users',
  '/api/settings': '/api/settings',
  '/api/audit': '/api/audit',
  '/api/data-freshness': '/api/data-freshness',
  '/api/indicators/{id}/rag-rule': '/api/indicators/cp-plans-2-years/rag-rule',
  '/api/key-message': '/api/key-message?la=855&period=2018-19-Q1',
  '/api/dfe': '/api/dfe',
  '/api/dfe/pulls': '/api/dfe/pulls',
  '/api/dfe/pulls/{id}': '/api/dfe/pulls/1',
  '/api/reports/{report}': '/api/reports/complaints?period=2026-27-Q2',
  '/api/reports/{report}/{format}': '/api/reports/complaints/csv?period=2026-27-Q2',
  '/api/logs': '/api/logs',
  '/api/logs/{kind}/template.csv': '/api/logs/complaints/template.csv',
};
/** Routes anyone may call: they hold no figures. */
const PUBLIC = ['/api/health', '/api/session', '/api/loads/template.csv', '/api/loads/template.xlsx'];

/** The ways one path can be spelt on the request line and still reach the same route, or seem to. */
function spellings(url: string): string[] {
  const rest = url.slice('/api'.length);
  const [pathname, query] = url.split('?');
  const q = query === undefined ? '' : `?${query}`;
  return [
    url,
    `/%61pi${rest}`,
    `/%41PI${rest}`,
    `/a%70i${rest}`,
    `/%2561pi${rest}`,
    `//api${rest}`,
    `/./api${rest}`,
    `/x/../api${rest}`,
    `/api/.${rest}`,
    `${pathname}/${q}`,
    `${pathname!.replace(/\//g, '%2F').replace(/^%2F/, '/')}${q}`,
    `${pathname!.replace(/-/g, '%2D')}${q}`,
    `http://localhost${url}`,
    `http://evil.example${url}`,
    `HTTP://LOCALHOST${url}`,
  ];
}

/** Sends a raw request line, so the target is exactly what we write (absolute-form included). */
function raw(port: number, method: string, target: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}Connection: close\r\n\r\n`);
  });
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

async function serverWithFigures() {
  const store = freshStore();
  await loadFigures(store, FIGURES);
  const app = await buildApp({ store });
  apps.push(app);
  // A published-looking pack exists, so pack routes have something to leak.
  const analyst = await signIn(app, store, 'analyst');
  const drafted = await analyst.inject({
    method: 'POST',
    url: '/api/packs',
    payload: { la: '855', period: '2018-19-Q1' },
  });
  expect(drafted.statusCode).toBe(201);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  return { store, app, port };
}

/** Whatever came back must hold none of the loaded figures, their notes, or anyone's email. */
function expectNothingLeaked(body: string, where: string) {
  for (const secret of ['"numerator":2', '0.5', 'two children', '@example.org', '"value":12']) {
    expect(body.includes(secret) && !body.includes('"code":"sign_in_required"'), `${where} leaked ${secret}`).toBe(
      false,
    );
  }
}

describe('access is decided by the route the router matched, never by the URL spelling', () => {
  it('covers every route the API documents', async () => {
    const { app } = await serverWithFigures();
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([, methods]) => 'get' in methods)
      .map(([p]) => p);
    for (const p of documented) {
      expect(p in PROTECTED || PUBLIC.includes(p), `GET ${p} is in this test`).toBe(true);
    }
  });

  it('refuses every figure to an anonymous caller under every path spelling, with public read off', async () => {
    const { port } = await serverWithFigures();
    const seen = new Map<number, number>();
    for (const [route, url] of Object.entries(PROTECTED)) {
      for (const target of spellings(url)) {
        for (const method of ['GET', 'HEAD']) {
          const response = await raw(port, method, target);
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
          expect([400, 401, 404], `${method} ${target} (${route}) answered ${response.status}`).toContain(
            response.status,
          );
          expect(response.status, `${method} ${target}`).not.toBe(500);
          expectNothingLeaked(response.body, `${method} ${target}`);
        }
      }
      // The canonical spelling and the percent-encoded one reach the route: both must ask to sign in.
      expect((await raw(port, 'GET', url)).status, url).toBe(401);
      expect((await raw(port, 'GET', `/%61pi${url.slice(4)}`)).status, `/%61pi${url.slice(4)}`).toBe(401);
      expect((await raw(port, 'GET', `http://localhost${url}`)).status, `absolute-form ${url}`).toBe(401);
    }
    expect(seen.get(401)).toBeGreaterThan(0);
  });

  it('gives the public view, never the full one, to any spelling when public read is on', async () => {
    const { store, port } = await serverWithFigures();
    writeSettings(store.db, { publicRead: true, suppressionThreshold: 5 });
    for (const target of spellings('/api/indicators/cp-plans-2-years/series?la=855')) {
      const response = await raw(port, 'GET', target);
      expect([200, 400, 404]).toContain(response.status);
      expectNothingLeaked(response.body, target);
    }
    // Packs hold true small numbers: refused under every spelling even with public read on.
    for (const target of [...spellings('/api/packs/1'), ...spellings('/api/packs/1/pdf')]) {
      const response = await raw(port, 'GET', target);
      expect([400, 401, 404], target).toContain(response.status);
    }
  });

  it('still serves the signed-in reader under the ordinary spelling', async () => {
    const { store, app } = await serverWithFigures();
    const viewer = await signIn(app, store, 'viewer');
    const series = await viewer.inject('/api/indicators/cp-plans-2-years/series?la=855');
    expect(series.statusCode).toBe(200);
    expect(series.json().points[0].figure.numerator).toBe(2);
  });

  it('refuses to start when a route declares no access rule (deny by default)', async () => {
    const store = freshStore();
    const app = await buildApp({ store });
    apps.push(app);
    expect(() => app.get('/api/undeclared', () => ({ secret: true }))).toThrow(/declares no access rule/);
  });
});
