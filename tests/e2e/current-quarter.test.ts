import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, CURRENT_QUARTER_FILE, signInPage, startServer, type RunningServer } from '../support/server.ts';

/**
 * Issue 20 as its users live it, in a real browser against the real server on today's date: an analyst
 * loads Q1 and Q2 2026/27 on the Loads page (DfE's 2025/26 not yet published), a councillor reads the Q2
 * scorecard and a head of service the indicator page and the pack, at 1366 and 390 pixels.
 */

let server: RunningServer;
let browser: Browser;
let analyst: string;
let lead: string;
let viewer: string;

async function pageAs(email: string, width: 1366 | 390): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
  const page = await context.newPage();
  await signInPage(page, server, email);
  return page;
}

const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  analyst = await addUser(server, 'analyst');
  lead = await addUser(server, 'service-lead', {
    themes: 'child-protection,children-in-care,missing-and-exploitation',
  });
  viewer = await addUser(server, 'viewer');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the quarter being reported, in the browser', () => {
  it('the dry run on the Loads page says which DfE year benchmarks each figure and which will have no RAG', async () => {
    const page = await pageAs(analyst, 1366);
    await page.goto(`${server.url}/loads`);
    await page.getByLabel('Choose a CSV or Excel (.xlsx) file').setInputFiles(CURRENT_QUARTER_FILE);
    const judgements = page.getByRole('table', {
      name: /Judgements: \d+ of \d+ figures with a RAG rule will have a RAG status/,
    });
    await judgements.waitFor();
    const text = await judgements.innerText();
    expect(text).toMatch(/2024\/25, DfE's latest; 2025\/26 (is|was) due from DfE in November 2026/);
    expect(text).toMatch(/first-time-entrants[\s\S]*No/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'current-quarter-dry-run-1366');
    await page.getByRole('button', { name: 'Commit this load' }).click();
    await page.getByText(/Committed leicestershire-2026-27-q1-q2.csv as load \d+/).waitFor();
    await page.context().close();
  }, 60_000);

  for (const width of [1366, 390] as const) {
    it(`a councillor's Q2 2026/27 scorecard (${width} px): benchmarked against 2024/25 and said so, key messages first`, async () => {
      const page = await pageAs(viewer, width);
      await page.goto(`${server.url}/?la=855&period=2026-27-Q2`);
      await page.getByRole('heading', { level: 1, name: /Leicestershire: Q2 2026\/27/ }).waitFor();
      const years = page.locator('.benchmark-years');
      await years.waitFor();
      expect(await years.innerText()).toMatch(
        /2024\/25, DfE's latest; 2025\/26 (is|was) due from DfE in November 2026/,
      );
      const key = page.getByRole('region', { name: 'Key messages' });
      expect(await key.getByRole('heading', { name: /^Red \(\d+\)$/ }).count()).toBe(1);
      const overview = await page.getByRole('region', { name: 'Overview' }).innerText();
      // Most of the scorecard is judged: far from "0 green, 0 amber, 0 red".
      const rag = /RAG: (\d+) green, (\d+) amber, (\d+) red/.exec(overview)!;
      expect(Number(rag[1]) + Number(rag[2]) + Number(rag[3])).toBeGreaterThanOrEqual(13);
      // The period list is grouped by kind, the quarters first.
      const groups = await page
        .getByLabel('Period')
        .locator('optgroup')
        .evaluateAll((g) => g.map((x) => x.getAttribute('label')));
      expect(groups[0]).toBe('Quarters');
      expect(await fits(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `current-quarter-scorecard-${width}`);
      await page.context().close();
    }, 60_000);

    it(`a head of service's indicator page (${width} px): the rule said before a target is saved; commentary edited, saved and withdrawn`, async () => {
      const page = await pageAs(lead, width);
      await page.goto(`${server.url}/indicators/cp-repeat-plans?la=855&period=2026-27-Q2`);
      await page.getByRole('heading', { name: 'Set the target' }).waitFor();
      await page.getByText(/comes from its national quartile, not a target/).waitFor();
      const box = page.getByLabel('Why, and what we are doing');
      await box.fill(`Repeat plans at ${width}: two large sibling groups.`);
      await page.getByRole('button', { name: 'Publish commentary' }).click();
      await page.getByText('Saved and published.').waitFor();
      // Reopened, the editor holds the text in force, to correct it.
      await page.reload();
      expect(await page.getByLabel('Why, and what we are doing').inputValue()).toBe(
        `Repeat plans at ${width}: two large sibling groups.`,
      );
      await page.getByRole('button', { name: 'Withdraw commentary' }).click();
      await page.getByText('Withdrawn. It stays in the history.').waitFor();
      await page.getByText(/No commentary in force for Q2 2026\/27/).waitFor();
      expect(await page.getByText(/Earlier versions/).count()).toBeGreaterThan(0);
      // A distance to the next quartile is in percentage points.
      const figure = await page.getByRole('figure').filter({ hasText: 'National quartile' }).innerText();
      if (/from the/.test(figure)) expect(figure).toMatch(/percentage points from the/);
      expect(await fits(page)).toBe(true);
      expect(JSON.stringify(await axeViolations(page))).toBe('[]');
      await screenshot(page, `current-quarter-indicator-${width}`);
      await page.context().close();
    }, 60_000);
  }

  it('the pack for Q2 2026/27 carries the key messages and says what to check before it goes to committee', async () => {
    const page = await pageAs(lead, 1366);
    await page.goto(`${server.url}/reports/855/2026-27-Q2`);
    await page.getByRole('button', { name: 'Draft the pack from the data' }).click();
    await page.getByRole('heading', { level: 1, name: /Leicestershire: Q2 2026\/27/ }).waitFor();
    await page.getByText('Write the service’s key message').click();
    await page
      .getByLabel('The service’s key message for the committee')
      .fill('Stability held; repeat plans need work.');
    await page.getByRole('button', { name: 'Publish key message' }).click();
    await page.getByText('Saved and published.').waitFor();
    await page.locator('.key-messages__lead', { hasText: 'Stability held; repeat plans need work.' }).waitFor();
    await page.getByText(/Before it goes to committee: \d+ things? to check/).click();
    expect(await page.locator('.readiness').innerText()).toMatch(/\(Q2 2026\/27\) has no national benchmark/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'current-quarter-pack-1366');
    await page.context().close();
  }, 60_000);
});
