import os from 'node:os';
import { DomainError } from '../domain-error.ts';

/**
 * Password hashing is the one expensive thing an anonymous caller can ask for: one scrypt run takes about
 * 0.8 s of a core and 128 MB here. Unbounded, 96 at once from one signed-in viewer held another user's
 * sign-in for 41 s and the dashboard's page for 14.8 s (scrypt runs on libuv's pool, which also reads
 * files). So every hash goes through this gate:
 *
 * - at most `concurrent` run at once (the cores, at most 4, so some of libuv's pool stays free for files);
 * - each account, and each address a request came from, has at most one run going; an account at most one
 *   waiting, an address four (an office shares one); a further request is refused at once ("a password
 *   check for this account or from this address is already under way") instead of queueing: a burst from
 *   one place costs that place, not everyone, and leaves a slot free for others;
 * - the waiting list is bounded (`waiting`), and a request that would wait longer is refused (503),
 *   never held;
 * - a run whose key is free starts before earlier waiters whose keys are busy, so one requester's queue
 *   never stands in front of another's.
 */
export type GateLimits = {
  concurrent: number;
  /** Runs that may wait in all. */
  waiting: number;
  /** Runs that may wait per account (one is running). */
  waitingPerAccount: number;
  /** Runs that may wait per address: more than per account, as an office shares one address. */
  waitingPerAddress: number;
};

export const HASHING_LIMITS: GateLimits = {
  concurrent: Math.max(1, Math.min(4, os.availableParallelism())),
  waiting: 32,
  waitingPerAccount: 1,
  waitingPerAddress: 4,
};

type Keys = { account: string; address: string };
type Waiter = { keys: string[]; start: () => void };

export class HashingGate {
  private running = 0;
  private readonly waiters: Waiter[] = [];
  /** Per key: runs going and waiting. */
  private readonly held = new Map<string, { running: number; waiting: number }>();

  constructor(private readonly limits: GateLimits = HASHING_LIMITS) {}

  /** Runs `task` (a hash) when a slot is free for its account and address; refuses at once when it cannot be fair. */
  async run<T>(who: Keys, task: () => Promise<T>): Promise<T> {
    const account = `account:${who.account}`;
    const address = `address:${who.address}`;
    const keys = [account, address];
    if ((this.held.get(account)?.waiting ?? 0) >= this.limits.waitingPerAccount) throw busy();
    if ((this.held.get(address)?.waiting ?? 0) >= this.limits.waitingPerAddress) throw busy();
    if (this.running < this.limits.concurrent && this.free(keys)) {
      this.grant(keys);
    } else {
      if (this.waiters.length >= this.limits.waiting) throw overloaded();
      for (const key of keys) this.counts(key).waiting++;
      // Resolved by dispatch() with the slot already granted.
      await new Promise<void>((resolve) => this.waiters.push({ keys, start: resolve }));
    }
    try {
      return await task();
    } finally {
      this.running--;
      for (const key of keys) {
        const h = this.counts(key);
        h.running--;
        if (h.running === 0 && h.waiting === 0) this.held.delete(key);
      }
      this.dispatch();
    }
  }

  /** How many hashes are running and waiting (for tests and the health of the process). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiters.length };
  }

  private free(keys: readonly string[]): boolean {
    return keys.every((k) => (this.held.get(k)?.running ?? 0) === 0);
  }

  private grant(keys: readonly string[]): void {
    this.running++;
    for (const key of keys) this.counts(key).running++;
  }

  /** Starts the earliest waiters whose keys are all free, while slots are free. */
  private dispatch(): void {
    for (let i = 0; i < this.waiters.length && this.running < this.limits.concurrent;) {
      const w = this.waiters[i]!;
      if (!this.free(w.keys)) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      for (const key of w.keys) this.counts(key).waiting--;
      this.grant(w.keys);
      w.start();
    }
  }

  private counts(key: string) {
    let h = this.held.get(key);
    if (!h) this.held.set(key, (h = { running: 0, waiting: 0 }));
    return h;
  }
}

/** The gate's refusal: no password was checked. */
export class GateRefusal extends DomainError {}

function busy(): DomainError {
  return new GateRefusal(
    'too_many_attempts',
    'password_check_busy',
    'A password check for this account or from this address is already under way. Try again in a moment.',
  );
}

function overloaded(): DomainError {
  return new GateRefusal(
    'unavailable',
    'password_checks_busy',
    'The server is busy checking passwords. Try again in a few seconds.',
  );
}

/** The one gate every password hash in this process goes through. */
export const hashingGate = new HashingGate();
