import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, signInPage, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await signInPage(page, server, await addUser(server, 'viewer'));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`${server.url}/about`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the About the data page in a real browser', () => {
  it('shows what the database holds, read from the API', async () => {
    await page.getByRole('heading', { level: 1, name: 'About the data' }).waitFor();
    const facts = page.getByRole('region', { name: 'What is loaded' });
    await facts.waitFor();
    expect(await facts.locator('dd').allInnerTexts()).toEqual(['450', '158', '309']);
    await screenshot(page, 'about');
    expect(consoleErrors).toEqual([]);
  });

  it('starts with a skip link that keyboard users reach first', async () => {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('has no axe-detectable WCAG 2.2 A/AA violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows an error with a retry when the API cannot answer', async () => {
    const failing = await page.context().newPage();
    await failing.route('**/api/health', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"unavailable","message":"The database is busy."}}',
      }),
    );
    await failing.goto(`${server.url}/about`);
    const alert = failing.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The database is busy.');
    await failing.unroute('**/api/health');
    await failing.getByRole('button', { name: 'Try again' }).click();
    await failing.getByRole('region', { name: 'What is loaded' }).waitFor();
    await failing.close();
  });
});
