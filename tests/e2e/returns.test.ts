import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page, Request } from 'playwright-core';
import { generateFaultyReturns } from '@indicate/returns/generate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, REPO_ROOT, signInPage, startServer, tempDir, type RunningServer } from '../support/server.ts';

/**
 * "Compute from returns" as a new analyst tries it: the bundled example returns (synthetic, Northshire)
 * picked on the Loads page, the validation report, the figures and breakdowns, the children behind one
 * figure, then a dry run and a commit; and every request the page sent meanwhile, searched for any child
 * identifier or date of birth from the files.
 */

const EXAMPLE = path.join(REPO_ROOT, 'data', 'examples', 'returns');
const files = fs
  .readdirSync(EXAMPLE)
  .filter((f) => /\.(csv|xml)$/.test(f))
  .map((f) => path.join(EXAMPLE, f));

/** Every child id and date of birth in the example files (both date spellings). */
function childDetails(): { ids: Set<string>; births: Set<string> } {
  const ids = new Set<string>();
  const births = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.xml')) {
      for (const m of text.matchAll(/<LAchildID>([^<]+)<\/LAchildID>/g)) ids.add(m[1]!);
      for (const m of text.matchAll(/<PersonBirthDate>([^<]+)<\/PersonBirthDate>/g)) births.add(m[1]!);
      continue;
    }
    const [header, ...rows] = text.trim().split(/\r?\n/);
    const columns = header!.split(',');
    const child = columns.indexOf('CHILD');
    const dob = columns.indexOf('DOB');
    for (const row of rows) {
      const cells = row.split(',');
      if (child >= 0 && cells[child]) ids.add(cells[child]!);
      if (dob >= 0 && cells[dob]) {
        const [d, m, y] = cells[dob]!.split('/');
        births.add(cells[dob]!);
        births.add(`${y}-${m}-${d}`);
      }
    }
  }
  // The quarter end itself is sent (the date computed for): a child born that day is not told apart by it.
  births.delete('2025-06-30');
  births.delete('30/06/2025');
  return { ids, births };
}

let server: RunningServer;
let browser: Browser;
let page: Page;
const sent: Array<{ url: string; body: string }> = [];
/** Bodies as the page's own code sent them (fetch, XHR, beacons), read in the page: a File body included. */
let pageBodies: string[] = [];

/** Wraps the page's ways of sending so each body is kept as text, whatever its type. */
const RECORD_BODIES = () => {
  const w = window as unknown as { __sent: Array<Promise<string>> };
  w.__sent = [];
  const asText = (body: unknown): Promise<string> =>
    body == null
      ? Promise.resolve('')
      : typeof body === 'string'
        ? Promise.resolve(body)
        : body instanceof Blob
          ? body.text()
          : body instanceof URLSearchParams
            ? Promise.resolve(body.toString())
            : body instanceof FormData
              ? Promise.all([...body.values()].map((v) => (typeof v === 'string' ? v : v.text()))).then((p) =>
                  p.join('\n'),
                )
              : Promise.resolve(new TextDecoder().decode(body as ArrayBuffer));
  const fetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    w.__sent.push(asText(init?.body).then((b) => `${String(input instanceof Request ? input.url : input)}\n${b}`));
    return fetch(input, init);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body?: Document | XMLHttpRequestBodyInit | null) {
    w.__sent.push(asText(body));
    return send.call(this, body);
  };
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    w.__sent.push(asText(data).then((b) => `${String(url)}\n${b}`));
    return beacon(url, data);
  };
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  await signInPage(page, server, await addUser(server, 'analyst'));
  await page.addInitScript(RECORD_BODIES);
  page.on('request', (request: Request) => {
    sent.push({ url: request.url(), body: request.postDataBuffer()?.toString('latin1') ?? '' });
  });
  await page.goto(`${server.url}/loads`);
  await page.getByRole('heading', { level: 2, name: 'Compute from returns' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Compute from returns, in a real browser', () => {
  it('computes the example returns in a worker: report, figures with their rules, breakdowns, the children counted', async () => {
    await page.getByLabel("Choose the returns' files").setInputFiles(files);
    await page.getByLabel('Quarter to compute for').selectOption('2025-06-30');
    await page.getByRole('button', { name: 'Compute the figures' }).click();
    await page.getByRole('heading', { name: 'What the returns say' }).waitFor({ timeout: 20_000 });
    const summary = await page.getByText(/^Read 44 files in/).innerText();
    expect(summary).toMatch(/0 errors, \d+ warnings\. As at 30 June 2025 \(end of Q1 2025\/26\)/);
    expect(summary).toContain('The census names Leicestershire (855).');
    expect(await page.getByRole('table', { name: /^Warnings/ }).innerText()).toContain('OC2');

    const cic = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Number of children in care', exact: true }) });
    expect(await cic.locator('.returns-figure__value').innerText()).toBe('100');
    expect(await cic.innerText()).toContain(
      'Rule: Children looked after at d: distinct children with an episode open at d',
    );
    await cic.getByText('Breakdowns of').click();
    const providers = cic.getByRole('table', { name: 'By who provides the placement' });
    expect(await providers.innerText()).toContain('Placed by the council itself (PR1)');

    // The adoption scorecard: three years, with the latest year beside it; loaded only at a year end.
    const a1 = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^A1:/ }) });
    expect(await a1.innerText()).toMatch(
      /Over the 36 months to 30\/06\/2025 \(from 01\/07\/2022\) \(\d+ children?\), the scorecard's three-year basis .* Over the 12 months to 30\/06\/2025 \(from 01\/07\/2024\): \d+ days \(\d+ children?\)/,
    );
    expect(await a1.innerText()).toContain('Loaded only at a year end (31 March)');
    await a1.screenshot({ path: path.join(REPO_ROOT, 'tests', 'screenshots', 'returns-adoption-a1.png') });

    await cic.getByRole('button', { name: /^Show who was counted/ }).click();
    const counted = cic.getByRole('table', { name: /^Who was counted in Number of children in care: \d+ considered/ });
    await counted.waitFor();
    expect(await counted.locator('tbody tr').count()).toBeGreaterThan(99);
    const download = page.waitForEvent('download');
    await cic.getByRole('button', { name: 'Download the list as CSV (to this computer)' }).click();
    const saved = await (await download).path();
    const csv = fs.readFileSync(saved!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('child,what,in_denominator,in_numerator,why');
    expect(csv.trim().split('\r\n').length).toBeGreaterThan(100);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'returns-computed');
    // On a phone: nothing wider than the screen (long file names wrap, tables scroll in their own region).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'returns-computed-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('loads only the aggregates after a dry run, with the files’ fingerprints; the figures and breakdowns reach the pages', async () => {
    await page.getByRole('button', { name: 'Check these figures for loading' }).click();
    await page.getByRole('table', { name: /New and changed figures/ }).waitFor();
    // The fictional council's figures are far from Leicestershire's own last ones: each jump is listed and
    // the load waits for the analyst to tick that they have checked them.
    const jumps = page.getByRole('group', { name: /^Check these \d+ figures before loading/ });
    expect(await jumps.innerText()).toMatch(/cic-count 855 2025-26-Q1: moved from \d+ to 100 since/);
    const loadButton = page.getByRole('button', { name: 'Load these figures' });
    expect(await loadButton.isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'returns-jumps-to-confirm');
    await jumps.screenshot({ path: path.join(REPO_ROOT, 'tests', 'screenshots', 'returns-jumps-box.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await jumps.screenshot({ path: path.join(REPO_ROOT, 'tests', 'screenshots', 'returns-jumps-box-390.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    await jumps.getByLabel('I have checked these figures and they are right').check();
    await loadButton.click();
    const done = await page.getByText(/^Loaded as load \d+:/).innerText();
    const loadId = Number(/load (\d+)/.exec(done)![1]);
    pageBodies = await page.evaluate(() =>
      Promise.all((window as unknown as { __sent: Array<Promise<string>> }).__sent),
    );

    const load = (await (await page.request.get(`${server.url}/api/loads/${loadId}`)).json()) as {
      provenance: { asAt: string; ruleSet: string; files: Array<{ name: string; sha256: string }> };
    };
    expect(load.provenance.asAt).toBe('2025-06-30');
    expect(load.provenance.files).toHaveLength(44);
    expect(load.provenance.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);

    await page.goto(`${server.url}/indicators/cic-count?la=855&period=2025-26-Q1`);
    await page.getByRole('heading', { name: 'Group by group: Q1 2025/26' }).waitFor();
    const table = page.getByRole('table', { name: 'Children in care: by who provides the placement' });
    expect(await table.innerText()).toContain('Placed by the council itself (PR1)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'indicator-breakdowns');
  });

  it('sent no child identifier or date of birth in any request, and stored none', () => {
    const { ids, births } = childDetails();
    expect(ids.size).toBeGreaterThan(100);
    // The load's own body was seen (the template of aggregates), so the search below has something to search.
    expect(pageBodies.filter((b) => b.includes('# returns-file:'))).toHaveLength(2); // dry run and commit
    for (const body of pageBodies) sent.push({ url: 'page body', body });
    const token = (value: string) => new RegExp(`(?<![0-9A-Za-z])${value.replace(/[/.-]/g, '\\$&')}(?![0-9A-Za-z])`);
    for (const request of sent) {
      const text = `${request.url}\n${request.body}`;
      for (const id of ids) expect(token(id).test(text), `child ${id} in ${request.url}`).toBe(false);
      for (const birth of births) expect(token(birth).test(text), `date ${birth} in ${request.url}`).toBe(false);
    }
    // What the server stored and logged of the load: figures, provenance and audit, nothing child-level.
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const stored = [
        ...(db.prepare('select * from loads').all() as object[]),
        ...(db.prepare("select * from observations where source_ref like 'Computed from%'").all() as object[]),
        ...(db.prepare('select * from audit_log').all() as object[]),
      ]
        .map((row) => JSON.stringify(row))
        .join('\n');
      expect(stored).toContain('Computed from the council');
      for (const id of ids) expect(token(id).test(stored), `child ${id} stored`).toBe(false);
      for (const birth of births) expect(token(birth).test(stored), `date ${birth} stored`).toBe(false);
    } finally {
      db.close();
    }
    for (const id of ids) expect(token(id).test(server.output()), `child ${id} logged`).toBe(false);
  });

  it("refuses another council's returns for the home council, naming both, and offers nothing to load", async () => {
    const dir = tempDir();
    const paths = files.map((file) => {
      const copy = path.join(dir, path.basename(file));
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(copy, file.endsWith('.xml') ? text.replace('<LEA>855</LEA>', '<LEA>856</LEA>') : text);
      return copy;
    });
    await page.goto(`${server.url}/loads`);
    await page.getByLabel("Choose the returns' files").setInputFiles(paths);
    await page.getByLabel('Quarter to compute for').selectOption('2025-06-30');
    await page.getByRole('button', { name: 'Compute the figures' }).click();
    await page.getByRole('heading', { name: 'What the returns say' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('alert').first().innerText()).toBe(
      "These figures cannot be loaded: the returns these figures were computed from are for council 856 (their CIN census says so), not 855, this Indicate's council: compute from 855's own returns.",
    );
    expect(await page.getByRole('button', { name: 'Check these figures for loading' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a file with an error as a finding naming file, row, child and field, and offers nothing to load', async () => {
    const dir = tempDir();
    const faulty = generateFaultyReturns('child-missing-from-header', 3);
    const paths = faulty.files.map((f) => {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.text);
      return file;
    });
    await page.goto(`${server.url}/loads`);
    await page.getByLabel("Choose the returns' files").setInputFiles(paths);
    await page.getByLabel('Quarter to compute for').selectOption('2024-03-31');
    await page.getByRole('button', { name: 'Compute the figures' }).click();
    const errors = page.getByRole('table', { name: /^Errors: \d+/ });
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/Episodes\t\d+\t\d+\tCHILD\t\tchild \d+ is in Episodes but not in Header/);
    expect(await page.getByRole('alert').first().innerText()).toContain(
      'no figures were computed and nothing can be loaded',
    );
    expect(await page.getByRole('button', { name: 'Check these figures for loading' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
