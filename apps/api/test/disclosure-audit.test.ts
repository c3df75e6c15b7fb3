import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AllCouncils } from '@indicate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStore, loadExampleReturns } from '../src/audit/audit-store.ts';
import { auditDisclosure, viewsOf } from '../src/audit/disclosure-audit.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { ReadService } from '../src/reads/service.ts';
import { openStore, type Store } from '../src/store.ts';
import { DATA_DIR, copyOfBundledDb } from './helpers.ts';

/**
 * Issue 21's audit: over all the bundled data and the example returns, the linear-programming attacker
 * (HiGHS) narrows no withheld cell to fewer whole numbers than the threshold. And it is a real attacker:
 * on a public view with primary suppression only (region and England totals and related percentages left
 * shown) it finds the exposures the issue found.
 */

let store: Store;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-audit-test-'));
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  writeSettings(store.db, { publicRead: true });
  await loadExampleReturns(store, DATA_DIR);
}, 180_000);

afterAll(() => {
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the disclosure audit', () => {
  it('finds no withheld cell narrower than the threshold in the bundled data and the example returns', async () => {
    const report = await auditStore(store);
    expect(report.inconsistent).toEqual([]);
    expect(report.withheld).toBeGreaterThan(500);
    expect(report.exposures.slice(0, 10)).toEqual([]);
  }, 900_000);

  it('finds the issue’s exposures on primary suppression alone', async () => {
    const service = new ReadService(store.db, store.catalogue);
    const views = viewsOf(service);
    // The leaky view: every council's small number masked, everything else (totals, percentages) as is.
    const leaky = {
      ...views,
      allCouncils(id: string, period: string, view: 'full' | 'public'): AllCouncils | null {
        const full = views.allCouncils(id, period, 'full');
        if (!full || view === 'full') return full;
        return {
          ...full,
          rows: full.rows.map((r) =>
            r.value !== null && r.value < 5 && full.indicator.unit === 'count'
              ? { ...r, value: null, suppressed: true }
              : r,
          ),
        };
      },
    };
    const periods = store.db.$client
      .prepare(
        `select distinct period_id as p from observations where indicator_id = 'lait-no-of-lac-adopted' and geography_level = 'local-authority'`,
      )
      .all() as Array<{ p: string }>;
    const report = await auditDisclosure(leaky, store.catalogue, {
      threshold: 5,
      periodsOf: () => periods.map((r) => r.p),
      breakdownKeys: [],
      measures: ['lait-no-of-lac-adopted'],
    });
    expect(report.exposures.length).toBeGreaterThan(0);
  }, 300_000);
});
