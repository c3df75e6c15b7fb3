import path from 'node:path';
import type { IndicatorList, Periods, Scorecard, ScorecardSet, Series } from '@indicate/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot, SCREENSHOTS } from '../support/browser.ts';
import { addUser, signInPage, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let catalogue: IndicatorList;

const RTA = 'Children killed or seriously injured in road traffic accidents';
const Q1 = '/?la=855&period=2018-19-Q1';

/** The API as a signed-in page sees it. */
async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** A signed-in person's browser at 1280 pixels, with the errors its console logs. */
async function signedIn(role: 'viewer' | 'analyst' | 'admin'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInPage(page, server, await addUser(server, role));
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The lowest value on the trend chart's value axis, as its tick labels write it. */
async function lowestTick(page: Page): Promise<number> {
  const chart = page.getByRole('img', { name: /^Line chart of/ });
  await chart.locator('.recharts-line').first().waitFor();
  const ticks = await chart.locator('.recharts-yAxis-tick-labels text').allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  return Math.min(...ticks.map((t) => Number(t.replace(/[^\d.-]/g, ''))));
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { page } = await signedIn('viewer');
  catalogue = await api<IndicatorList>(page, '/api/indicators');
  await page.context().close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("an analyst finds a measure and puts it on the council's scorecard", () => {
  let page: Page;
  let errors: string[];
  const results = () => page.locator('.measure-list > li');
  const yourList = () => page.getByRole('region', { name: 'Your scorecard' }).getByRole('listitem');

  beforeAll(async () => {
    ({ page, errors } = await signedIn('analyst'));
  });

  it('is in the main navigation and lists every measure in the catalogue, with the count', async () => {
    await page.goto(`${server.url}${Q1}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/measures');
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /measures\.$/ })
        .innerText(),
    ).toBe(`${catalogue.indicators.length} measures.`);
    expect(await results().count()).toBe(catalogue.indicators.length);
  });

  it('searches by words, every one of which must match, with the words in the URL', async () => {
    await page.getByLabel('Words to find').fill('road traffic');
    await page.waitForURL((url) => url.searchParams.get('q') === 'road traffic');
    const found = catalogue.indicators.filter((i) =>
      ['road', 'traffic'].every((word) =>
        `${i.label} ${i.shortLabel} ${i.definition} ${i.themeLabel}`.toLowerCase().includes(word),
      ),
    );
    await expect.poll(() => results().count()).toBe(found.length);
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /road traffic/ })
        .innerText(),
    ).toBe(`${found.length} ${found.length === 1 ? 'measure matches' : 'measures match'} “road traffic”.`);
    // The measure named by both words comes first, linked to its page, with its theme, unit and place.
    const first = results().first();
    const link = first.getByRole('link', { name: RTA });
    expect(await link.getAttribute('href')).toBe('/indicators/lait-rta');
    const facts = await first.locator('dl').innerText();
    expect(facts).toMatch(/Theme\s*Health and Wellbeing/);
    expect(facts).toMatch(/Unit\s*Rate per 100,000/);
    expect(facts).toMatch(/On the scorecard\s*No/);
    expect(await first.innerText()).toContain('Road traffic collisions are a major cause of deaths in children');
    // Two words that no measure has together find nothing, and say so.
    expect(
      catalogue.indicators.filter((i) =>
        ['road', 'adoption'].every((word) => `${i.label} ${i.definition}`.toLowerCase().includes(word)),
      ),
    ).toEqual([]);
    await page.getByLabel('Words to find').fill('road adoption');
    await page.getByText('No measure matches “road adoption”.').waitFor();
    expect(await results().count()).toBe(0);
    await page.getByLabel('Words to find').fill('road traffic');
    await page.getByText(/matches? “road traffic”/).waitFor();
  });

  it('filters by theme, in the URL, with the words kept', async () => {
    const theme = catalogue.themes.find((t) => t.label === 'Health and Wellbeing')!;
    await page.getByLabel('Theme').selectOption(theme.id);
    await page.waitForURL((url) => url.searchParams.get('theme') === theme.id);
    expect(new URL(page.url()).searchParams.get('q')).toBe('road traffic');
    await page.getByText(`1 measure matches “road traffic” in Health and Wellbeing.`).waitFor();
    await page.getByLabel('Theme').selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('theme'));
  });

  it('adds the measure to the scorecard, saying so, and the set now ends with it', async () => {
    const before = await api<ScorecardSet>(page, '/api/scorecard-set');
    expect(before.isDefault).toBe(true);
    await page.getByRole('button', { name: `Add to the scorecard: ${RTA}` }).click();
    const said = page.getByRole('status').filter({ hasText: 'is on the scorecard now' });
    await said.waitFor();
    expect(await said.innerText()).toBe(
      `“${RTA}” is on the scorecard now, at the end of its ${before.indicators.length + 1} measures.`,
    );
    const after = await api<ScorecardSet>(page, '/api/scorecard-set');
    expect(after.indicators.map((i) => i.id)).toEqual([...before.indicators.map((i) => i.id), 'lait-rta']);
    expect(after.isDefault).toBe(false);
    // The same button now takes it off again; the result and the list say where it is.
    await page.getByRole('button', { name: `Remove from the scorecard: ${RTA}` }).waitFor();
    expect(await results().first().locator('dl').innerText()).toMatch(
      new RegExp(`On the scorecard\\s*Yes, number ${after.indicators.length} of ${after.indicators.length}`),
    );
    expect(await yourList().last().innerText()).toContain(RTA);
    expect(errors).toEqual([]);
  });

  it("shows it on Leicestershire's scorecard, under its theme, which the theme filter now offers", async () => {
    await page.goto(`${server.url}${Q1}`);
    const card = await api<Scorecard>(page, '/api/scorecard?la=855&period=2018-19-Q1');
    const row = card.rows.find((r) => r.indicator.id === 'lait-rta')!;
    expect(row).toBeDefined();
    await page.getByRole('heading', { level: 2, name: 'Health and Wellbeing' }).waitFor();
    const cells = await page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: RTA }) })
      .getByRole('cell')
      .allInnerTexts();
    expect(cells[0]).toContain(row.figure.period.label);
    expect(cells[1]).toContain(row.figure.value!.toFixed(2));
    // The theme filter lists the set's themes only, in the scorecard's order.
    const set = await api<ScorecardSet>(page, '/api/scorecard-set');
    const themes = [...new Map(set.indicators.map((i) => [i.theme, i.themeLabel])).values()];
    expect(themes.length).toBeLessThan(catalogue.themes.length);
    expect(await page.getByLabel('Theme').locator('option').allTextContents()).toEqual(['All themes', ...themes]);
    await screenshot(page, 'measures-scorecard-with-added-measure');
  });

  it('moves it up with the keyboard, keeping focus on the button, and the set follows', async () => {
    await page.goto(`${server.url}/measures?q=road+traffic`);
    const up = page.getByRole('button', { name: `Move up: ${RTA}` });
    await up.focus();
    await page.keyboard.press('Enter');
    const said = page.getByRole('status').filter({ hasText: 'moved up' });
    await said.waitFor();
    const set = await api<ScorecardSet>(page, '/api/scorecard-set');
    const place = set.indicators.findIndex((i) => i.id === 'lait-rta');
    expect(place).toBe(set.indicators.length - 2);
    expect(await said.innerText()).toBe(
      `“${RTA}” moved up: it is now number ${place + 1} of ${set.indicators.length}.`,
    );
    expect(await yourList().nth(place).innerText()).toContain(RTA);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Move up: ${RTA}`);
    await screenshot(page, 'measures-1280');
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a 390-pixel phone', async () => {
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/measures?q=road+traffic`);
    await phone.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    await phone.getByRole('button', { name: `Remove from the scorecard: ${RTA}` }).waitFor();
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'measures-390-top.png') });
    await screenshot(phone, 'measures-390');
    await phone.close();
  });

  it('removes it, then restores the default set', async () => {
    const defaults = (await api<ScorecardSet>(page, '/api/scorecard-set')).indicators.filter(
      (i) => i.id !== 'lait-rta',
    );
    await page.getByRole('button', { name: `Remove: ${RTA}` }).click();
    await page.getByRole('status').filter({ hasText: 'is no longer on the scorecard' }).waitFor();
    let set = await api<ScorecardSet>(page, '/api/scorecard-set');
    expect(set.indicators.map((i) => i.id)).toEqual(defaults.map((i) => i.id));
    // The same measures as the default, but chosen: the page offers the default itself back.
    expect(set.isDefault).toBe(false);
    await page.getByRole('button', { name: 'Restore the default set' }).click();
    const said = page.getByRole('status').filter({ hasText: 'default set again' });
    await said.waitFor();
    set = await api<ScorecardSet>(page, '/api/scorecard-set');
    expect(set.isDefault).toBe(true);
    expect(await said.innerText()).toBe(
      `The scorecard shows the default set again: the council's ${set.indicators.length} indicators.`,
    );
    expect(await page.getByRole('button', { name: 'Restore the default set' }).count()).toBe(0);
    // Focus is not lost with the button: it is on the list's heading.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your scorecard');
    // And the scorecard no longer has the measure.
    await page.goto(`${server.url}${Q1}`);
    await page.getByRole('heading', { level: 2, name: 'Referrals, assessment and child protection' }).waitFor();
    expect(await page.getByRole('rowheader', { name: RTA }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('a viewer', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signedIn('viewer'));
  });

  it('searches the measures and reads the scorecard set, with no way to change it, and is told who can', async () => {
    await page.goto(`${server.url}/measures?q=road+traffic`);
    await page.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    expect(await page.getByLabel('Words to find').inputValue()).toBe('road traffic');
    await page.getByRole('link', { name: RTA }).waitFor();
    const set = await api<ScorecardSet>(page, '/api/scorecard-set');
    const region = page.getByRole('region', { name: "The scorecard's measures" });
    expect(await region.getByRole('listitem').count()).toBe(set.indicators.length);
    expect(await region.innerText()).toContain(
      'Analysts and admins can change which measures the scorecard shows, and their order.',
    );
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'measures-viewer');
  });

  it("is refused by the API when it tries to change the set, with the session's CSRF token", async () => {
    const { csrfToken } = await api<{ csrfToken: string }>(page, '/api/session');
    const before = await api<ScorecardSet>(page, '/api/scorecard-set');
    const refused = await page.request.put(`${server.url}/api/scorecard-set`, {
      data: { indicators: ['lait-rta'] },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(refused.status()).toBe(403);
    expect(await api<ScorecardSet>(page, '/api/scorecard-set')).toEqual(before);
  });
});

describe('an admin makes Derbyshire the home council and names the service', () => {
  let page: Page;
  const SERVICE = 'Derbyshire Children’s Services';

  beforeAll(async () => {
    ({ page } = await signedIn('admin'));
  });

  it('saves both on the Settings page, and the header shows the name at once', async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Home council: the council the dashboard opens on').selectOption('830');
    await page.getByLabel("The service's name, as the header and the committee pack's title print it").fill(SERVICE);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    await page.getByRole('banner').getByText(`${SERVICE} performance`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'settings');
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/settings`);
    await phone.getByRole('button', { name: 'Save settings' }).waitFor();
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'settings-390');
    await phone.close();
  });

  it("opens the scorecard at / on Derbyshire's latest period, its LAIT-backed rows with quartile and England", async () => {
    const periods = await api<Periods>(page, '/api/periods?la=830');
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.searchParams.get('la') === '830');
    expect(new URL(page.url()).searchParams.get('period')).toBe(periods.latest!.id);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Derbyshire: ${periods.latest!.label}`) }).waitFor();
    expect(await page.getByRole('banner').innerText()).toContain(`${SERVICE} performance`);
    const card = await api<Scorecard>(page, `/api/scorecard?la=830&period=${periods.latest!.id}`);
    const byLait = new Set(catalogue.indicators.filter((i) => i.lait).map((i) => i.id));
    const backed = card.rows.filter((r) => byLait.has(r.indicator.id) && r.assessment.quartile);
    expect(backed.length).toBeGreaterThan(0);
    await page.locator('table.scorecard').first().waitFor();
    for (const row of backed) {
      const cells = await page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: row.indicator.label, exact: true }) })
        .getByRole('cell')
        .allInnerTexts();
      const words = row.assessment.quartile!.words;
      expect(cells[5]).toContain(words[0]!.toUpperCase() + words.slice(1));
      const england = row.assessment.england!;
      expect(cells[7]).toContain(`(${england.period.label})`);
      if (row.indicator.unit === 'percent') {
        expect(cells[7]).toContain(`${england.value!.toFixed(row.indicator.decimals)}%`);
      }
    }
    await screenshot(page, 'scorecard-derbyshire');
  });
});

describe("an indicator page for Derbyshire (the home council now), with LAIT's history and notes", () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signedIn('viewer'));
  });

  it('draws the full trend from LAIT, from 2016 on, with a table of the same figures', async () => {
    await page.goto(`${server.url}/indicators/cp-reviews-in-timescale`);
    await page.getByRole('heading', { level: 1, name: 'Child protection cases reviewed within timescales' }).waitFor();
    const series = await api<Series>(page, '/api/indicators/cp-reviews-in-timescale/series?la=830');
    const table = page.getByRole('table', { name: /Derbyshire, with benchmarks/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr th').allInnerTexts();
    expect(rows).toEqual(series.points.map((p) => p.figure.period.label));
    expect(rows[0]).toMatch(/^(2015\/16|2016)/);
    // The council's own indicator names the LAIT measure that gives its national figures.
    const lait = catalogue.indicators.find((i) => i.id === 'cp-reviews-in-timescale')!.lait!;
    expect(await page.getByText('National figures', { exact: true }).locator('..').innerText()).toContain(
      `From DfE's LAIT measure “${lait.label}”`,
    );
  });

  it('starts the value axis at zero, or fits it to the figures, the choice in the URL', async () => {
    const zero = page.getByLabel('Start the value axis at zero');
    expect(await zero.isChecked()).toBe(true);
    expect(await lowestTick(page)).toBe(0);
    await zero.uncheck();
    await page.waitForURL((url) => url.searchParams.get('zero') === 'false');
    const series = await api<Series>(page, '/api/indicators/cp-reviews-in-timescale/series?la=830');
    const lowest = Math.min(...series.points.map((p) => p.figure.value ?? Infinity));
    await expect.poll(() => lowestTick(page)).toBeGreaterThan(0);
    expect(await lowestTick(page)).toBeLessThanOrEqual(lowest);
    await page.getByRole('img', { name: /The value axis does not start at zero/ }).waitFor();
    await screenshot(page, 'indicator-axis-fitted');
    // The address keeps it: a reload draws the same chart.
    await page.reload();
    expect(await page.getByLabel('Start the value axis at zero').isChecked()).toBe(false);
    expect(await lowestTick(page)).toBeGreaterThan(0);
    await page.getByLabel('Start the value axis at zero').check();
    await page.waitForURL((url) => !url.searchParams.has('zero'));
    await expect.poll(() => lowestTick(page)).toBe(0);
  });

  it("shows a LAIT measure's figure, methodology, where DfE explains it and its source", async () => {
    const rta = catalogue.indicators.find((i) => i.id === 'lait-rta')!;
    const series = await api<Series>(page, '/api/indicators/lait-rta/series?la=830');
    const latest = series.points.filter((p) => p.figure.value !== null).at(-1)!;
    await page.goto(`${server.url}/indicators/lait-rta`);
    await page.getByRole('heading', { level: 1, name: RTA }).waitFor();
    // Not on the scorecard, still judged: its latest figure from the series.
    const now = page.getByRole('region', { name: `How are we doing: ${latest.figure.period.label}` });
    expect(await now.innerText()).toContain(latest.figure.value!.toFixed(2));
    const method = page.getByRole('region', { name: 'How it is measured' });
    expect(await method.innerText()).toContain('Numerator: The number of children aged 0-15 years');
    expect(await method.getByRole('link', { name: 'Where DfE explains it' }).getAttribute('href')).toBe(rta.link);
    expect(await page.getByText("DfE's source", { exact: true }).locator('..').innerText()).toContain(
      rta.sourceDetail!,
    );
    expect(await axeViolations(page)).toEqual([]);
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/indicators/lait-rta`);
    await phone.getByRole('region', { name: 'How it is measured' }).waitFor();
    await phone.locator('.recharts-line').first().waitFor();
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'indicator-lait-390');
    await phone.close();
  });

  it('says when DfE shows no quartiles for a measure', async () => {
    const none = catalogue.indicators.find((i) => i.origin === 'lait' && !i.quartile)!;
    await page.goto(`${server.url}/indicators/${none.id}`);
    await page.getByRole('heading', { level: 1, name: none.label }).waitFor();
    await page.getByText('DfE shows no quartiles for this measure').waitFor();
  });
});
