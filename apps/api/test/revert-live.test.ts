import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LoadReportSchema, LoadSummarySchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { writeSyntheticTemplate } from '../bench/generate.ts';
import { tempDir } from './helpers.ts';
import { liveServer, pollHealth } from './live-server.ts';

/**
 * A 20,000-figure load committed and reverted through the real server while /api/health is asked every
 * 100 ms: long writes run on a worker thread, so every other request is answered meanwhile, and the
 * next read sees what the worker wrote.
 */

const FIGURES = 20_000;

describe('long loads and reverts through the server', () => {
  it('commit and revert 20,000 figures while /api/health answers within a second', async () => {
    const server = await liveServer();
    const db = server.store.db.$client;
    const las = db.prepare('select old_la_code from local_authorities').pluck().all() as string[];
    const file = path.join(tempDir(), 'figures.csv');
    await writeSyntheticTemplate(file, FIGURES, las);
    const body = fs.readFileSync(file);
    const series = `/api/indicators/cic-count/series?la=${las[0]}`;
    const points = async () => ((await (await server.get(series)).json()) as { points: unknown[] }).points.length;
    const before = await points();

    // How long the event loop was ever held up (nanoseconds), besides the health answers themselves.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let health = pollHealth(server.base);
    let started = performance.now();
    const commit = await server.post('/api/loads?fileName=figures.csv&confirmJumps=true', body, {
      'content-type': 'text/csv',
    });
    const commitMs = performance.now() - started;
    let polled = await health.stop();
    expect(commit.status).toBe(201);
    const report = LoadReportSchema.parse(await commit.json());
    expect(report.counts.new).toBe(FIGURES);
    expect(polled.failures).toBe(0);
    expect(Math.max(...polled.latencies), 'health latency during the commit').toBeLessThan(1000);
    expect(polled.longestGap).toBeLessThan(1100);
    const commitDelayMs = delay.max / 1e6;
    expect(commitDelayMs, 'event loop held up during the commit').toBeLessThan(500);
    // The worker's write is seen by the very next read in the server's thread (the cache knows).
    expect(await points()).toBeGreaterThan(before);

    delay.reset();
    health = pollHealth(server.base);
    started = performance.now();
    const revert = await server.post(`/api/loads/${report.loadId}/revert`);
    const revertMs = performance.now() - started;
    polled = await health.stop();
    expect(revert.status).toBe(200);
    expect(LoadSummarySchema.parse(await revert.json())).toMatchObject({
      revertsLoadId: report.loadId,
      rowsRemoved: FIGURES,
    });
    expect(polled.failures).toBe(0);
    expect(Math.max(...polled.latencies), 'health latency during the revert').toBeLessThan(1000);
    expect(polled.longestGap).toBeLessThan(1100);
    expect(revertMs).toBeLessThan(5000);
    const revertDelayMs = delay.max / 1e6;
    delay.disable();
    expect(revertDelayMs, 'event loop held up during the revert').toBeLessThan(500);
    expect(await points()).toBe(before);
    expect(db.prepare('select count(*) from observations where load_id = ?').pluck().get(report.loadId)).toBe(0);
    console.log(
      `${FIGURES} figures: commit ${Math.round(commitMs)} ms, revert ${Math.round(revertMs)} ms; ` +
        `event loop held up at most ${Math.round(commitDelayMs)} ms (commit), ${Math.round(revertDelayMs)} ms (revert); ` +
        `health during revert max ${Math.round(Math.max(...polled.latencies))} ms over ${polled.latencies.length} polls`,
    );
  }, 120_000);
});
