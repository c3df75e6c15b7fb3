import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { addUser, sessionCookie, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the API docs page, from the running server', () => {
  it('lists every route with its parameters, and is accessible', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/api/docs`);
    const routes = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    for (const route of [
      'GET /api/scorecard',
      'GET /api/indicators/{id}/series',
      'POST /api/loads',
      'GET /api/health',
    ]) {
      expect(routes).toContain(route);
    }
    expect(await page.getByRole('table', { name: 'Parameters' }).count()).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("serves Leicestershire's Q1 2018/19 scorecard from the first start's data", async () => {
    const response = await fetch(`${server.url}/api/scorecard?la=855&period=2018-19-Q1`, {
      headers: { 'accept-encoding': 'gzip', cookie: await sessionCookie(server, await addUser(server, 'viewer')) },
    });
    expect(response.status).toBe(200);
    const card = (await response.json()) as { rows: Array<{ indicator: { id: string }; figure: { value: number } }> };
    expect(card.rows.find((r) => r.indicator.id === 'placements-3-or-more')?.figure.value).toBe(8.3);
  });
});
