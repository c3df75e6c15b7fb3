import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SESSION_CACHE_MS } from '../src/auth/sessions.ts';
import { readAudit } from '../src/auth/audit.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { createUser } from '../src/auth/users.ts';
import { freshStore, loadFigures, testApp } from './helpers.ts';
import { signIn, TEST_PASSWORD } from './sign-in.ts';

const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator';
const FIGURES = [
  HEADER,
  'cp-repeat-plans,201819,Financial year Q1,Local authority,855,12.0,30,250',
  'cse-referrals,201819,Financial year Q1,Local authority,855,3,,',
  'placements-3-or-more,201819,Financial year Q1,Local authority,855,1.5,3,200',
  'care-leavers-eet,201819,Financial year Q1,Local authority,855,96.0,48,50',
].join('\n');

type Store = ReturnType<typeof freshStore>;

function withFigures(store: Store) {
  return loadFigures(store, FIGURES);
}

/** Everything a refused request must leave alone. */
function snapshot(store: Store) {
  const c = store.db.$client;
  const n = (table: string) => (c.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return {
    loads: n('loads'),
    observations: n('observations'),
    targets: n('targets'),
    overrides: n('rag_overrides'),
    commentary: n('commentary'),
    keyMessages: n('key_messages'),
    users: n('users'),
    settings: JSON.stringify(c.prepare('select * from settings order by key').all()),
    audit: n('audit_log'),
    loadStates: JSON.stringify(c.prepare('select id, state from loads order by id').all()),
  };
}

type Caller = { inject: (options: InjectOptions) => Promise<LightMyRequestResponse> };

describe('who may do what: every write route, as every role', () => {
  it('gives the exact status for each role, and a refused request changes nothing', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const loadId = await withFigures(store);
    const callers: Record<string, Caller> = {
      anonymous: { inject: (options: InjectOptions) => app.inject(options) },
      viewer: await signIn(app, store, 'viewer'),
      'service-lead': await signIn(app, store, 'service-lead', { themes: ['child-protection'] }),
      analyst: await signIn(app, store, 'analyst'),
      admin: await signIn(app, store, 'admin'),
    };
    const viewerId = (store.db.$client.prepare("select id from users where role = 'viewer'").get() as { id: number })
      .id;
    const key = { indicatorId: 'cp-repeat-plans', la: '855', period: '2018-19-Q1' };
    const ROUTES: Array<{
      name: string;
      request: InjectOptions;
      allowed: Record<string, number>;
    }> = [
      {
        name: 'load a file',
        request: {
          method: 'POST',
          url: '/api/loads?fileName=more.csv',
          headers: { 'content-type': 'text/csv' },
          payload: `${HEADER}\ncp-repeat-plans,201718,Financial year Q4,Local authority,855,15.0,30,200\n`,
        },
        allowed: { analyst: 201 },
      },
      { name: 'list loads', request: { method: 'GET', url: '/api/loads' }, allowed: { analyst: 200 } },
      {
        name: 'set a target',
        request: { method: 'PUT', url: '/api/targets', payload: { ...key, value: 10, tolerance: null } },
        allowed: { 'service-lead': 200 },
      },
      {
        name: 'override a RAG',
        request: {
          method: 'POST',
          url: '/api/overrides',
          payload: { ...key, status: 'amber', reason: 'Data quality in May' },
        },
        allowed: { 'service-lead': 201 },
      },
      {
        name: 'write commentary',
        request: { method: 'POST', url: '/api/commentary', payload: { ...key, text: 'Fifteen children.' } },
        allowed: { 'service-lead': 201, analyst: 201 },
      },
      {
        name: 'write the key message',
        request: {
          method: 'POST',
          url: '/api/key-message',
          payload: { la: '855', period: '2018-19-Q1', text: 'Stability held.' },
        },
        allowed: { 'service-lead': 201, analyst: 201 },
      },
      {
        name: "choose an indicator's RAG rule",
        request: { method: 'PUT', url: '/api/indicators/cp-repeat-plans/rag-rule', payload: { rule: 'target' } },
        allowed: { analyst: 200, admin: 200 },
      },
      {
        name: 'create a user',
        request: { method: 'POST', url: '/api/users', payload: { email: 'new@example.org', role: 'viewer' } },
        allowed: { admin: 201 },
      },
      {
        name: 'change a user',
        request: { method: 'PATCH', url: `/api/users/${viewerId}`, payload: { disabled: false } },
        allowed: { admin: 200 },
      },
      {
        name: 'change settings',
        request: {
          method: 'PUT',
          url: '/api/settings',
          payload: {
            publicRead: false,
            suppressionThreshold: 5,
            homeLa: '855',
            serviceName: 'Children and Family Services',
          },
        },
        allowed: { admin: 200 },
      },
      {
        name: 'choose the scorecard set',
        request: { method: 'PUT', url: '/api/scorecard-set', payload: { indicators: ['cp-repeat-plans'] } },
        allowed: { analyst: 200, admin: 200 },
      },
      { name: 'read the audit log', request: { method: 'GET', url: '/api/audit' }, allowed: { admin: 200 } },
      { name: 'list users', request: { method: 'GET', url: '/api/users' }, allowed: { admin: 200 } },
      {
        name: 'revert a load',
        request: { method: 'POST', url: `/api/loads/${loadId}/revert` },
        allowed: { analyst: 200 },
      },
    ];
    const results: string[] = [];
    for (const route of ROUTES) {
      // Refused roles first, so the allowed one finds the state unchanged.
      const order = ['anonymous', 'viewer', 'service-lead', 'analyst', 'admin'].sort(
        (a, b) => Number(a in route.allowed) - Number(b in route.allowed),
      );
      for (const role of order) {
        const before = snapshot(store);
        const response = await callers[role]!.inject(route.request);
        const expected = route.allowed[role] ?? (role === 'anonymous' ? 401 : 403);
        results.push(
          `${route.name} as ${role}: ${response.statusCode}${response.statusCode === expected ? '' : ` (expected ${expected}) ${response.body.slice(0, 200)}`}`,
        );
        if (!(role in route.allowed)) expect(snapshot(store)).toEqual(before);
      }
    }
    expect(results.filter((r) => r.includes('expected'))).toEqual([]);
  }, 60_000);

  it('reads need sign-in while public read is off', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const response = await app.inject('/api/scorecard?la=855');
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({ code: 'sign_in_required', message: 'Sign in to do this.' });
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    expect((await app.inject('/api/session')).json()).toMatchObject({
      user: null,
      publicRead: false,
      noUsersYet: true,
    });
  });

  it("a service lead writes only for their own themes' indicators", async () => {
    const store = freshStore();
    const app = await testApp({ store });
    await withFigures(store);
    const lead = await signIn(app, store, 'service-lead', { themes: ['children-in-care'] });
    const response = await lead.inject({
      method: 'PUT',
      url: '/api/targets',
      payload: { indicatorId: 'cp-repeat-plans', la: '855', period: '2018-19-Q1', value: 10 },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe('You lead children-in-care; this indicator is in child-protection.');
  });
});

describe('sessions', () => {
  async function setup() {
    const store = freshStore();
    const app = await testApp({ store });
    const user = await signIn(app, store, 'viewer');
    return { store, app, user };
  }

  it('the cookie is HttpOnly and SameSite=Lax, the id long and random, and only its hash is stored', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    await createUser(store.db, { email: 'a@example.org', role: 'viewer', password: TEST_PASSWORD });
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@example.org', password: TEST_PASSWORD },
    });
    const cookies = [response.headers['set-cookie']].flat() as string[];
    const cookie = cookies.find((c) => c.startsWith('indicate_session='))!;
    expect(cookie).toMatch(/^indicate_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    // The device cookie (sign-in throttling) goes only to the sign-in route, and scripts cannot read it.
    expect(cookies.find((c) => c.startsWith('indicate_device='))).toMatch(
      /; Path=\/api\/session; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    const id = cookie.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(store.db.$client.prepare('select * from sessions').all())).not.toContain(id);
    expect(response.body).not.toContain('scrypt');
  });

  it('ends after 30 minutes without a request', async () => {
    const { store, user } = await setup();
    expect((await user.inject('/api/periods?la=855')).statusCode).not.toBe(401);
    store.db.$client
      .prepare('update sessions set last_seen_at = ?')
      .run(new Date(Date.now() - 31 * 60 * 1000).toISOString());
    // Time passes: longer than a looked-up session is trusted without asking the database again.
    await new Promise((resolve) => setTimeout(resolve, SESSION_CACHE_MS + 50));
    expect((await user.inject('/api/periods?la=855')).statusCode).toBe(401);
    expect(store.db.$client.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
  });

  it('signing in again gives a new session id and ends the old one; signing out ends it', async () => {
    const { app, user } = await setup();
    const again = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: user.cookie },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const rotated = String(again.headers['set-cookie']).split(';')[0]!;
    expect(rotated).not.toBe(user.cookie);
    expect((await app.inject({ url: '/api/session', headers: { cookie: user.cookie } })).json().user).toBeNull();
    const csrf = again.json().csrfToken as string;
    // Signing out is a write like any other: without the page's token a forged request cannot do it.
    const forged = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: rotated } });
    expect(forged.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/session', headers: { cookie: rotated } })).json().user).not.toBeNull();
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: rotated, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/session', headers: { cookie: rotated } })).json().user).toBeNull();
  });

  it('a cookie-signed write without the CSRF token is refused, and changes nothing', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const admin = await signIn(app, store, 'admin');
    const count = () => store.db.$client.prepare('select count(*) as n from users').get();
    const before = count();
    for (const headers of [{ cookie: admin.cookie }, { cookie: admin.cookie, 'x-csrf-token': 'forged' }]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers,
        payload: { email: 'x@example.org', role: 'viewer' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_token_invalid');
    }
    expect(count()).toEqual(before);
  });

  it('failed sign-ins say the same whether or not the email exists, and are limited per account', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    await createUser(store.db, { email: 'lead@example.org', role: 'viewer', password: TEST_PASSWORD });
    const attempt = (email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
    const unknown = await attempt('nobody@example.org', 'wrong password 1');
    const wrong = await attempt('lead@example.org', 'wrong password 1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    for (let i = 0; i < 4; i++) await attempt('lead@example.org', 'wrong password 2');
    const locked = await attempt('lead@example.org', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const failures = store.db.$client
      .prepare("select count(*) as n from audit_log where action = 'sign-in-failed'")
      .get();
    expect(failures).toEqual({ n: 6 });
  }, 30_000);

  it('refuses short, common or email-like passwords', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const admin = await signIn(app, store, 'admin');
    for (const [password, words] of [
      ['short', 'at least 12 characters'],
      ['password1234', 'most common'],
      ['margaret-secret-9', 'must not contain the email'],
    ]) {
      const response = await admin.inject({
        method: 'POST',
        url: '/api/users',
        payload: { email: 'margaret@example.org', role: 'viewer', password },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain(words);
    }
  }, 30_000);
});

describe('a user an admin adds', () => {
  it('chooses their own password at first sign-in (the admin saw this one), and keeps their themes through a role change', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const admin = await signIn(app, store, 'admin');
    const created = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'asha@example.org',
        role: 'service-lead',
        themes: ['children-in-care'],
        password: 'a password the admin typed',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user.mustChangePassword).toBe(true);
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'asha@example.org', password: 'a password the admin typed' },
    });
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const id = created.json().user.id as number;
    const toAnalyst = await admin.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'analyst' } });
    expect(toAnalyst.statusCode, toAnalyst.body).toBe(200);
    const back = await admin.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'service-lead' } });
    expect(back.json().themes).toEqual(['children-in-care']);
  }, 30_000);
});

describe('headers', () => {
  it('every response carries the security headers; signed-in responses are not stored', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    // API answers: nothing may load from them or frame them.
    const anonymous = await app.inject('/api/health');
    expect(anonymous.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(anonymous.headers['x-content-type-options']).toBe('nosniff');
    // Anything else (the dashboard's pages and files, a page that is not there): the page policy.
    const page = await app.inject('/indicators/anything');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const viewer = await signIn(app, store, 'viewer');
    expect((await viewer.inject('/api/local-authorities')).headers['cache-control']).toBe('no-store');
  });
});

describe('the audit log', () => {
  it('records a load with who and when, and can be filtered and exported by an admin', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const analyst = await signIn(app, store, 'analyst');
    const admin = await signIn(app, store, 'admin');
    await analyst.inject({
      method: 'POST',
      url: '/api/loads?fileName=q1.csv',
      headers: { 'content-type': 'text/csv' },
      payload: FIGURES,
    });
    const rows = (await admin.inject('/api/audit?action=load')).json() as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: analyst.email, action: 'load', target: 'load 1' });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ fileName: 'q1.csv', new: 4 });
    const csv = await admin.inject('/api/audit?format=csv&action=sign-in');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')[0]).toBe('id,at,actor,action,target,before,after,address');
    expect(csv.body).toContain(analyst.email);
  });
});

describe('small-number suppression', () => {
  async function setup() {
    const store = freshStore();
    const app = await testApp({ store });
    await withFigures(store);
    writeSettings(store.db, { publicRead: true, suppressionThreshold: 5 });
    return { store, app };
  }

  it('public read: small counts and ratios are withheld in the scorecard, series and CSV', async () => {
    const { app } = await setup();
    const card = (await app.inject('/api/scorecard?la=855&period=2018-19-Q1')).json();
    const row = (id: string) => card.rows.find((r: { indicator: { id: string } }) => r.indicator.id === id);
    expect(row('cse-referrals').figure).toMatchObject({ value: null, symbol: 'c', suppressed: true });
    expect(row('cse-referrals').figure.symbolMeaning).toBe('not shown: small number (fewer than 5)');
    expect(row('placements-3-or-more').figure).toMatchObject({ value: null, numerator: null, denominator: null });
    // 48 of 50: the two children outside it would be revealed, so it is withheld too.
    expect(row('care-leavers-eet').figure).toMatchObject({ value: null, suppressed: true });
    expect(row('cp-repeat-plans').figure).toMatchObject({ value: 12, numerator: 30, suppressed: false });
    const series = (await app.inject('/api/indicators/cse-referrals/series?la=855')).json();
    expect(series.points[0].figure.value).toBeNull();
    const csv = (await app.inject('/api/scorecard?la=855&period=2018-19-Q1&format=csv')).body;
    const line = csv.split('\r\n').find((l) => l.includes(',cse-referrals,'))!;
    expect(line).not.toContain(',3,');
    expect(line).toContain(',c,');
  });

  it('signed-in users see the true values, marked as small numbers', async () => {
    const { store, app } = await setup();
    const viewer = await signIn(app, store, 'viewer');
    const card = (await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1')).json();
    const cse = card.rows.find((r: { indicator: { id: string } }) => r.indicator.id === 'cse-referrals');
    expect(cse.figure).toMatchObject({ value: 3, smallNumber: true, suppressed: false });
  });

  it('with public read off, anonymous visitors see nothing at all', async () => {
    const { store, app } = await setup();
    writeSettings(store.db, { publicRead: false, suppressionThreshold: 5 });
    expect((await app.inject('/api/scorecard?la=855&period=2018-19-Q1')).statusCode).toBe(401);
  });
});

describe('passwords: an admin reset and a change of your own', () => {
  it('a reset gives a one-time password that signs in only to choose a new one; then everything works again', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const admin = await signIn(app, store, 'admin');
    const viewer = await signIn(app, store, 'viewer');
    const id = (store.db.$client.prepare('select id from users where email = ?').get(viewer.email) as { id: number })
      .id;
    const reset = await admin.inject({ method: 'POST', url: `/api/users/${id}/password` });
    expect(reset.statusCode).toBe(200);
    const { generatedPassword, user } = reset.json() as {
      generatedPassword: string;
      user: { mustChangePassword: boolean };
    };
    expect(user.mustChangePassword).toBe(true);
    expect(generatedPassword.length).toBeGreaterThanOrEqual(12);
    // The old session has ended, and neither the old password nor anything else works but the change.
    expect((await viewer.inject('/api/scorecard?la=855')).statusCode).toBe(401);
    const old = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: viewer.email, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: viewer.email, password: generatedPassword },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const csrf = signedIn.json().csrfToken as string;
    const asUser = (o: { method?: 'GET' | 'PUT'; url: string; payload?: object }) =>
      app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf } });
    const refused = await asUser({ url: '/api/scorecard?la=855' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('password_change_required');
    // The change: the current one checked, the rules applied, the same password refused.
    const wrong = await asUser({
      method: 'PUT',
      url: '/api/session/password',
      payload: { current: 'not it at all', password: 'a brand new long password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/^current:/);
    const short = await asUser({
      method: 'PUT',
      url: '/api/session/password',
      payload: { current: generatedPassword, password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/^password: The password must be at least/);
    const changed = await asUser({
      method: 'PUT',
      url: '/api/session/password',
      payload: { current: generatedPassword, password: 'a brand new long password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await asUser({ url: '/api/scorecard-set' })).statusCode).toBe(200);
    expect((await asUser({ url: '/api/session' })).json().user.mustChangePassword).toBe(false);
    const actions = readAudit(store.db, { limit: 20 }).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['password-reset', 'password-change']));
    expect(JSON.stringify(readAudit(store.db, { limit: 50 }))).not.toContain(generatedPassword);
  }, 30_000);

  it('only an admin resets, and only the signed-in user changes their own', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const analyst = await signIn(app, store, 'analyst');
    const viewer = await signIn(app, store, 'viewer');
    const id = (store.db.$client.prepare('select id from users where email = ?').get(viewer.email) as { id: number })
      .id;
    expect((await analyst.inject({ method: 'POST', url: `/api/users/${id}/password` })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/users/${id}/password` })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/session/password', payload: { current: 'x', password: 'y' } }))
        .statusCode,
    ).toBe(401);
    // A signed-in change without the page's token is refused.
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/session/password',
          headers: { cookie: viewer.cookie },
          payload: { current: TEST_PASSWORD, password: 'another long password here' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
