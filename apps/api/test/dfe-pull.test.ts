/**
 * Issue 23: pull, compare, approve. DfE is a real loopback server answering as its statistics API and EES's
 * content API do, from the bundled files' own rows (recorded-dfe.ts). Each test works on a copy of the bundled
 * database, or on an empty one to rebuild every bundled DfE figure from DfE's answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ScorecardSchema, type Catalogue } from '@indicate/contracts';
import { buildApp } from '../src/app.ts';
import { approvePull, discardPull, getPull, heldRelease, pullSource, PullRefused } from '../src/dfe/pull.ts';
import { DfeUnreachable } from '../src/dfe/client.ts';
import { DownloadMismatch, type DfeEndpoints } from '../src/dfe/releases.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { reapplyLoad } from '../src/loader/reapply.ts';
import type { Store } from '../src/store.ts';
import { bundledStore, freshStore, loadFigures } from './helpers.ts';
import { closedPort } from './dfe-stand-in.ts';
import {
  bundledCsv,
  bundledReleases,
  catalogueWithIds,
  nextFileId,
  nextRelease,
  renameColumn,
  startRecordedDfe,
  type ServedRelease,
} from './recorded-dfe.ts';
import { signIn } from './sign-in.ts';

const TODAY = new Date('2026-12-07T10:00:00Z');
const STABILITY = 'la_cla_placement_stability.csv'; // a data catalogue source
const C1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'; // on DfE's statistics API

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function dfe(catalogue: Catalogue, releases: Map<string, ServedRelease>) {
  const served = await startRecordedDfe(catalogue.sources, releases);
  stop = served.close;
  return served;
}

const options = (endpoints: DfeEndpoints) => ({
  by: 'analyst@example.org',
  endpoints,
  dataDir: `${import.meta.dirname}/../../../data`,
  now: () => TODAY,
});

/** Every figure a source's indicators have, by key: value, symbol and counts. */
function figuresOf(store: Store, catalogue: Catalogue, file: string): Map<string, string> {
  const ids = catalogue.indicators.filter((i) => i.dfe?.file === file).map((i) => i.id);
  const rows = store.db.$client
    .prepare(
      `select o.indicator_id, o.geography_level, o.geography_code, o.period_id, o.value, o.symbol, o.numerator, o.denominator
       from observations o join loads l on l.id = o.load_id
       where o.indicator_id in (select value from json_each(?)) and l.format = 'dfe-csv'`,
    )
    .all(JSON.stringify(ids)) as Array<Record<string, unknown>>;
  return new Map(
    rows.map((r) => [
      `${String(r.indicator_id)}|${String(r.geography_level)}|${String(r.geography_code)}|${String(r.period_id)}`,
      `${String(r.value)}|${String(r.symbol)}|${String(r.numerator)}|${String(r.denominator)}`,
    ]),
  );
}

describe('rebuilding the bundled figures from DfE’s answers', () => {
  it('gives exactly the bundled DfE figures, every measure, through both the API and the data catalogue', async () => {
    const bundled = bundledStore();
    const empty = freshStore();
    const catalogue = catalogueWithIds(empty.catalogue);
    const served = await dfe(catalogue, bundledReleases(catalogue.sources));
    const mapped = catalogue.sources.filter((s) => catalogue.indicators.some((i) => i.dfe?.file === s.file));
    expect(mapped.length).toBe(7);
    let compared = 0;
    for (const source of mapped) {
      // Against the bundled database: nothing new, nothing revised.
      const again = await pullSource(bundled.db, catalogue, source.file, options(served.endpoints));
      expect(again.report.counts, source.file).toMatchObject({ revised: 0, replaced: 0, newFigures: 0, errors: 0 });
      expect(again.report.newYears).toEqual([]);
      expect(again.report.columns).toEqual({ added: [], removed: [], needed: [] });
      // Into an empty database, approved: the same figures, to the last count.
      const pull = await pullSource(empty.db, catalogue, source.file, options(served.endpoints));
      expect(pull.approvable, JSON.stringify(pull.report.errors.slice(0, 3))).toBe(true);
      await approvePull(empty.db, catalogue, pull.id, { by: 'analyst@example.org', planHash: pull.planHash! });
      const want = figuresOf(bundled, catalogue, source.file);
      const got = figuresOf(empty, catalogue, source.file);
      const differences =
        [...want].filter(([k, v]) => got.get(k) !== v).length + [...got.keys()].filter((k) => !want.has(k)).length;
      expect(differences, source.file).toBe(0);
      expect(want.size).toBeGreaterThan(0);
      compared += want.size;
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(served.asked.some((a) => a.includes(`/statistics/v1/data-sets/`) && a.includes('/csv'))).toBe(true);
    expect(served.asked.some((a) => a.includes('/api/data-set-files/') && a.endsWith('/download'))).toBe(true);
  }, 240_000);
});

describe('DfE’s next release: a seeded 1% of figures revised and a year added', () => {
  for (const file of [STABILITY, C1]) {
    it(`names every revised figure and no other, then the benchmarks use the new year (${file})`, async () => {
      const store = bundledStore();
      const catalogue = catalogueWithIds(store.catalogue);
      const source = catalogue.sources.find((s) => s.file === file)!;
      const { csv, seeded } = nextRelease(store.db, catalogue, file);
      expect(seeded.length).toBeGreaterThan(10);
      const releases = bundledReleases(catalogue.sources);
      releases.set(file, {
        csv,
        version: source.apiDataSetId ? '2.0' : nextFileId(source),
        releaseTitle: 'Reporting year 2026',
        published: '2026-11-20',
        earlier: [{ version: '1.0', status: 'Published' }],
      });
      const served = await dfe(catalogue, releases);
      if (file === STABILITY) {
        // The council has its own year-end figure for 2025/26 before DfE publishes: still DfE's new year.
        await loadFigures(
          store,
          'indicator,time_period,time_identifier,geographic_level,old_la_code,value\nplacements-3-or-more,202526,Financial year,Local authority,855,9.9',
        );
      }
      const before = figuresOf(store, catalogue, file);
      const pull = await pullSource(store.db, catalogue, file, options(served.endpoints));
      const report = pull.report;
      expect(report.release).toMatchObject({
        source: file,
        releaseTitle: 'Reporting year 2026',
        published: '2026-11-20',
      });
      expect(report.held.releaseTitle).toBe('Reporting year 2025');
      expect(report.newYears.map((y) => y.id)).toEqual(['2025-26']);
      expect(report.counts.errors).toBe(0);
      expect(report.counts.replaced).toBe(file === STABILITY ? 1 : 0);
      const named = new Set(
        report.revisions
          .filter((r) => r.heldFrom === 'dfe')
          .map((r) => `${r.indicatorId}|${r.geographyLevel}|${r.geographyCode}|${r.periodId}`),
      );
      expect(report.counts.revised).toBe(named.size);
      // Every seeded revision is named, with its old and new figure.
      for (const s of seeded) {
        const key = `${s.indicatorId}|local-authority|${s.laCode}|${s.periodId}`;
        expect(named.has(key), key).toBe(true);
        const revision = report.revisions.find(
          (r) => `${r.indicatorId}|${r.geographyLevel}|${r.geographyCode}|${r.periodId}` === key,
        )!;
        expect(Number(revision.before.replace('%', ''))).toBeCloseTo(Number(s.before), 5);
        expect(Number(revision.after.replace('%', ''))).toBeCloseTo(Number(s.after), 5);
      }
      // Nothing is written before approval.
      expect(figuresOf(store, catalogue, file)).toEqual(before);
      await approvePull(store.db, catalogue, pull.id, { by: 'analyst@example.org', planHash: pull.planHash! });
      // ... and after it, the figures that changed are exactly those named.
      const after = figuresOf(store, catalogue, file);
      const changed = new Set([...before].filter(([k, v]) => after.get(k) !== v).map(([k]) => k));
      expect(changed).toEqual(named);
      const load = store.db.$client
        .prepare('select dfe_release, format from loads where id = ?')
        .get(getPull(store.db, pull.id)!.loadId) as {
        dfe_release: string;
        format: string;
      };
      expect(load.format).toBe('dfe-csv');
      expect(JSON.parse(load.dfe_release)).toMatchObject({
        source: file,
        dataSetId: report.release.dataSetId,
        version: report.release.version,
      });
      expect(heldRelease(store.db, source)).toMatchObject({ releaseTitle: 'Reporting year 2026' });

      if (file === STABILITY) {
        // The quarter being reported is judged against DfE's new year.
        await loadFigures(
          store,
          'indicator,time_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,value\nplacements-3-or-more,202627,Financial year Q2,Local authority,855,E10000018,Leicestershire,9.1',
        );
        const app = await buildApp({ store, now: () => TODAY });
        const viewer = await signIn(app, store, 'viewer');
        const card = ScorecardSchema.parse((await viewer.inject('/api/scorecard?la=855&period=2026-27-Q2')).json());
        const row = card.rows.find((r) => r.indicator.id === 'placements-3-or-more')!;
        expect(row.assessment.benchmarkPeriod.id).toBe('2025-26');
        expect(row.assessment.england?.period.id).toBe('2025-26');
        await app.close();
      }
    }, 120_000);
  }

  it('an approved release can be reverted like any load, and the release held falls back', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv: nextRelease(store.db, catalogue, STABILITY).csv,
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
    });
    const served = await dfe(catalogue, releases);
    const pull = await pullSource(store.db, catalogue, STABILITY, options(served.endpoints));
    const approved = await approvePull(store.db, catalogue, pull.id, {
      by: 'analyst@example.org',
      planHash: pull.planHash!,
    });
    expect(approved.state).toBe('approved');
    await expect(approvePull(store.db, catalogue, pull.id, { by: 'x', planHash: pull.planHash! })).rejects.toThrow(
      'already approved',
    );
    revertLoad(store.db, approved.loadId!, 'analyst@example.org');
    expect(heldRelease(store.db, source)).toMatchObject({
      via: 'bundled',
      releaseTitle: 'Reporting year 2025',
      pullId: null,
    });
    // Re-applied, the release is held again, and its figures are still DfE's (not "the council's own").
    const again = reapplyLoad(store.db, catalogue, {
      loadId: approved.loadId!,
      by: 'analyst@example.org',
      dryRun: false,
    });
    expect(again.committed).toBe(true);
    expect(heldRelease(store.db, source)).toMatchObject({ releaseTitle: 'Reporting year 2026', pullId: pull.id });
    const provenance = store.db.$client.prepare('select dfe_release from loads where id = ?').get(again.loadId) as {
      dfe_release: string;
    };
    expect(provenance.dfe_release).toContain('"releaseTitle":"Reporting year 2026"');
  }, 120_000);
});

describe('what DfE changes besides figures', () => {
  it('names an LA that is gone and one that is new (a reorganisation), loading the rest', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const { csv } = nextRelease(store.db, catalogue, STABILITY, {
      share: 0,
      dropLa: '855',
      addLa: { code: '999', name: 'North Leicestershire' },
    });
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv,
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
    });
    const served = await dfe(catalogue, releases);
    const pull = await pullSource(store.db, catalogue, STABILITY, options(served.endpoints));
    expect(pull.report.las.gone).toEqual([{ code: '855', name: 'Leicestershire' }]);
    expect(pull.report.las.added).toEqual([{ code: '999', name: 'North Leicestershire', known: false }]);
    expect(
      pull.report.warnings.some((w) =>
        w.message.includes("LA 999 (North Leicestershire) is not in Indicate's register"),
      ),
    ).toBe(true);
    expect(pull.approvable).toBe(true);
  }, 60_000);

  it('refuses to stage a release whose column the catalogue reads was renamed, naming it and the new name', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv: renameColumn(
        nextRelease(store.db, catalogue, STABILITY, { share: 0 }).csv,
        'children_percent',
        'percent_of_children',
      ),
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
    });
    const served = await dfe(catalogue, releases);
    const pull = await pullSource(store.db, catalogue, STABILITY, options(served.endpoints));
    expect(pull.report.columns).toEqual({
      added: ['percent_of_children'],
      removed: ['children_percent'],
      needed: ['children_percent'],
    });
    expect(pull.report.errors[0]?.message).toContain(`DfE's release no longer has the column "children_percent"`);
    expect(pull.report.errors[0]?.message).toContain('new columns: percent_of_children');
    expect(pull.approvable).toBe(false);
    await expect(approvePull(store.db, catalogue, pull.id, { by: 'a', planHash: '0'.repeat(64) })).rejects.toThrow(
      PullRefused,
    );
    expect(discardPull(store.db, pull.id, { by: 'analyst@example.org' }).state).toBe('discarded');
  }, 60_000);

  it('says DfE has withdrawn the version held', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const releases = bundledReleases(catalogue.sources);
    const first = await dfe(catalogue, releases);
    const pulled = await pullSource(store.db, catalogue, C1, options(first.endpoints));
    await approvePull(store.db, catalogue, pulled.id, { by: 'a', planHash: pulled.planHash! });
    await first.close();
    releases.set(C1, {
      ...releases.get(C1)!,
      version: '1.1',
      earlier: [
        {
          version: '1.0',
          status: 'Withdrawn',
          withdrawn: '2026-12-01T10:00:00Z',
          notes: 'Figures for two LAs were wrong.',
        },
      ],
    });
    const served = await dfe(catalogue, releases);
    const pull = await pullSource(store.db, catalogue, C1, options(served.endpoints));
    expect(pull.report.held.version).toBe('1.0');
    expect(pull.report.notes).toEqual([
      'DfE has withdrawn version 1.0, the one Indicate holds (on 2026-12-01): Figures for two LAs were wrong.',
    ]);
  }, 60_000);

  it('refuses a download whose checksum is not the one DfE’s server gave, staging nothing', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv: nextRelease(store.db, catalogue, STABILITY).csv,
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
      corruptMd5: true,
    });
    const served = await dfe(catalogue, releases);
    await expect(pullSource(store.db, catalogue, STABILITY, options(served.endpoints))).rejects.toThrow(
      DownloadMismatch,
    );
    await expect(pullSource(store.db, catalogue, STABILITY, options(served.endpoints))).rejects.toThrow(
      /checksum \(MD5 .*\) is not the one DfE's server gave/,
    );
    expect(store.db.$client.prepare('select count(*) as n from dfe_pulls').get()).toEqual({ n: 0 });
  }, 60_000);

  it('refuses a redirect away from DfE, and an answer not in DfE’s shape, with a message and nothing staged', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv: bundledCsv(STABILITY),
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
      redirectTo: 'http://10.1.2.3/internal/secrets.csv',
    });
    releases.set(C1, { ...releases.get(C1)!, brokenSummary: { status: 'Published', latestVersion: { published: 7 } } });
    const served = await dfe(catalogue, releases);
    await expect(pullSource(store.db, catalogue, STABILITY, options(served.endpoints))).rejects.toThrow(
      /it redirects to http:\/\/10\.1\.2\.3, which is not DfE's/,
    );
    expect(served.asked.some((a) => a.includes('secrets'))).toBe(false);
    await expect(pullSource(store.db, catalogue, C1, options(served.endpoints))).rejects.toThrow(
      /the answer is not as DfE's API describes it \(latestVersion\.version/,
    );
    expect(store.db.$client.prepare('select count(*) as n from dfe_pulls').get()).toEqual({ n: 0 });
  });

  it('with DfE out of reach, says so and stages nothing', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const port = await closedPort();
    const endpoints = {
      apiUrl: `http://127.0.0.1:${port}/statistics`,
      catalogueUrl: `http://127.0.0.1:${port}/api`,
      retries: 0,
    };
    await expect(pullSource(store.db, catalogue, STABILITY, options(endpoints))).rejects.toThrow(DfeUnreachable);
    await expect(pullSource(store.db, catalogue, 'no-such.csv', options(endpoints))).rejects.toThrow(
      'is not one of DfE',
    );
    await expect(
      pullSource(store.db, catalogue, 'b1_children_in_need_2013_to_2025.csv', options(endpoints)),
    ).rejects.toThrow('No indicator in the catalogue reads');
    expect(store.db.$client.prepare('select count(*) as n from dfe_pulls').get()).toEqual({ n: 0 });
  });

  it('refuses an approval when the figures changed since the dry run', async () => {
    const store = bundledStore();
    const catalogue = catalogueWithIds(store.catalogue);
    const source = catalogue.sources.find((s) => s.file === STABILITY)!;
    const releases = bundledReleases(catalogue.sources);
    releases.set(STABILITY, {
      csv: nextRelease(store.db, catalogue, STABILITY).csv,
      version: nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
    });
    const served = await dfe(catalogue, releases);
    const first = await pullSource(store.db, catalogue, STABILITY, options(served.endpoints));
    const second = await pullSource(store.db, catalogue, STABILITY, options(served.endpoints));
    await approvePull(store.db, catalogue, second.id, { by: 'a', planHash: second.planHash! });
    await expect(approvePull(store.db, catalogue, first.id, { by: 'a', planHash: first.planHash! })).rejects.toThrow(
      'The figures held changed since DfE pull',
    );
    expect(getPull(store.db, first.id)!.state).toBe('staged');
  }, 120_000);
});
