import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, signInPage, startServer, tempDir, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const dir = tempDir();
const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,status';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await signInPage(page, server, await addUser(server, 'analyst'));
  await page.goto(`${server.url}/loads`);
  await page.getByRole('heading', { level: 1, name: 'Load data' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const fileInput = () => page.getByLabel('Choose a CSV or Excel (.xlsx) file');

async function apiLoads() {
  return (await (await page.request.get(`${server.url}/api/loads`)).json()) as Array<{
    id: number;
    fileName: string;
    state: string;
  }>;
}

describe('the Loads page in a real browser', () => {
  it('lists the bundled loads in the history', async () => {
    const history = page.getByRole('table', { name: 'Every load, newest first' });
    await history.waitFor();
    expect(await history.innerText()).toContain('leicestershire-committee-papers.csv');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('checks a new quarter from CSV, shows the dry run as a table, commits it, and reverts it', async () => {
    const file = path.join(dir, 'q2-2018-19.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\nplacements-3-or-more,201819,Financial year Q2,Local authority,855,8.0,47,588,provisional\ncse-referrals,201819,Financial year Q2,Local authority,855,77,,,final\n`,
    );
    await fileInput().setInputFiles(file);
    const changes = page.getByRole('table', { name: /New and changed figures: 2/ });
    await changes.waitFor();
    expect(await changes.innerText()).toContain('8 (47 of 588), provisional');
    await screenshot(page, 'loads-dry-run');
    expect((await apiLoads()).some((l) => l.fileName === 'q2-2018-19.csv')).toBe(false);

    await page.getByRole('button', { name: 'Commit this load' }).click();
    await page.getByText(/Committed q2-2018-19.csv as load \d+: 2 new and 0 changed figures/).waitFor();
    const committed = (await apiLoads()).find((l) => l.fileName === 'q2-2018-19.csv')!;
    expect(committed.state).toBe('committed');
    await page.getByRole('cell', { name: 'q2-2018-19.csv', exact: true }).first().waitFor();

    await page.getByRole('button', { name: `Revert load ${committed.id} (q2-2018-19.csv)` }).click();
    await page.getByRole('cell', { name: `Revert of load ${committed.id}`, exact: true }).waitFor();
    expect((await apiLoads()).find((l) => l.id === committed.id)!.state).toBe('reverted');

    // Undone by mistake: re-apply shows what it would write, then writes it as a new load.
    await page.getByRole('button', { name: `Re-apply load ${committed.id} (q2-2018-19.csv)` }).click();
    await page.getByRole('heading', { name: `Re-applying load ${committed.id}` }).waitFor();
    expect(await page.getByRole('table', { name: /New and changed figures: 2/ }).innerText()).toContain(
      '8 (47 of 588), provisional',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Re-apply load ${committed.id}`, exact: true }).click();
    await page
      .getByText(new RegExp(`Re-applied load ${committed.id}: load \\d+ wrote 2 new and 0 changed figures`))
      .waitFor();
    await page.getByRole('cell', { name: `Re-apply of load ${committed.id}`, exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Reverted, then re-applied', exact: true }).waitFor();
    const scorecard = await page.request.get(`${server.url}/api/indicators/cse-referrals/series?la=855`);
    expect(JSON.stringify(await scorecard.json())).toContain('"2018-19-Q2"');
  });

  it('loads the same layout from an Excel workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Q3');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['cse-referrals', '201819', 'Financial year Q3', 'Local authority', '855', 70, '', '', 'final']);
    const file = path.join(dir, 'q3-2018-19.xlsx');
    await workbook.xlsx.writeFile(file);
    await fileInput().setInputFiles(file);
    await page.getByRole('table', { name: /New and changed figures: 1/ }).waitFor();
    await page.getByRole('button', { name: 'Commit this load' }).click();
    await page.getByText(/Committed q3-2018-19.xlsx as load \d+/).waitFor();
  });

  it('shows a broken file row by row and writes nothing', async () => {
    const before = (await apiLoads()).length;
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\nplacements-3-or-more,201819,Financial year Q2,Local authority,855,8.0,600,588,final\nno-such,201819,Financial year Q2,Local authority,855,1,,,final\n`,
    );
    await fileInput().setInputFiles(file);
    await page.getByRole('alert').filter({ hasText: 'broken.csv cannot be loaded' }).waitFor();
    const errors = page.getByRole('table', { name: /Errors: 2/ });
    const text = await errors.innerText();
    expect(text).toContain('numerator (600) is greater than denominator (588)');
    expect(text).toContain('unknown indicator "no-such"');
    expect(await page.getByRole('button', { name: 'Commit this load' }).count()).toBe(0);
    expect((await apiLoads()).length).toBe(before);
    await screenshot(page, 'loads-errors');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is reachable by keyboard from the main navigation', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Load data' }).waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 12 && focused.at(-1) !== 'Load data'; i++) {
      await page.keyboard.press('Tab');
      focused.push((await page.evaluate(() => document.activeElement?.textContent)) ?? '');
    }
    // Skip link first, then the main navigation in reading order.
    expect(focused.slice(-7)).toEqual([
      'Skip to main content',
      'Scorecard',
      'All councils',
      'Compare',
      'Measures',
      'Service reports',
      'Load data',
    ]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Load data' }).waitFor();
    expect(page.url()).toBe(`${server.url}/loads`);
  });
});
