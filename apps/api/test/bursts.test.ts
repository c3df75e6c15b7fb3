import { describe, expect, it } from 'vitest';
import { liveServer } from './live-server.ts';

/**
 * The newer routes attacked as an outsider and a hurried analyst would: the same write sent twice at
 * once, many reads with hostile values at once, odd spellings of ids. A real server on a loopback port,
 * its loads and re-applies on worker threads over a real database file.
 */

const FIGURES =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator\n' +
  'placements-3-or-more,201819,Financial year Q1,Local authority,855,8.3,48,578\n';

describe('bursts at the newer routes', () => {
  it('re-applying the same undone load twice at once writes it once; the other is told why', async () => {
    const server = await liveServer();
    const loaded = await server.post('/api/loads', FIGURES, { 'content-type': 'text/csv' });
    expect(loaded.status).toBe(201);
    const { loadId } = (await loaded.json()) as { loadId: number };
    expect((await server.post(`/api/loads/${loadId}/revert`)).status).toBe(200);

    const answers = await Promise.all([1, 2, 3].map(() => server.post(`/api/loads/${loadId}/reapply`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(((await a.json()) as { error: { code: string } }).error.code).toBe('already_reapplied');
    }
    const c = server.store.db.$client;
    expect(c.prepare('select count(*) from loads where reapplies_load_id = ?').pluck().get(loadId)).toBe(1);
    expect(
      c
        .prepare(
          "select count(*) from observations where indicator_id = 'placements-3-or-more' and geography_code = '855' and period_id = '2018-19-Q1'",
        )
        .pluck()
        .get(),
    ).toBe(1);
  });

  it('changing the scorecard set from several tabs at once leaves one whole set, every change audited', async () => {
    const server = await liveServer();
    const sets = [
      ['cic-count', 'cp-repeat-plans'],
      ['cic-rate-per-10000'],
      ['placements-3-or-more', 'cp-plans-2-years', 'cic-count'],
      ['rereferrals-12-months'],
    ];
    const answers = await Promise.all(
      sets.map((indicators) =>
        fetch(`${server.base}/api/scorecard-set`, {
          method: 'PUT',
          headers: { ...server.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ indicators }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const stored = (await (await server.get('/api/scorecard-set')).json()) as { indicators: Array<{ id: string }> };
    expect(sets).toContainEqual(stored.indicators.map((i) => i.id));
    const audited = server.store.db.$client
      .prepare("select count(*) from audit_log where action = 'scorecard-set-change'")
      .pluck()
      .get();
    expect(audited).toBe(4);
  });

  it('answers forty hostile reads sent at once with 200 or a 4xx naming the fault, never a 500, and stays up', async () => {
    const server = await liveServer({}, { bundled: true });
    const urls = [
      '/api/compare?la=855,830&indicator=cic-count',
      '/api/compare?la=855,855,855&indicator=cic-count',
      `/api/compare?la=${Array.from({ length: 40 }, (_, i) => 800 + i).join(',')}&indicator=cic-count`,
      '/api/compare?la=855&indicator=' + 'x'.repeat(5000),
      '/api/compare?la=855&indicator=cic-count&indicator=cic-count',
      '/api/compare?la=%00&indicator=cic-count',
      '/api/compare?la=855&indicator=..%2F..%2Fetc%2Fpasswd',
      '/api/compare?la=855&indicator=cic-count&format=pdf',
      '/api/compare?la[]=855&indicator=cic-count',
      '/api/indicators/cic-count/all-councils?la=855',
      '/api/indicators/cic-count/all-councils?period=2024-25',
      '/api/indicators/cic-count/all-councils?period=9999-00',
      '/api/indicators/cic-count/all-councils?period=2024-25-Q9',
      '/api/indicators/%2e%2e%2fcic-count/all-councils',
      '/api/indicators/cic-count%00/all-councils',
      '/api/indicators/CIC-COUNT/all-councils',
      '/api/indicators/cic-count%2Fall-councils',
      `/api/indicators/${'a'.repeat(3000)}/all-councils`,
      '/api/indicators/cic-count/all-councils?la=855&format=csv',
      '/api/indicators/cic-count/all-councils?la=855&extra=1',
      '/api/loads/1/reapply',
      '/api/scorecard-set?x=%ZZ',
    ];
    const burst = [...urls, ...urls].slice(0, 40);
    const answers = await Promise.all(
      burst.map(async (url) => {
        const method = url.includes('/reapply') ? 'POST' : 'GET';
        const r = await fetch(`${server.base}${url}`, { method, headers: server.headers });
        return { url, status: r.status, body: await r.text() };
      }),
    );
    for (const a of answers) {
      expect(a.status, a.url).not.toBeGreaterThanOrEqual(500);
      if (a.status >= 400) {
        const message = (JSON.parse(a.body) as { error: { message: string } }).error.message;
        expect(message.length, a.url).toBeGreaterThan(10);
      }
    }
    // The ordinary reads in the burst were answered as usual.
    expect(answers.find((a) => a.url === '/api/compare?la=855,830&indicator=cic-count')!.status).toBe(200);
    expect(answers.find((a) => a.url === '/api/indicators/cic-count/all-councils?la=855')!.status).toBe(200);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });
});
