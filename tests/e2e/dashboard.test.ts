import type { Scorecard, Series } from '@indicate/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, signInPage, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
/** A scrutiny member's browser: every page below shares the signed-in session. */
let context: BrowserContext;
const consoleErrors: string[] = [];

const Q1 = '/?la=855&period=2018-19-Q1';

/** The API as the signed-in page sees it. */
async function api<T>(path: string): Promise<T> {
  return (await (await page.request.get(`${server.url}${path}`)).json()) as T;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

const rowFor = (label: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });

describe("the scorecard: Leicestershire's Q1 2018/19, as a councillor sees it", () => {
  it('opens on the council and its latest period, put in the URL so it can be shared', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: /Leicestershire: Q1 2018\/19/ }).waitFor();
    expect(new URL(page.url()).search).toBe('?la=855&period=2018-19-Q1');
    expect(await page.getByLabel('Council').inputValue()).toBe('855');
  });

  it('shows each indicator with value, direction, RAG in words, quartile and benchmarks, grouped by theme', async () => {
    const card = await api<Scorecard>(`/api/scorecard?la=855&period=2018-19-Q1`);
    await page.getByRole('heading', { level: 2, name: 'Child protection' }).waitFor();
    const repeat = rowFor('Child protection plans that are a second or subsequent plan');
    const cells = await repeat.getByRole('cell').allInnerTexts();
    const api_ = card.rows.find((r) => r.indicator.id === 'cp-repeat-plans')!;
    expect(cells[0]).toBe('Q1 2018/19');
    expect(cells[1]).toContain('12.0%');
    expect(cells[4]).toContain(api_.assessment.rag.label); // "Green", in words
    expect(cells[5]).toContain('Top quartile');
    expect(cells[6]).toContain(`${api_.assessment.statNeighbours!.value!.toFixed(1)}%`);
    expect(cells[7]).toContain(`${api_.assessment.england!.value!.toFixed(1)}%`);
    // Every row of the API is on the page.
    expect(await page.locator('table.scorecard tbody tr').count()).toBe(card.rows.length);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByText(/^From \d+ measures that have been reported for Q1 2018\/19/).count()).toBe(1);
    await screenshot(page, 'scorecard');
    expect(consoleErrors).toEqual([]);
  });

  it('says why a benchmark is missing instead of leaving a blank', async () => {
    // No LAIT measure and no DfE file: the neighbours' average as the paper published it, and no England.
    const schools = rowFor('Schools rated good or outstanding by Ofsted');
    expect(await schools.getByRole('cell').nth(6).innerText()).toContain('as published');
    expect(await schools.getByRole('cell').nth(7).innerText()).toBe(
      'None for 2017/18: no England figure is loaded for it',
    );
  });

  it('filters to exceptions only, in the URL, and back', async () => {
    await page.getByLabel('Exceptions only (amber and red)').check();
    await page.waitForURL(/rag=exceptions/);
    await page.waitForFunction(() => !document.body.innerText.includes('Loading'));
    const card = await api<Scorecard>(`/api/scorecard?la=855&period=2018-19-Q1&rag=exceptions`);
    await expect.poll(() => page.locator('table.scorecard tbody tr').count()).toBe(card.rows.length);
    const rags = await page.locator('table.scorecard tbody tr td:nth-of-type(5)').allInnerTexts();
    expect(rags.every((t) => /Amber|Red/.test(t))).toBe(true);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('rag='));
    expect(await page.getByLabel('Exceptions only (amber and red)').isChecked()).toBe(false);
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('can be used with the keyboard alone: reach a control, change the period, open an indicator', async () => {
    await page.goto(`${server.url}${Q1}`);
    await page.getByRole('heading', { level: 2, name: 'Child protection' }).waitFor();
    await page.getByLabel('Period', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL((url) => !url.search.includes('2018-19-Q1'));
    await page.goto(`${server.url}${Q1}`);
    await page.getByRole('heading', { level: 2, name: 'Child protection' }).waitFor();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached =
        (await page.evaluate(() => document.activeElement?.textContent)) ===
        'Child protection plans that are a second or subsequent plan';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/indicators\/cp-repeat-plans\?la=855&period=2018-19-Q1/);
    await page
      .getByRole('heading', { level: 1, name: 'Child protection plans that are a second or subsequent plan' })
      .waitFor();
  });
});

describe('when the API cannot answer', () => {
  it('the scorecard says so, and a retry loads it', async () => {
    const failing = await context.newPage();
    await failing.route('**/api/scorecard?**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"unavailable","message":"The database is busy."}}',
      }),
    );
    await failing.goto(`${server.url}${Q1}`);
    const alert = failing.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The scorecard could not be loaded: The database is busy.');
    await failing.unroute('**/api/scorecard?**');
    await failing.getByRole('button', { name: 'Try again' }).click();
    await failing.getByRole('heading', { level: 2, name: 'Child protection' }).waitFor();
    await failing.close();
  });

  it('an unknown indicator page says there is no such indicator', async () => {
    const missing = await context.newPage();
    await missing.goto(`${server.url}/indicators/no-such-thing?la=855`);
    const alert = missing.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('There is no indicator "no-such-thing"');
    await missing.close();
  });
});

describe('an indicator page answers: how are we doing, getting better, compared with whom, what is success', () => {
  beforeAll(async () => {
    await page.goto(`${server.url}/indicators/cp-repeat-plans?la=855&period=2018-19-Q1`);
    await page.getByRole('heading', { level: 2, name: 'How are we doing: Q1 2018/19' }).waitFor();
  });

  it('states the definition, which way is good, the figure, its RAG with the rule and reason', async () => {
    expect(await page.getByText('Lower is better.').count()).toBe(1);
    const now = page.getByRole('region', { name: 'How are we doing: Q1 2018/19' });
    expect(await now.innerText()).toContain('12.0%');
    expect(await now.innerText()).toContain('Top quartile nationally.');
    expect(await now.innerText()).toContain('Benchmark rule. Green: Top quartile');
    expect(await now.innerText()).toContain('the latest DfE year that ended on or before 30 June 2018');
  });

  it('draws the trend on its longest series with a table of the same numbers as the API', async () => {
    const series = await api<Series>('/api/indicators/cp-repeat-plans/series?la=855');
    const byKind = (kind: string) => series.points.filter((p) => p.figure.period.kind === kind);
    // The chart opens on the kind of period with most points: DfE's years here, more than the council's quarters.
    const longest =
      byKind('financial-year').length >= byKind('financial-quarter').length ? 'financial-year' : 'financial-quarter';
    const points = byKind(longest);
    const table = page.getByRole('table', { name: /Repeat CP plans: Leicestershire, with benchmarks/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(points.length);
    points.forEach((p, i) => {
      expect(rows[i]).toContain(p.figure.period.label);
      expect(rows[i]).toContain(`${p.figure.value!.toFixed(1)}%`);
    });
    await page.locator('.recharts-line').first().waitFor();
    expect(await page.getByRole('img', { name: /Line chart of Leicestershire/ }).count()).toBe(1);
  });

  it("switches the trend to DfE's yearly figures, each with England beside it", async () => {
    const series = await api<Series>('/api/indicators/cp-repeat-plans/series?la=855');
    const years = series.points.filter((p) => p.figure.period.kind === 'financial-year');
    await page.getByLabel(/^Years \(April to March\)/).check();
    const table = page.getByRole('table', { name: /Repeat CP plans: Leicestershire, with benchmarks/ });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(years.length);
    const last = years[years.length - 1]!;
    expect(await table.locator('tbody tr').last().innerText()).toContain(
      `${last.assessment.england!.value!.toFixed(1)}% (${last.assessment.england!.period.label})`,
    );
    await page.getByLabel(/^Quarters/).check();
    await expect
      .poll(() => table.locator('tbody tr').count())
      .toBe(series.points.filter((p) => p.figure.period.kind === 'financial-quarter').length);
  });

  it('compares with the ten neighbours and England, best first, with a table', async () => {
    const table = page.getByRole('table', { name: /its statistical neighbours and England/ });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(13);
    const chart = page.getByRole('img', { name: /Bar chart of repeat cp plans in 2017\/18/ });
    await chart.waitFor();
    const names = await chart
      .locator('.recharts-yAxis-tick-labels text, .recharts-cartesian-axis-tick-value')
      .allTextContents();
    // recharts wraps long names into tspans; compare without the spaces.
    const bars = names.filter((n) => !/%$/.test(n)).map((n) => n.replace(/\s/g, ''));
    expect(bars).toHaveLength(12);
    expect(bars).toContain('Leicestershire(thiscouncil)');
    expect(bars).toContain('England');
    await screenshot(page, 'indicator');
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('works on a 768-pixel tablet', async () => {
    const tablet = await context.newPage();
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await tablet.goto(`${server.url}${Q1}`);
    await tablet.getByRole('heading', { level: 2, name: 'Child protection' }).waitFor();
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await tablet.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(overflow, wide.join('; ')).toBeLessThanOrEqual(0);
    await screenshot(tablet, 'scorecard-tablet');
    await tablet.close();
  });

  it('explains every term one click away, and the glossary is linked from every page', async () => {
    await page.goto(`${server.url}${Q1}`);
    const table = page.locator('table.scorecard').first();
    const button = table.getByRole('button', { name: 'What is “National quartile”?' });
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await table.getByText(/put in order from best to worst and split into four equal groups/).waitFor();
    // Keyboard: the same button closes it.
    await button.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    for (const path of [Q1, '/indicators/cp-repeat-plans?la=855&period=2018-19-Q1', '/measures', '/all-councils']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page
        .getByRole('contentinfo')
        .getByRole('link', { name: /Glossary/ })
        .waitFor();
    }
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: /Glossary/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
    for (const term of [
      'National quartile',
      'Statistical neighbours',
      'Percentage points',
      'Not shown: small number',
      'As published',
    ]) {
      await page.getByRole('term').filter({ hasText: term }).first().waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'glossary');
  });

  it('on a 390 x 844 phone: each indicator a card, nothing wider than the screen, the RAG in view', async () => {
    const card = await api<Scorecard>(`/api/scorecard?la=855&period=2018-19-Q1`);
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of [Q1, `/indicators/cp-repeat-plans?la=855&period=2018-19-Q1`]) {
      await phone.goto(`${server.url}${path}`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await phone.goto(`${server.url}${Q1}`);
    const cards = phone.getByRole('listitem').filter({ has: phone.getByRole('heading', { level: 3 }) });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(card.rows.length);
    // The table is for wider screens: hidden here, so nothing is read twice.
    expect(await phone.locator('table.scorecard').first().isVisible()).toBe(false);
    const repeat = cards.filter({ hasText: 'Child protection plans that are a second or subsequent plan' });
    const rag = repeat.locator('.rag').first();
    expect(await rag.innerText()).toContain('Green');
    const box = (await rag.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'scorecard-390');

    // The main navigation: one Menu button, its links in one column when opened, closed again on arriving.
    const menu = phone.getByRole('button', { name: 'Menu' });
    const nav = phone.getByRole('navigation', { name: 'Main' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    const top = (await phone.getByRole('heading', { level: 1 }).boundingBox())!.y;
    expect(top).toBeLessThan(260); // the page starts near the top, not below rows of links
    await menu.focus();
    await phone.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const links = nav.getByRole('link');
    const boxes = await Promise.all((await links.all()).map((link) => link.boundingBox()));
    expect(boxes.length).toBeGreaterThan(3);
    for (const b of boxes) {
      expect(b!.x + b!.width).toBeLessThanOrEqual(390);
      expect(b!.height).toBeGreaterThanOrEqual(24); // WCAG 2.2 target size
    }
    expect(new Set(boxes.map((b) => b!.x)).size).toBe(1); // one column
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'menu-390');
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label'))).toBe('Main');
    await links.nth(1).focus(); // the second page, by keyboard
    await phone.keyboard.press('Enter');
    await phone.waitForURL((url) => url.pathname !== '/');
    await phone.getByRole('heading', { level: 1 }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await phone.close();
  });
});
