/**
 * Issue 24's Service reports page and the pack's section in a real browser against the real server (first start
 * with the worked example's logs): a councillor reads each report for the quarter and for the year, opens a term's
 * plain-English meaning by keyboard, and on a phone reads the rows stacked; a visitor under public read sees small
 * numbers withheld; an analyst loads a changed log and sees what it changes; axe clean at 1366 and 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import {
  addUser,
  CURRENT_QUARTER_FILE,
  E2E_PASSWORD,
  loadFile,
  REPO_ROOT,
  signInPage,
  startServer,
  tempDir,
  type RunningServer,
} from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let viewer: string;
let analyst: string;

async function apiAs(email: string) {
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

async function open(width: number, email: string | null, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
  const page = await context.newPage();
  if (email) await signInPage(page, server, email);
  await page.goto(`${server.url}${url}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function clean(page: Page, width: number) {
  expect(await axeViolations(page)).toEqual([]);
  // Nothing runs off the side of the screen: wide tables stack their rows on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

beforeAll(async () => {
  server = await startServer();
  await loadFile(server, CURRENT_QUARTER_FILE);
  browser = await launchBrowser();
  viewer = await addUser(server, 'viewer');
  analyst = await addUser(server, 'analyst');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Service reports page', () => {
  for (const width of [1366, 390]) {
    it(`a councillor reads the three reports for the quarter being reported and for a year, at ${width} px`, async () => {
      const page = await open(width, viewer, '/service-reports');
      // The quarter being reported by default: July to September 2026 (today is in the quarter after).
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
        .toContain('Fostering service report (National Minimum Standard 25.7): Q2 2026/27');
      await expect.poll(() => page.getByRole('table', { name: /Fostering households, Q2 2026\/27/ }).count()).toBe(1);
      await expect
        .poll(() => page.getByRole('img', { name: /Fostering households by quarter, as a chart/ }).count())
        .toBe(1);
      // A term's plain-English meaning, one click (or key) away.
      const explain = page.getByRole('button', { name: 'What is “Annual review (regulation 28)”?' });
      await explain.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => explain.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => page.getByText(/must be reviewed at least once a year/).isVisible()).toBe(true);
      await clean(page, width);
      await screenshot(page, `service-reports-fostering-${width}`);

      // The complaints report for the financial year: the annual report.
      await page.getByRole('link', { name: 'Complaints and compliments' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
        .toContain('Complaints and compliments');
      await page.getByLabel('Quarter or year').selectOption('2025-26');
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
        .toContain('Complaints and compliments (children’s social care): 2025/26 (year ending 31 March 2026)');
      await expect.poll(() => page.getByRole('table', { name: /Complaints by stage, 2025\/26/ }).count()).toBe(1);
      // Staff see what the service learned.
      await expect.poll(() => page.getByRole('table', { name: /Learning recorded/ }).count()).toBe(1);
      await clean(page, width);
      await screenshot(page, `service-reports-complaints-${width}`);

      // The action plan: each status as a shape and a word, never colour alone.
      // The action plan as at today (the sub-navigation keeps the year chosen, so the address says today's).
      await page.goto(`${server.url}/service-reports?report=inspection`);
      await expect.poll(() => page.getByRole('heading', { name: 'ILACS 2025' }).count()).toBe(1);
      const actions = page.getByRole('table', { name: 'Actions: ILACS 2025' });
      await expect.poll(() => actions.locator('.rag--red').count()).toBeGreaterThan(0);
      expect(await actions.locator('.rag--red svg').count()).toBe(await actions.locator('.rag--red').count());
      expect(await actions.locator('.rag--red').first().textContent()).toBe('Red');
      await clean(page, width);
      await screenshot(page, `service-reports-inspection-${width}`);
      await page.context().close();
    });
  }

  it('a visitor under public read sees small numbers withheld and no learning; PDF, CSV and Excel download', async () => {
    const admin = await apiAs(await addUser(server, 'admin'));
    const settings = await (await admin('GET', '/api/settings')).json();
    expect((await admin('PUT', '/api/settings', { ...settings, publicRead: true })).status).toBe(200);
    try {
      const page = await open(1366, null, '/service-reports?report=complaints&period=2026-27-Q2');
      await expect
        .poll(() => page.getByText(/Numbers from 1 to 4 are not shown in the public version/).count())
        .toBe(1);
      await expect.poll(() => page.getByRole('cell', { name: 'fewer than 5' }).count()).toBeGreaterThan(0);
      expect(await page.getByText('Learning recorded').count()).toBe(0);
      await expect
        .poll(() => page.getByText(/written about real cases, so it is in the staff version only/).count())
        .toBe(1);
      await clean(page, 1366);
      await screenshot(page, 'service-reports-public-1366');
      for (const format of ['pdf', 'csv', 'xlsx']) {
        const response = await fetch(`${server.url}/api/reports/complaints/${format}?period=2026-27-Q2`);
        expect(response.status, format).toBe(200);
      }
      await page.context().close();
    } finally {
      await admin('PUT', '/api/settings', { ...settings, publicRead: false });
    }
  });
});

describe('loading a log and the pack', () => {
  it('an analyst loads a changed complaints log: the check names what changes, the report follows', async () => {
    const page = await open(1366, analyst, '/loads');
    await expect
      .poll(() => page.getByRole('link', { name: 'Complaints log (children’s social care) template (CSV)' }).count())
      .toBe(1);
    const original = fs.readFileSync(path.join(REPO_ROOT, 'data', 'examples', 'reports', 'complaints.csv'), 'utf8');
    const lines = original.split('\n');
    // One more stage 1 complaint, received on 1 September 2026 and answered a week later.
    lines.splice(lines.length - 1, 0, 'CSC-9999,1,2026-09-01,2026-09-08,no,upheld,Fostering,Delay,no,,,,,');
    const file = path.join(tempDir(), 'complaints-december.csv');
    fs.writeFileSync(file, lines.join('\n'));
    await page.getByLabel('Choose a CSV or Excel (.xlsx) file').setInputFiles(file);
    // A dry run on the loader's worker: a few seconds on a busy machine.
    await expect.poll(() => page.getByText(/Loading it replaces the whole log/).count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'loads-log-check-1366');
    await expect.poll(() => page.getByRole('cell', { name: 'CSC-9999 | 1' }).count()).toBe(1);
    await clean(page, 1366);
    await page.getByRole('button', { name: 'Commit this load' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'complaints-december.csv' }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const report = await (await (await apiAs(analyst))('GET', '/api/reports/complaints?period=2026-27-Q2')).json();
    expect(report.sources[0]).toMatchObject({ fileName: 'complaints-december.csv' });
    await page.context().close();
  });

  for (const width of [1366, 390]) {
    it(`the committee pack for the quarter carries the other reports, at ${width} px`, async () => {
      const api = await apiAs(analyst);
      const drafted = await api('POST', '/api/packs', { la: '855', period: '2026-27-Q2' });
      expect([200, 201]).toContain(drafted.status);
      const page = await open(width, analyst, '/reports/855/2026-27-Q2');
      await expect.poll(() => page.getByRole('heading', { name: /committee.s other reports/ }).count()).toBe(1);
      await expect
        .poll(() => page.getByRole('heading', { name: /Inspection action plan: progress: Q2 2026\/27/ }).count())
        .toBe(1);
      await clean(page, width);
      await screenshot(page, `committee-pack-service-reports-${width}`);
      await page.context().close();
    });
  }
});
