import { afterEach } from 'vitest';
import { buildApp, type AppOptions } from '../src/app.ts';
import { bundledStore, freshStore } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * The real app listening on a loopback port, with an analyst signed in, for tests that need real
 * connections: slow or aborted uploads, and other requests answered while a long job runs.
 */
const open: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

export async function liveServer(options: Omit<AppOptions, 'store'> = {}, { bundled = false } = {}) {
  const store = bundled ? bundledStore() : freshStore();
  const app = await buildApp({ store, ...options });
  const session = await signIn(app, store, 'analyst');
  await app.listen({ port: 0, host: '127.0.0.1' });
  open.push(() => app.close());
  const port = (app.server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  const post = (url: string, body?: RequestInit['body'], extra: Record<string, string> = {}) =>
    fetch(`${base}${url}`, { method: 'POST', body, headers: { ...headers, ...extra } });
  const get = (url: string) => fetch(`${base}${url}`, { headers });
  return { store, app, port, base, headers, post, get };
}

export type HealthPoll = { stop: () => Promise<{ latencies: number[]; longestGap: number; failures: number }> };

/**
 * Asks GET /api/health every `everyMs` until stopped; reports each answer's latency and the longest
 * time between two answers (both grow if anything blocks the event loop).
 */
export function pollHealth(base: string, everyMs = 100): HealthPoll {
  const latencies: number[] = [];
  let failures = 0;
  let longestGap = 0;
  let last = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/api/health`);
        await response.arrayBuffer();
        if (response.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      const now = performance.now();
      latencies.push(now - started);
      longestGap = Math.max(longestGap, now - last);
      last = now;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { latencies, longestGap, failures };
    },
  };
}
