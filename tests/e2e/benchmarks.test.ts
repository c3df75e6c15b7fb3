import fs from 'node:fs';
import type { AllCouncils, Compare, LocalAuthorities, ScorecardSet, Session } from '@indicate/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, signInPage, startServer, type RunningServer } from '../support/server.ts';

/**
 * The all-councils and compare views as a councillor uses them, against the real server and the bundled
 * data: every number on the page is checked against the API's answer for the same question.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const MEASURE = 'placements-3-or-more';
const ALL_COUNCILS = `/all-councils?indicator=${MEASURE}&period=2024-25&la=830`;
const ALL_COUNCILS_API = `/api/indicators/${MEASURE}/all-councils?period=2024-25&la=830`;

/** The API as the signed-in page sees it. */
async function api<T>(path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** A percentage as the dashboard writes one with one decimal place. */
const percent = (value: number) => `${value.toFixed(1)}%`;
const QUARTILES = ['Top quartile', 'Second quartile', 'Third quartile', 'Fourth quartile'];

/** Every body row of a table, each as its cells' text (the row header first). */
const tableRows = (table: ReturnType<Page['getByRole']>) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.children).map((cell) => (cell.textContent ?? '').trim())));

/** RFC 4180 CSV, as the API writes it (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Whether the page is wider than the window: a phone would scroll the whole page sideways. */
const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await signInPage(page, server, await addUser(server, 'viewer'));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("every council's figure: children in care with 3 or more placements, 2024/25, marked for Derbyshire", () => {
  let view: AllCouncils;
  const table = () => page.getByRole('table', { name: /every council, sorted by/ });
  /** A council's name in the table: with its DfE code where two councils share the name (Dorset, 835 and 838). */
  const labelOf = (code: string) => {
    const { name } = view.rows.find((r) => r.la.code === code)!.la;
    return view.rows.filter((r) => r.la.name === name).length > 1 ? `${name} (${code})` : name;
  };

  beforeAll(async () => {
    view = await api<AllCouncils>(ALL_COUNCILS_API);
    await page.goto(`${server.url}${ALL_COUNCILS}`);
    await page
      .getByRole('heading', { level: 1, name: /Children in care with 3 or more placements during the year, 2024\/25/ })
      .waitFor();
  });

  it('lists every council the API does, with its value, rank and quartile in words', async () => {
    expect(view.indicator.unit).toBe('percent');
    const rows = await tableRows(table());
    expect(rows).toHaveLength(view.rows.length);
    // Councils in alphabetical order at first; two that share a name (Dorset's old county council and the
    // unitary council that replaced it) are told apart by their DfE code.
    const names = rows.map((r) => r[0]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
    for (const expected of view.rows) {
      const [, value, rank, quartile, region] = rows.find((r) => r[0] === labelOf(expected.la.code))!;
      expect(value).toEqual(expected.value === null ? expect.stringMatching(/^[A-Z]/) : percent(expected.value));
      expect(rank).toBe(expected.rank === null ? 'None' : String(expected.rank));
      expect(quartile).toBe(expected.band === null ? 'None' : QUARTILES[expected.band - 1]);
      expect(region).toBe(expected.regionName);
    }
    // A council without a value says why, in DfE's words.
    const missing = view.rows.find((r) => r.value === null && r.symbolMeaning)!;
    expect(rows.find((r) => r[0] === labelOf(missing.la.code))![1]!.toLowerCase()).toBe(
      missing.symbolMeaning!.toLowerCase(),
    );
    expect(consoleErrors).toEqual([]);
  });

  it('marks Derbyshire "Your council" and its ten statistical neighbours in words, and styles the rows', async () => {
    const las = await api<LocalAuthorities>('/api/local-authorities');
    const derbyshire = las.localAuthorities.find((l) => l.code === '830')!;
    const model = derbyshire.neighbourModels.find((m) => m.modelYear === view.neighbourModelYear)!;
    const rows = await tableRows(table());
    const marked = (words: string) =>
      rows
        .filter((r) => r[5]!.split('; ').includes(words))
        .map((r) => r[0])
        .sort();
    expect(marked('Your council')).toEqual(['Derbyshire']);
    expect(marked('Statistical neighbour')).toEqual(model.neighbours.map((n) => labelOf(n.code)).sort());
    expect(marked('Statistical neighbour')).toHaveLength(10);
    // The other East Midlands councils are marked as the same region.
    const sameRegion = view.rows.filter((r) => r.inRegion && !r.isCouncil).map((r) => labelOf(r.la.code));
    expect(sameRegion.length).toBeGreaterThan(3);
    expect(marked('Same region')).toEqual(sameRegion.sort());
    // The marks are also a visual style: the council's row stands out from an unmarked one.
    const background = (name: string) =>
      table()
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
        .locator('td')
        .first()
        .evaluate((cell) => getComputedStyle(cell).backgroundColor);
    const plain = rows.find((r) => r[5] === '')![0]!;
    expect(await background('Derbyshire')).not.toBe(await background(plain));
  });

  it('sorts by value from the column heading, says so in aria-sort, and back the other way', async () => {
    const before = (await tableRows(table())).map((r) => r[0]);
    const valueHeader = table().getByRole('columnheader', { name: 'Value' });
    expect(await valueHeader.getAttribute('aria-sort')).toBeNull();
    expect(await table().getByRole('columnheader', { name: 'Council' }).getAttribute('aria-sort')).toBe('ascending');

    await valueHeader.getByRole('button').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await table().getByRole('columnheader', { name: 'Council' }).getAttribute('aria-sort')).toBeNull();
    const ascending = await tableRows(table());
    expect(ascending.map((r) => r[0])).not.toEqual(before);
    const withValue = view.rows.filter((r) => r.value !== null);
    const lowest = [...withValue].sort((a, b) => a.value! - b.value! || a.la.name.localeCompare(b.la.name))[0]!;
    expect(ascending[0]).toEqual(expect.arrayContaining([labelOf(lowest.la.code), percent(lowest.value!)]));
    const values = ascending.slice(0, withValue.length).map((r) => Number.parseFloat(r[1]!));
    expect(values).toEqual([...withValue.map((r) => r.value!)].sort((a, b) => a - b));
    // Councils without a value come last.
    expect(
      ascending
        .slice(withValue.length)
        .map((r) => r[0])
        .sort(),
    ).toEqual(
      view.rows
        .filter((r) => r.value === null)
        .map((r) => labelOf(r.la.code))
        .sort(),
    );

    await valueHeader.getByRole('button').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = await tableRows(table());
    expect(Number.parseFloat(descending[0]![1]!)).toBe(Math.max(...withValue.map((r) => r.value!)));
    expect(await table().locator('caption').textContent()).toContain('sorted by value, highest first');

    await table().getByRole('columnheader', { name: 'Rank' }).getByRole('button').click();
    const byRank = await tableRows(table());
    expect(byRank[0]![2]).toBe('1');
  });

  it('shows England and every region beside it, and the quartile cut points in a sentence', async () => {
    const totals = page.getByRole('table', { name: /England and the regions/ });
    const rows = await tableRows(totals);
    expect(rows).toHaveLength(view.regions.length + 1);
    expect(rows[0]).toEqual(['England', percent(view.england!.value!)]);
    for (const region of view.regions) {
      const row = rows.find((r) => r[0]!.startsWith(region.name))!;
      expect(row[1]).toEqual(region.value === null ? expect.any(String) : percent(region.value));
    }
    const cuts = view.cutPoints!;
    const sentence = await page.getByText(/Lower is better\. Top quartile:/).textContent();
    expect(sentence).toContain(`Top quartile: ${percent(cuts.q25)} or lower`);
    expect(sentence).toContain(`fourth: above ${percent(cuts.q75)}`);
    // The explanation of rank, quartile and neighbours, for a councillor.
    await page.getByText('What is this?').click();
    expect(await page.getByText(/ten councils DfE judges most like this one/).isVisible()).toBe(true);
  });

  it('downloads the same rows as a CSV file', async () => {
    const link = page.getByRole('link', { name: 'Download CSV' });
    expect(await link.getAttribute('href')).toBe(`${ALL_COUNCILS_API.split('?')[0]}?period=2024-25&la=830&format=csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    const [header, ...body] = csv;
    const column = (name: string) => header!.indexOf(name);
    const councils = body.filter((r) => r[column('old_la_code')] !== '');
    expect(councils.map((r) => [r[column('place')], r[column('value')], r[column('marked')]])).toEqual(
      view.rows.map((r) => [
        r.la.name,
        r.value === null ? '' : String(r.value),
        [r.isCouncil && 'chosen council', r.isNeighbour && 'statistical neighbour', r.inRegion && 'same region']
          .filter(Boolean)
          .join('; '),
      ]),
    );
    expect(body.find((r) => r[column('place')] === 'England')?.[column('value')]).toBe(String(view.england!.value));
  });

  it('changes year from the Year control, in the URL, with that year’s figures', async () => {
    await page.getByLabel('Year').selectOption({ label: '2023/24' });
    await page.waitForURL(/period=2023-24/);
    const earlier = await api<AllCouncils>(`/api/indicators/${MEASURE}/all-councils?period=2023-24&la=830`);
    const derbyshire = earlier.rows.find((r) => r.isCouncil)!;
    await page.getByRole('heading', { level: 1, name: /2023\/24/ }).waitFor();
    const rows = await tableRows(table());
    expect(rows.find((r) => r[0] === 'Derbyshire')![1]).toBe(percent(derbyshire.value!));
    await page.goBack();
    await page.waitForURL(/period=2024-25/);
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    await page.goto(`${server.url}${ALL_COUNCILS}`);
    await table().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'all-councils');
  });

  it('fits a 390-pixel phone: the table scrolls inside its own region, not the page', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}${ALL_COUNCILS}`);
    await phone.getByRole('table', { name: /every council/ }).waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    const region = phone.getByRole('region', { name: "Table of every council's figure" });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'all-councils-phone');
    await phone.close();
  });

  it('is reached from the indicator page, for that indicator and council', async () => {
    await page.goto(`${server.url}/indicators/${MEASURE}?la=830`);
    await page.getByRole('link', { name: 'See every council’s figure' }).click();
    await page.waitForURL((url) => url.pathname === '/all-councils');
    const url = new URL(page.url());
    expect(url.searchParams.get('indicator')).toBe(MEASURE);
    expect(url.searchParams.get('la')).toBe('830');
    await page.getByRole('heading', { level: 1, name: /Children in care with 3 or more placements/ }).waitFor();
    const derbyshire = table()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Derbyshire', exact: true }) });
    expect(await derbyshire.textContent()).toContain('Your council');
  });
});

describe('compare: chosen councils by chosen measures over the years', () => {
  /** The councils and measures in the address. */
  const chosen = () => {
    const url = new URL(page.url());
    return { las: url.searchParams.get('la')!.split(','), indicators: url.searchParams.get('indicator')!.split(',') };
  };

  /** Each measure's table on the page against the API's answer for the address's choice. */
  async function expectTablesMatchApi() {
    const { las, indicators } = chosen();
    const data = await api<Compare>(`/api/compare?la=${las.join(',')}&indicator=${indicators.join(',')}`);
    expect(data.measures.map((m) => m.indicator.id)).toEqual(indicators);
    for (const measure of data.measures) {
      expect(measure.indicator.unit).toBe('percent');
      const table = page.getByRole('table', {
        name: `${measure.indicator.label}: the chosen councils and England, by year`,
      });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(las.length + 1);
      const header = await table.locator('thead th').allTextContents();
      expect(header).toEqual(['Council', ...measure.periods.map((p) => p.label)]);
      const rows = await tableRows(table);
      expect(rows.map((r) => r[0])).toEqual(measure.lines.map((l) => l.name));
      measure.lines.forEach((line, i) => {
        line.values.forEach((v, j) => {
          const cell = rows[i]![j + 1]!;
          if (v.value !== null) expect(cell).toBe(percent(v.value));
          else expect(cell).not.toMatch(/\d/);
        });
      });
      // The chart draws one line per council and England.
      const section = page.getByRole('region', { name: measure.indicator.label, exact: true });
      await section.locator('.recharts-line').first().waitFor();
      expect(await section.locator('.recharts-line').count()).toBe(measure.lines.length);
      expect(await section.getByRole('img', { name: /^Line chart of/ }).count()).toBe(1);
    }
    return data;
  }

  it("opens on the home council and its ten statistical neighbours, and the scorecard set's first two measures, in the URL", async () => {
    const [session, las, set] = await Promise.all([
      api<Session>('/api/session'),
      api<LocalAuthorities>('/api/local-authorities'),
      api<ScorecardSet>('/api/scorecard-set'),
    ]);
    const home = las.localAuthorities.find((l) => l.code === session.homeLa.code)!;
    const latest = home.neighbourModels.reduce((a, b) => (b.modelYear > a.modelYear ? b : a));
    await page.goto(`${server.url}/compare`);
    await page.waitForURL(/\/compare\?la=/);
    expect(chosen()).toEqual({
      las: [home.code, ...[...latest.neighbours].sort((a, b) => a.rank - b.rank).map((n) => n.code)],
      indicators: set.indicators.slice(0, 2).map((i) => i.id),
    });
    expect(chosen().las).toHaveLength(11);
    // The address is readable: the lists are comma-separated.
    expect(page.url()).toContain(`la=${chosen().las.join(',')}`);
    const list = page.getByRole('list', { name: 'Chosen councils' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(11);
    await expectTablesMatchApi();
    expect(consoleErrors).toEqual([]);
  });

  it('adds a council and a measure: both go into the URL and the tables', async () => {
    const before = chosen();
    expect(before.las).not.toContain('830');
    await page.getByLabel('Council to add').selectOption({ label: 'Derbyshire' });
    await page.getByRole('button', { name: 'Add council' }).click();
    await page.waitForURL((url) => url.searchParams.get('la')?.endsWith(',830') ?? false);
    expect(chosen().las).toEqual([...before.las, '830']);
    expect(await page.getByRole('status').filter({ hasText: 'Added Derbyshire.' }).count()).toBe(1);

    await page.getByLabel('Measure to add').selectOption(MEASURE);
    await page.getByRole('button', { name: 'Add measure' }).click();
    await page.waitForURL((url) => url.searchParams.get('indicator')?.endsWith(`,${MEASURE}`) ?? false);
    await page
      .getByRole('heading', { level: 2, name: 'Children in care with 3 or more placements during the year' })
      .waitFor();
    const data = await expectTablesMatchApi();
    expect(data.measures).toHaveLength(3);
    expect(data.las.at(-1)!.name).toBe('Derbyshire');
  });

  it('downloads the same numbers as CSV', async () => {
    const link = page.getByRole('link', { name: 'Download CSV' });
    const { las, indicators } = chosen();
    expect(await link.getAttribute('href')).toBe(
      `/api/compare?la=${las.join(',')}&indicator=${indicators.join(',')}&format=csv`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const [header, ...body] = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    const data = await api<Compare>(`/api/compare?la=${las.join(',')}&indicator=${indicators.join(',')}`);
    const derbyshire = data.measures.find((m) => m.indicator.id === MEASURE)!;
    const line = derbyshire.lines.find((l) => l.code === '830')!;
    const rows = body.filter(
      (r) => r[header!.indexOf('indicator_id')] === MEASURE && r[header!.indexOf('code')] === '830',
    );
    expect(rows.map((r) => [r[header!.indexOf('period')], r[header!.indexOf('value')]])).toEqual(
      derbyshire.periods.map((p, i) => [p.label, line.values[i]!.value === null ? '' : String(line.values[i]!.value)]),
    );
  });

  it('removes a council and a measure: both leave the URL and the tables', async () => {
    const before = chosen();
    await page.getByRole('button', { name: 'Remove Derbyshire' }).click();
    await page.waitForURL((url) => !(url.searchParams.get('la') ?? '').split(',').includes('830'));
    expect(chosen().las).toEqual(before.las.filter((c) => c !== '830'));
    // Focus goes to the list's heading, not lost with the button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Councils (11)');

    await page
      .getByRole('button', { name: 'Remove Children in care with 3 or more placements during the year' })
      .click();
    await page.waitForURL((url) => !(url.searchParams.get('indicator') ?? '').includes(MEASURE));
    expect(chosen().indicators).toEqual(before.indicators.filter((i) => i !== MEASURE));
    expect(
      await page.getByRole('heading', { name: 'Children in care with 3 or more placements during the year' }).count(),
    ).toBe(0);
    const data = await expectTablesMatchApi();
    expect(data.las.map((l) => l.code)).not.toContain('830');
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'compare');
  });

  it('fits a 390-pixel phone: each wide table scrolls inside its own region', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(page.url());
    await phone.locator('.recharts-line').first().waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'compare-phone');
    await phone.close();
  });

  it('opens from the all-councils page on Derbyshire and its neighbours, for that measure', async () => {
    const las = await api<LocalAuthorities>('/api/local-authorities');
    const derbyshire = las.localAuthorities.find((l) => l.code === '830')!;
    const latest = derbyshire.neighbourModels.reduce((a, b) => (b.modelYear > a.modelYear ? b : a));
    await page.goto(`${server.url}${ALL_COUNCILS}`);
    await page.getByRole('link', { name: 'Compare Derbyshire with its statistical neighbours over the years' }).click();
    await page.waitForURL((url) => url.pathname === '/compare');
    expect(chosen()).toEqual({
      las: ['830', ...[...latest.neighbours].sort((a, b) => a.rank - b.rank).map((n) => n.code)],
      indicators: [MEASURE],
    });
    await expectTablesMatchApi();
  });
});

describe('the public version: small numbers suppressed, and totals that would give them back withheld', () => {
  const COUNT = 'lait-no-of-lac-adopted';
  let visitor: Page;
  let view: AllCouncils;
  let threshold: number;

  beforeAll(async () => {
    // An admin turns public read on, on the Settings page.
    const admin = await browser.newPage();
    await signInPage(admin, server, await addUser(server, 'admin'));
    await admin.goto(`${server.url}/settings`);
    await admin.getByLabel(/Public read/).check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Settings saved.').waitFor();
    await admin.close();
    // Someone who has not signed in, in a browser of their own.
    visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const session = (await (await visitor.request.get(`${server.url}/api/session`)).json()) as Session;
    expect(session.user).toBeNull();
    threshold = session.suppressionThreshold;
    const response = await visitor.request.get(`${server.url}/api/indicators/${COUNT}/all-councils?la=830`);
    expect(response.status()).toBe(200);
    view = (await response.json()) as AllCouncils;
    // A count where some councils' figures are small: the public answer suppresses them.
    expect(view.indicator.unit).toBe('count');
    expect(view.rows.some((r) => r.suppressed)).toBe(true);
    expect(view.england?.withheld).toBe(true);
  });

  afterAll(() => visitor?.close());

  it("says a suppressed council's figure is fewer than the threshold, and why England's total is withheld", async () => {
    await visitor.goto(`${server.url}/all-councils?indicator=${COUNT}&la=830`);
    const table = visitor.getByRole('table', { name: /every council, sorted by/ });
    await table.waitFor();
    const header = await table.locator('thead th').allTextContents();
    const value = header.findIndex((h) => h.startsWith('Value'));
    const rows = await tableRows(table);
    expect(rows).toHaveLength(view.rows.length);
    const suppressed = view.rows.filter((r) => r.suppressed).map((r) => r.la.name);
    const saidSuppressed = rows
      .filter((r) => r[value] === `Not shown: small number (fewer than ${threshold})`)
      .map((r) => r[0]);
    expect(saidSuppressed.sort()).toEqual(suppressed.sort());
    // No rank is given beside a hidden value: it would place it between two shown ones.
    expect(header.some((h) => h.startsWith('Rank'))).toBe(false);

    const totals = await tableRows(visitor.getByRole('table', { name: /England and the regions/ }));
    expect(totals[0]).toEqual(['England', "Withheld: it would reveal a suppressed council's figure"]);
    for (const region of view.regions.filter((r) => r.withheld)) {
      expect(totals.find((r) => r[0]!.startsWith(region.name))![1]).toBe(
        "Withheld: it would reveal a suppressed council's figure",
      );
    }
    expect(await axeViolations(visitor)).toEqual([]);
    await screenshot(visitor, 'all-councils-public');
  });

  it('in the compare view too, for the year the council is suppressed', async () => {
    const small = view.rows.find((r) => r.suppressed)!;
    await visitor.goto(`${server.url}/compare?la=${small.la.code},830&indicator=${COUNT}`);
    const table = visitor.getByRole('table', {
      name: `${view.indicator.label}: the chosen councils and England, by year`,
    });
    await table.waitFor();
    const year = (await table.locator('thead th').allTextContents()).indexOf(view.period.label);
    expect(year).toBeGreaterThan(0);
    const rows = await tableRows(table);
    expect(rows.find((r) => r[0] === small.la.name)![year]).toBe(`Not shown: small number (fewer than ${threshold})`);
    expect(rows.find((r) => r[0] === 'England')![year]).toBe("Withheld: it would reveal a suppressed council's figure");
    expect(await axeViolations(visitor)).toEqual([]);
  });
});
