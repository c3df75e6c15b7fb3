import path from 'node:path';
import type { Pack } from '@indicate/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, SCREENSHOTS, screenshot } from '../support/browser.ts';
import { addUser, signInPage, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let analyst: Page;
let lead: Page;
const URL_PATH = '/reports/855/2018-19-Q1';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  analyst = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signInPage(analyst, server, await addUser(server, 'analyst'));
  lead = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const themes =
    'child-protection,children-in-care,care-leavers,adoption,missing-and-exploitation,health,early-help,youth-justice,education-and-employment';
  await signInPage(lead, server, await addUser(server, 'service-lead', { themes }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the committee pack for Leicestershire's Q1 2018/19", () => {
  it('an analyst drafts it from the data: the papers’ figures, each number’s source a visible note', async () => {
    await analyst.goto(`${server.url}${URL_PATH}`);
    await analyst.getByRole('button', { name: 'Draft the pack from the data' }).click();
    await analyst.getByRole('heading', { level: 1, name: /Leicestershire: Q1 2018\/19/ }).waitFor();
    const placements = analyst.locator('.pack__paragraph').filter({
      has: analyst.getByRole('heading', { name: /Children in care with 3 or more placements/ }),
    });
    expect(await placements.locator('p').first().innerText()).toContain('8.3%');
    // The number reads as itself (aloud and when copied), its source in a note the reader opens.
    expect(await placements.getByRole('link', { name: /^8\.3%/ }).count()).toBe(0);
    await placements.getByText('Where these numbers come from').click();
    expect(await placements.locator('.sources li').first().innerText()).toMatch(
      /^8\.3%: the council’s figure, 2018-19-Q1, seeds\/002/,
    );
    const link = placements.getByRole('link', { name: /The indicator's page/ });
    expect(await link.getAttribute('href')).toBe('/indicators/placements-3-or-more?la=855&period=2018-19-Q1');
    await analyst.getByRole('button', { name: 'Mark ready for review' }).click();
    await analyst.getByText('ready for review').waitFor();
  });

  it('a service lead adds the commentary amber and red need, and publishes it', async () => {
    await lead.goto(`${server.url}${URL_PATH}`);
    await lead.getByRole('heading', { level: 1, name: /Leicestershire: Q1 2018\/19/ }).waitFor();
    const pack = (await (await lead.request.get(`${server.url}/api/packs?la=855&period=2018-19-Q1`)).json()) as Array<{
      id: number;
    }>;
    const full = (await (await lead.request.get(`${server.url}/api/packs/${pack[0]!.id}`)).json()) as Pack;
    const exceptions = full.paragraphs.filter((p) => p.ragStatus === 'amber' || p.ragStatus === 'red');
    expect(exceptions.length).toBeGreaterThan(0);
    for (const p of exceptions) {
      const section = lead.locator('.pack__paragraph').filter({ has: lead.getByRole('heading', { name: p.label }) });
      await section.getByText('Edit or add commentary').click();
      await section
        .getByLabel('Text')
        .fill(`We know why ${p.label.toLowerCase()} is ${p.ragStatus}, and what we are doing.`);
      await section.getByRole('button', { name: 'Save' }).click();
      await section.getByText('Why, and what we are doing:').waitFor();
    }
    await lead.getByRole('button', { name: 'Publish' }).click();
    await lead.getByText(/published by/).waitFor();
    expect(await axeViolations(lead)).toEqual([]);
    await screenshot(lead, 'committee-pack');
    // The paper is public; what it withholds is in the members-only annex, closed until asked for (issue 21).
    expect(full.annex.length).toBeGreaterThan(0);
    const annex = lead.locator('section.pack__annex');
    await annex.getByRole('heading', { level: 2, name: 'Members-only annex: not for publication' }).waitFor();
    await annex.locator('summary').click();
    await annex
      .getByText(/the paper leaves out/)
      .first()
      .waitFor();
    expect(await lead.getByRole('link', { name: /Members-only annex as PDF \(not for publication\)/ }).count()).toBe(1);
    expect(await axeViolations(lead)).toEqual([]);
    await annex.screenshot({ path: path.join(SCREENSHOTS, 'committee-pack-annex.png') });
  }, 120_000);

  it('reads on a 390 x 844 phone: nothing wider than the screen, each indicator a card', async () => {
    const phone = await lead.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}${URL_PATH}`);
    await phone.getByText(/published by/).waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await phone.locator('.scorecard-card').first().isVisible()).toBe(true);
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'committee-pack-390');
    await phone.locator('section.pack__annex summary').click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone
      .locator('section.pack__annex')
      .screenshot({ path: path.join(SCREENSHOTS, 'committee-pack-annex-390.png') });
    await phone.close();
  });

  it('the PDF opens with the same content', async () => {
    const list = (await (await lead.request.get(`${server.url}/api/packs?la=855&period=2018-19-Q1`)).json()) as Array<{
      id: number;
      state: string;
    }>;
    expect(list[0]!.state).toBe('published');
    const pdf = await lead.request.get(`${server.url}/api/packs/${list[0]!.id}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('on an indicator page a service lead overrides the RAG with a reason and sets the target; both show at once', async () => {
    await lead.goto(`${server.url}/indicators/placements-3-or-more?la=855&period=2018-19-Q1`);
    await lead.getByRole('heading', { level: 2, name: 'How are we doing: Q1 2018/19' }).waitFor();
    await lead.getByLabel('Status', { exact: true }).selectOption('red');
    await lead
      .getByLabel('Reason')
      .fill('Three children moved twice in June; the trend is worse than the quartile says.');
    await lead.getByRole('button', { name: 'Save override' }).click();
    const now = lead.getByRole('region', { name: 'How are we doing: Q1 2018/19' });
    await now.getByText('overridden; proposed green').waitFor();
    expect(await now.innerText()).toContain('Override: Three children moved twice in June');
    await lead.getByLabel('Target for this period').fill('9');
    await lead.getByLabel('Tolerance for amber').selectOption('relative');
    await lead.getByLabel('Percentage').fill('10');
    await lead.getByRole('button', { name: 'Save target' }).click();
    // Said with its tolerance and how the figure stands against it.
    await now.getByText('Target 9.0% (± 10% of the target): met', { exact: false }).waitFor();
    const target = (await (
      await lead.request.get(`${server.url}/api/indicators/placements-3-or-more/series?la=855`)
    ).json()) as { points: Array<{ figure: { period: { id: string } }; assessment: { target: unknown } }> };
    expect(target.points.find((p) => p.figure.period.id === '2018-19-Q1')!.assessment.target).toMatchObject({
      value: 9,
      tolerance: { kind: 'relative', amount: 10 },
    });
    expect(await axeViolations(lead)).toEqual([]);
  });
});
