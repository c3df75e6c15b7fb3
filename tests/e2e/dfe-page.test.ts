/**
 * Issue 23's DfE data page in a real browser, against the real server whose DFE_API_URL and DFE_CATALOGUE_URL
 * point at a loopback DfE answering from the bundled files' rows, with a next release of C1 that revises a
 * seeded 1% of figures and adds 2025/26: check, pull, read what would change, approve, and see it held.
 */
import Database from 'better-sqlite3';
import { readCatalogue } from '../../apps/api/src/reference/catalogue.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledReleases, nextRelease, reviseFigure, startRecordedDfe } from '../../apps/api/test/recorded-dfe.ts';
import { PackSchema, type Catalogue } from '@indicate/contracts';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import {
  addUser,
  CURRENT_QUARTER_FILE,
  E2E_PASSWORD,
  loadFile,
  REPO_ROOT,
  signInPage,
  startServer,
  type RunningServer,
} from '../support/server.ts';

const C1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv';
const C1_TITLE = "C1 Referrals and re-referrals to children's social care services by local authority";

let server: RunningServer;
let dfe: Awaited<ReturnType<typeof startRecordedDfe>>;
let browser: Browser;
let page: Page;
let seeded = 0;
let catalogue: Catalogue;
/** The England figure a published pack quoted that DfE's next release revises: its words before and after. */
let englandRevision: { indicatorId: string; label: string; periodLabel: string } | null = null;

/** Signs in with fetch: the cookie and CSRF token an API write needs. */
async function apiAs(role: 'analyst' | 'service-lead', themes?: string) {
  const email = await addUser(server, role, themes ? { themes } : {});
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: E2E_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return (method: string, url: string, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

beforeAll(async () => {
  catalogue = readCatalogue(`${REPO_ROOT}/data`);
  const releases = bundledReleases(catalogue.sources);
  dfe = await startRecordedDfe(catalogue.sources, releases);
  server = await startServer({ DFE_API_URL: dfe.endpoints.apiUrl, DFE_CATALOGUE_URL: dfe.endpoints.catalogueUrl });
  // The quarter being reported, and its committee pack published as it would be, before DfE's release.
  await loadFile(server, CURRENT_QUARTER_FILE);
  const analystApi = await apiAs('analyst');
  const leadApi = await apiAs('service-lead', catalogue.themes.map((t) => t.id).join(','));
  const drafted = await analystApi('POST', '/api/packs', { la: '855', period: '2026-27-Q2' });
  expect(drafted.status).toBe(201);
  const pack = PackSchema.parse(await drafted.json());
  await analystApi('POST', `/api/packs/${pack.id}/state`, { state: 'ready' });
  for (const p of pack.paragraphs.filter((x) => x.ragStatus === 'amber' || x.ragStatus === 'red'))
    await leadApi('PUT', `/api/packs/${pack.id}/text`, {
      indicatorId: p.indicatorId,
      kind: 'commentary',
      text: `Why: ${p.label}.`,
    });
  expect((await leadApi('POST', `/api/packs/${pack.id}/state`, { state: 'published' })).status).toBe(200);
  const db = new Database(server.dbPath, { readonly: true });
  const next = nextRelease({ $client: db }, catalogue, C1);
  db.close();
  seeded = next.seeded.length;
  // DfE's release also revises the England figure the pack printed for a C1 measure.
  let csv = next.csv;
  const quoted = pack.rows.find(
    (r) =>
      catalogue.indicators.find((i) => i.id === r.indicator.id)?.dfe?.file === C1 &&
      r.assessment.england?.basis === 'dfe' &&
      r.assessment.england.value !== null,
  );
  if (quoted) {
    const year = String(Number(quoted.assessment.england!.period.id.slice(0, 4)) + 1);
    csv = reviseFigure(
      csv,
      catalogue,
      { indicatorId: quoted.indicator.id, level: 'National', timePeriod: year },
      (old) => (Number(old) + 2).toFixed(old.split('.')[1]?.length ?? 0),
    ).csv;
    englandRevision = {
      indicatorId: quoted.indicator.id,
      label: quoted.indicator.label,
      periodLabel: quoted.assessment.england!.period.label,
    };
  }
  releases.set(C1, {
    csv,
    version: '2.0',
    releaseTitle: 'Reporting year 2026',
    published: '2026-10-29',
    earlier: [{ version: '1.0', status: 'Published' }],
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signInPage(page, server, await addUser(server, 'analyst'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await dfe?.close();
});

describe('the DfE data page', () => {
  it('lists each source with the release held and how far it reaches, and is axe clean', async () => {
    await page.goto(`${server.url}/dfe`);
    await page.getByRole('heading', { level: 1, name: 'DfE data' }).waitFor();
    const sources = page.getByRole('table', { name: /Each DfE source/ });
    const row = sources.getByRole('row', { name: new RegExp(C1_TITLE.slice(0, 30)) });
    expect(await row.innerText()).toMatch(/2024\/25\s+Reporting year 2025, as bundled\s+not yet\s+none/);
    expect(await page.getByText('The daily check is off').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dfe-page');
  });

  it('checks, pulls, names every revised figure, approves, and then holds the new release', async () => {
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(`a newer release of ${C1_TITLE}. Pull it to see what it changes.`).waitFor();
    await page.getByRole('button', { name: `Pull ${C1_TITLE}` }).click();
    await page.getByText('Fetched 1 release(s): each is staged below, not loaded.').waitFor();
    const summary = page.locator('p', { hasText: /^Pull 1: Reporting year 2026/ });
    expect(await summary.innerText()).toContain(`${seeded + (englandRevision ? 1 : 0)} figures revised by DfE`);
    expect(await summary.innerText()).toContain('new years: 2025/26');
    await page.getByRole('button', { name: 'Show what pull 1 changes' }).click();
    const revised = page.getByRole('table', { name: /Each figure DfE revised/ });
    await revised.waitFor();
    expect(await revised.getByRole('row').count()).toBe(seeded + (englandRevision ? 1 : 0) + 1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dfe-pull');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'dfe-pull-390');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole('button', { name: 'Approve and load pull 1' }).click();
    await page.getByText(/Loaded as load \d+\. It can be undone on the Load data page\./).waitFor();
    const row = page
      .getByRole('table', { name: /Each DfE source/ })
      .getByRole('row', { name: new RegExp(C1_TITLE.slice(0, 30)) });
    await row.getByText(/Reporting year 2026, pulled \(load \d+, version 2.0\)/).waitFor();
    expect(await row.innerText()).toContain('2025/26');
  }, 120_000);

  it('the published pack then says which of its figures DfE has since revised', async () => {
    expect(englandRevision).not.toBeNull();
    await page.goto(`${server.url}/reports/855/2026-27-Q2`);
    const notice = page.getByRole('region', { name: /Figures DfE has since revised/ });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      new RegExp(
        `${englandRevision!.label}: DfE has since revised this figure from .+ to .+ \\(England, ${englandRevision!.periodLabel.replace('/', '\\/')}; DfE's Reporting year 2026\\)\\.`,
      ),
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'pack-dfe-revised');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'pack-dfe-revised-390');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('is refused to a viewer, who is told who may open it', async () => {
    const viewerPage = await browser.newPage();
    await signInPage(viewerPage, server, await addUser(server, 'viewer'));
    await viewerPage.goto(`${server.url}/dfe`);
    await viewerPage
      .getByText(/This page is for .* only\./)
      .first()
      .waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Check now' }).count()).toBe(0);
    await viewerPage.close();
  });
});
