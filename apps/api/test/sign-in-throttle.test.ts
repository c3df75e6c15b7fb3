import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reserveSignIn, SIGN_IN_THROTTLE } from '../src/auth/throttle.ts';
import { createUser } from '../src/auth/users.ts';
import { openStore } from '../src/store.ts';
import { DATA_DIR, freshStore, testApp } from './helpers.ts';
import { TEST_PASSWORD } from './sign-in.ts';

/**
 * Sign-in throttling, tested as the attacks that found it wanting: guesses sent all at once, an owner
 * locked out by someone else's guesses, an office locked out by one address's guesses, and a restart.
 */

const OWNER = 'owner@example.org';
const ATTACKER = '127.0.0.1'; // a real socket's address in the concurrent test
const ELSEWHERE = '198.51.100.7';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (apps.length) await apps.pop()!.close();
});

async function setup() {
  const store = freshStore();
  await createUser(store.db, { email: OWNER, role: 'viewer', password: TEST_PASSWORD });
  const app = await testApp({ store });
  apps.push(app);
  return { store, app };
}

function attempt(app: FastifyInstance, email: string, password: string, remoteAddress: string) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });
}

/** Time passes for the throttle: every recorded attempt becomes `ms` older. */
function age(store: ReturnType<typeof freshStore>, ms: number) {
  store.db.$client.prepare('update sign_in_failures set at = at - ?').run(ms);
}

describe('sign-in throttling', () => {
  it('30 simultaneous wrong guesses over real HTTP get at most 5 password checks; the owner then signs in from elsewhere', async () => {
    const { app } = await setup();
    await app.listen({ port: 0, host: ATTACKER });
    const { port } = app.server.address() as AddressInfo;
    // Every password check is one scrypt run: count them.
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const guess = (i: number) =>
      fetch(`http://${ATTACKER}:${port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: OWNER, password: `wrong guess number ${i}` }),
      }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() }));
    // Three bursts of 30: the hashing gate checks at most two of a burst for one account (one running, one
    // waiting) and refuses the rest at once; the throttle stops the pair at five checks in all.
    const guesses = [];
    for (let burst = 0; burst < 4; burst++) {
      guesses.push(...(await Promise.all(Array.from({ length: 30 }, (_, i) => guess(burst * 30 + i)))));
    }
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_THROTTLE.perPair);
    expect(statuses.filter((s) => s === 429)).toHaveLength(120 - SIGN_IN_THROTTLE.perPair);
    expect(scrypt).toHaveBeenCalledTimes(SIGN_IN_THROTTLE.perPair);
    for (const refused of guesses.filter((g) => g.status === 429)) {
      const error = JSON.parse(refused.body).error;
      // Either the gate's "already under way" (no check, not counted) or the throttle's 15 minutes.
      if (error.code === 'password_check_busy') continue;
      expect(Number(refused.retryAfter)).toBeGreaterThan(14 * 60);
      expect(error.message).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/);
    }
    // The last burst came after the fifth failure: all of it refused by the throttle.
    expect(guesses.slice(90).every((g) => JSON.parse(g.body).error.code === 'too_many_attempts')).toBe(true);
    // The right password from the attacker's address is refused too, without a check...
    scrypt.mockClear();
    const fromAttacker = await attempt(app, OWNER, TEST_PASSWORD, ATTACKER);
    expect(fromAttacker.statusCode).toBe(429);
    expect(scrypt).not.toHaveBeenCalled();
    // ...but the owner, from their own address, is let in.
    const owner = await attempt(app, OWNER, TEST_PASSWORD, ELSEWHERE);
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.email).toBe(OWNER);
  }, 60_000);

  it('survives a restart: a new app on the same database file still refuses the guessing address', async () => {
    const { store, app } = await setup();
    for (let i = 0; i < SIGN_IN_THROTTLE.perPair; i++) {
      expect((await attempt(app, OWNER, `wrong ${i}`, ATTACKER)).statusCode).toBe(401);
    }
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    store.db.$client.close();

    const reopened = openStore({ dbPath: store.dbPath, dataDir: DATA_DIR });
    try {
      const restarted = await testApp({ store: reopened });
      apps.push(restarted);
      const again = await attempt(restarted, OWNER, TEST_PASSWORD, ATTACKER);
      expect(again.statusCode).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect((await attempt(restarted, OWNER, TEST_PASSWORD, ELSEWHERE)).statusCode).toBe(200);
    } finally {
      await apps.pop()?.close();
      reopened.db.$client.close();
    }
  }, 60_000);

  it('thirty failures from one address slow the people behind it for seconds, not lock them out for 15 minutes', async () => {
    const { store, app } = await setup();
    const office = '203.0.113.20';
    // Password spraying from one address: a different (unknown) account each time. Five go through the
    // server (the hashing gate checks one at a time from an address); the rest are counted by the throttle
    // itself, as the server counts them (thirty password checks from one address take 25 s here).
    const sprayed = await Promise.all(
      Array.from({ length: 5 }, (_, i) => attempt(app, `someone${i}@example.org`, 'Summer2026!!', office)),
    );
    expect(sprayed.map((r) => r.statusCode)).toEqual(sprayed.map(() => 401));
    for (let i = 5; i < SIGN_IN_THROTTLE.addressSlowAfter; i++) {
      expect(reserveSignIn(store.db, `someone${i}@example.org`, office).ok).toBe(true);
    }
    // What is tested is the rule (slowed for 10 s after the latest failure), so the failures are dated as if
    // the spray had just ended.
    store.db.$client.prepare('update sign_in_failures set at = ?').run(Date.now());
    // A colleague behind the same address: slowed (one check per 10 s from it)...
    const slowed = await attempt(app, OWNER, TEST_PASSWORD, office);
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_THROTTLE.slowIntervalMs / 1000);
    expect(slowed.json().error.message).toMatch(/Try again in \d+ seconds?\.$/);
    // ...and in 10 seconds, in.
    age(store, SIGN_IN_THROTTLE.slowIntervalMs + 1000);
    expect((await attempt(app, OWNER, TEST_PASSWORD, office)).statusCode).toBe(200);
  }, 60_000);

  it('guesses at one account from many addresses slow it (one check per 10 s), never lock it', async () => {
    const { store, app } = await setup();
    const guesses = [];
    for (let i = 0; i < SIGN_IN_THROTTLE.accountSlowAfter + 5; i++) {
      guesses.push(await attempt(app, OWNER, `wrong ${i}`, `192.0.2.${(i % 5) + 1}`));
    }
    const statuses = guesses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_THROTTLE.accountSlowAfter);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    // From an address that has guessed too (the owner's at a clean address is rule 5's, tested below).
    const slowed = await attempt(app, OWNER, TEST_PASSWORD, '192.0.2.1');
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_THROTTLE.slowIntervalMs / 1000);
    age(store, SIGN_IN_THROTTLE.slowIntervalMs + 1000);
    expect((await attempt(app, OWNER, TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(200);
  }, 60_000);

  it('a success clears its own pair; failures older than the window neither count nor stay', async () => {
    const { store, app } = await setup();
    const count = (where = '1 = 1') =>
      (store.db.$client.prepare(`select count(*) as n from sign_in_failures where ${where}`).get() as { n: number }).n;
    for (let i = 0; i < SIGN_IN_THROTTLE.perPair - 1; i++) await attempt(app, OWNER, `wrong ${i}`, ELSEWHERE);
    expect(count()).toBe(SIGN_IN_THROTTLE.perPair - 1);
    expect((await attempt(app, OWNER, TEST_PASSWORD, ELSEWHERE)).statusCode).toBe(200);
    expect(count()).toBe(0);

    for (let i = 0; i < SIGN_IN_THROTTLE.perPair; i++) await attempt(app, OWNER, `wrong ${i}`, ATTACKER);
    expect((await attempt(app, OWNER, TEST_PASSWORD, ATTACKER)).statusCode).toBe(429);
    age(store, SIGN_IN_THROTTLE.windowMs + 1000);
    // Pruning runs at most once a minute per connection; a new app on a new connection prunes at once.
    const reopened = openStore({ dbPath: store.dbPath, dataDir: DATA_DIR });
    try {
      const restarted = await testApp({ store: reopened });
      apps.push(restarted);
      expect((await attempt(restarted, OWNER, 'wrong again', ATTACKER)).statusCode).toBe(401);
      expect(count()).toBe(1);
      expect((await attempt(restarted, OWNER, TEST_PASSWORD, ATTACKER)).statusCode).toBe(200);
      expect(count()).toBe(0);
    } finally {
      await apps.pop()?.close();
      reopened.db.$client.close();
    }
  }, 60_000);

  it('an unknown email is counted and answered exactly as a known one', async () => {
    const { app } = await setup();
    const known = [];
    const unknown = [];
    for (let i = 0; i <= SIGN_IN_THROTTLE.perPair; i++) {
      known.push(await attempt(app, OWNER, `wrong ${i}`, ATTACKER));
      unknown.push(await attempt(app, 'nobody@example.org', `wrong ${i}`, ATTACKER));
    }
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
    expect(unknown.map((r) => r.json())).toEqual(known.map((r) => r.json()));
    expect(known.at(-1)!.statusCode).toBe(429);
  }, 60_000);
});

describe('the owner’s own browser (device cookie)', () => {
  it('signs in at once while strangers polling from address after address keep the account slowed', async () => {
    const { app } = await setup();
    // The owner signed in once from their laptop: the browser keeps a device cookie for this account.
    const first = await attempt(app, OWNER, TEST_PASSWORD, '203.0.113.10');
    expect(first.statusCode).toBe(200);
    const device = ([first.headers['set-cookie']].flat() as string[])
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('indicate_device='))!;
    expect(device).toBeDefined();
    // Strangers guess from ten addresses, three each: the account is slowed for everyone else.
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 3; j++) await attempt(app, OWNER, `wrong guess ${i}.${j}`, `192.0.2.${i + 1}`);
    }
    // Without the cookie, from an address a stranger has used, the owner waits for the account's slot.
    const withoutDevice = await attempt(app, OWNER, TEST_PASSWORD, '192.0.2.2');
    expect(withoutDevice.statusCode).toBe(429);
    // The owner's browser, from the address it shares with a stranger who has guessed too: straight in.
    await attempt(app, OWNER, 'a stranger in the office', '192.0.2.1');
    const owner = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: OWNER, password: TEST_PASSWORD },
      remoteAddress: '192.0.2.1',
      headers: { cookie: device },
    });
    expect(owner.statusCode, owner.body).toBe(200);
  }, 60_000);

  it('does not help with another account, and a forged cookie is just a stranger', async () => {
    const { store, app } = await setup();
    await createUser(store.db, { email: 'other@example.org', role: 'viewer', password: TEST_PASSWORD });
    const mine = await attempt(app, 'other@example.org', TEST_PASSWORD, '203.0.113.20');
    const device = ([mine.headers['set-cookie']].flat() as string[])
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('indicate_device='))!;
    for (let i = 0; i < 12; i++) await attempt(app, OWNER, `wrong guess ${i}`, `192.0.2.${i + 1}`);
    for (const cookie of [device, 'indicate_device=forged.value', 'indicate_device=']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: OWNER, password: TEST_PASSWORD },
        // An address that has guessed at the account: a clean one would have rule 5's slot of its own.
        remoteAddress: '192.0.2.3',
        headers: { cookie },
      });
      expect(response.statusCode, cookie).toBe(429);
    }
  }, 60_000);
});
