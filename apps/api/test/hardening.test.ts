import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HealthSchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import type { buildApp } from '../src/app.ts';
import { safeLogText } from '../src/auth/audit.ts';
import { hashPassword, verifyPassword } from '../src/auth/passwords.ts';
import { createUser } from '../src/auth/users.ts';
import { readConfig, REPO_ROOT } from '../src/config.ts';
import { writeProblems } from '../src/health.ts';
import { freshStore, tempDir, testApp } from './helpers.ts';
import { TEST_PASSWORD } from './sign-in.ts';

/** Small hardening (issue 11, section 5), each tested as the attack or accident that found it. */

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

/** `pnpm cli user add ...` with `stdin` piped in, against the given database. */
function cliUserAdd(dbPath: string, email: string, stdin: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'user', 'add', '--email', email, '--role', 'viewer'],
    { cwd: API_DIR, env: { ...process.env, DB_PATH: dbPath }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

function signIn(app: Awaited<ReturnType<typeof buildApp>>, email: string, password: string, headers = {}) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, headers });
}

describe('passwords: one line, compared as NFC', () => {
  it('`user add` takes one line from stdin and refuses a password with a line break in it', async () => {
    const store = freshStore();
    const users = () => (store.db.$client.prepare('select count(*) as n from users').get() as { n: number }).n;
    const two = await cliUserAdd(store.dbPath, 'two.lines@example.org', 'first line of it\nsecond line too\n');
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('must be one line');
    expect(users()).toBe(0);

    const crlf = await cliUserAdd(store.dbPath, 'one.line@example.org', `${TEST_PASSWORD}\r\n`);
    expect(crlf.stderr).toBe('');
    expect(crlf.code).toBe(0);
    const app = await testApp({ store });
    expect((await signIn(app, 'one.line@example.org', TEST_PASSWORD)).statusCode).toBe(200);
  }, 60_000);

  it('a password set with a decomposed accent signs in when typed precomposed, and the other way round', async () => {
    const store = freshStore();
    const decomposed = 'cafe\u0301 au lait, s\u0065\u0301rieusement';
    const precomposed = decomposed.normalize('NFC');
    expect(precomposed).not.toBe(decomposed);
    const made = await cliUserAdd(store.dbPath, 'accent@example.org', `${decomposed}\n`);
    expect(made.code).toBe(0);
    const app = await testApp({ store });
    expect((await signIn(app, 'accent@example.org', precomposed)).statusCode).toBe(200);
    expect((await signIn(app, 'accent@example.org', decomposed)).statusCode).toBe(200);
    expect(await verifyPassword(decomposed, await hashPassword(precomposed))).toBe(true);
  }, 60_000);

  it('a hash made before normalisation (an ASCII password) still verifies', async () => {
    // Exactly what hashPassword stored before this change, computed here without it.
    const salt = crypto.randomBytes(16);
    const key = crypto.scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    const old = `scrypt$${2 ** 17}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword(TEST_PASSWORD, old)).toBe(true);
    expect(await verifyPassword(`${TEST_PASSWORD}!`, old)).toBe(false);
  }, 30_000);
});

describe('the audit log keeps what a stranger typed harmless', () => {
  it('a failed sign-in with a forged log line, markup and a bidi override is stored escaped and bounded', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const hostile =
      'x@example.org\n2026-01-01T00:00:00.000Z admin@council.example.org sign-in ok\r<img src=x onerror=alert(1)>\u202egro.elpmaxe\u0000\u2028' +
      'a'.repeat(254);
    const typed = hostile.slice(0, 254);
    const response = await signIn(app, typed, 'wrong password');
    expect(response.statusCode).toBe(401);
    const row = store.db.$client
      .prepare("select actor, target, address from audit_log where action = 'sign-in-failed'")
      .get() as { actor: string; target: string; address: string };
    for (const value of [row.actor, row.target]) {
      expect(value.length).toBeLessThanOrEqual(254);
      // Nothing that ends a line, reorders text, or opens a tag.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
      expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069<>]/);
      // Sign-in lower-cases the email before anything else.
      const line = 'x@example.org\\n2026-01-01t00:00:00.000z admin@council.example.org sign-in ok\\r';
      expect(value.slice(0, line.length)).toBe(line);
      expect(value).toContain('\\u003cimg src=x onerror=alert(1)\\u003e\\u202egro.elpmaxe\\u0000\\u2028');
      expect(value.endsWith('…')).toBe(true);
    }
    expect(row.address).toBe('127.0.0.1');
  });

  it('escapes are whole, a plain email is unchanged, and nothing is longer than the bound', () => {
    expect(safeLogText('lead@council.example.org')).toBe('lead@council.example.org');
    expect(safeLogText('a\\b')).toBe('a\\\\b');
    expect(safeLogText('\u{10FFFD}')).toBe('\\udbff\\udffd'); // private use, outside the BMP
    expect(safeLogText('\ud800x')).toBe('\\ud800x'); // a lone surrogate
    expect(safeLogText('a\u00a0b')).toBe('a\\u00a0b'); // a space that looks like one but is not
    const cut = safeLogText(`${'a'.repeat(250)}\n\n\n`);
    expect(cut).toBe(`${'a'.repeat(250)}\\n…`);
    expect(safeLogText('\u0001'.repeat(300)).length).toBeLessThanOrEqual(254);
    expect(safeLogText('\u0001'.repeat(300))).toMatch(/^(\\u0001)+…$/);
  });
});

describe('TRUST_PROXY', () => {
  async function httpsThroughProxy(env: NodeJS.ProcessEnv, remoteAddress: string) {
    const store = freshStore();
    await createUser(store.db, { email: 'lead@example.org', role: 'viewer', password: TEST_PASSWORD });
    const app = await testApp({ store, trustProxy: readConfig(env).trustProxy });
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'lead@example.org', password: TEST_PASSWORD },
      remoteAddress,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.44' },
    });
    expect(response.statusCode).toBe(200);
    const address = (
      store.db.$client.prepare("select address from audit_log where action = 'sign-in'").get() as { address: string }
    ).address;
    return {
      secure: /;\s*Secure/.test(String(response.headers['set-cookie'])),
      hsts: response.headers['strict-transport-security'],
      address,
    };
  }

  it('behind a trusted TLS proxy, the session cookie is Secure, HSTS is sent and the client address is used', async () => {
    for (const value of ['127.0.0.1', 'loopback,10.0.0.0/8', 'true', '1']) {
      const seen = await httpsThroughProxy({ TRUST_PROXY: value }, '127.0.0.1');
      expect(seen, value).toEqual({
        secure: true,
        hsts: 'max-age=31536000; includeSubDomains',
        address: '192.0.2.44',
      });
    }
  }, 60_000);

  it('off by default, and from a peer not in the list: a forged X-Forwarded-Proto or -For is ignored', async () => {
    for (const [env, peer] of [
      [{}, '127.0.0.1'],
      [{ TRUST_PROXY: 'false' }, '127.0.0.1'],
      [{ TRUST_PROXY: '10.0.0.1' }, '203.0.113.9'],
    ] as const) {
      const seen = await httpsThroughProxy(env, peer);
      expect(seen, JSON.stringify(env)).toEqual({ secure: false, hsts: undefined, address: peer });
    }
  }, 60_000);

  it('a value that is neither a flag, a hop count nor addresses stops the start with a message', () => {
    expect(() => readConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY.*yes please/);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: '127.0.0.1, ::1' }).trustProxy).toEqual(['127.0.0.1', '::1']);
  });
});

describe('the built dashboard', () => {
  it('has no source maps, so none can be served', async () => {
    const outDir = tempDir();
    const web = path.join(REPO_ROOT, 'apps', 'web');
    const built = spawnSync(
      process.execPath,
      [
        path.join(web, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: web, encoding: 'utf8' },
    );
    expect(built.status, built.stderr).toBe(0);
    const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' });
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const app = await testApp({ store: freshStore(), webDist: outDir });
    for (const script of scripts) {
      const js = await app.inject(`/${script}`);
      expect(js.statusCode).toBe(200);
      expect(js.body).not.toContain('sourceMappingURL');
      const map = await app.inject(`/${script}.map`);
      expect(map.body).not.toContain('"mappings"');
      expect(map.body).not.toContain('"sourcesContent"');
    }
  }, 120_000);
});

describe('GET /api/health', () => {
  it('says degraded, with a 503 and the reason, when the database cannot be written', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    store.db.$client.pragma('query_only = 1');
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(503);
    const health = HealthSchema.parse(response.json());
    expect(health.status).toBe('degraded');
    expect(health.problems).toEqual(['the database cannot be written: attempt to write a readonly database']);
    expect(health.database.indicators).toBe(450);
    // The probe is cached for a few seconds (health is polled under load), then runs again.
    store.db.$client.pragma('query_only = 0');
    expect((await app.inject('/api/health')).statusCode).toBe(503);
    expect(writeProblems(store.db, Date.now() + 6000)).toEqual([]);
    const healthy = await app.inject('/api/health');
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json().status).toBe('ok');
    expect(healthy.json().problems).toBeUndefined();
    // The probe wrote nothing.
    expect(store.db.$client.prepare('select count(*) as n from sign_in_failures').get()).toEqual({ n: 0 });
  });

  it('says degraded when the connection is read-only', async () => {
    const store = freshStore();
    const { default: Database } = await import('better-sqlite3');
    const { drizzle } = await import('drizzle-orm/better-sqlite3');
    const readonly = new Database(store.dbPath, { readonly: true });
    try {
      const db = Object.assign(drizzle(readonly), { $client: readonly }) as unknown as typeof store.db;
      expect(writeProblems(db)).toEqual(['the database cannot be written: attempt to write a readonly database']);
    } finally {
      readonly.close();
    }
  });
});

describe('user emails', () => {
  it('refuses an email with invisible or direction-changing characters', async () => {
    const store = freshStore();
    for (const email of ['ad\u202Emin@example.org', 'admin\u200B@example.org', 'ad min@example.org']) {
      await expect(
        createUser(store.db, { email, role: 'viewer', password: 'a long enough password' }),
        JSON.stringify(email),
      ).rejects.toThrow(/is not an email address/);
    }
  });
});
