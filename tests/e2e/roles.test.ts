import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, E2E_PASSWORD, startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInThroughThePage(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  // A user an admin added chooses their own password first (the admin saw the one they were given).
  if (new URL(page.url()).pathname === '/account') {
    const chosen = 'a passphrase of my own choosing';
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password (at least 12 characters)').fill(chosen);
    await page.getByLabel('New password again').fill(chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname !== '/account');
    passwords[email] = chosen;
  }
  return page;
}

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string }).csrfToken;
}

describe('trust, tried as a new council would', () => {
  let admin: Page;

  it('a fresh start asks for sign-in and says how to create the first admin', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByText('pnpm cli user add --email you@example.org --role admin').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    expect(server.output()).toContain('No one can sign in yet. Create the first admin');
    await page.close();
  });

  it('the first admin, made on the command line, signs in and adds a viewer and an analyst', async () => {
    const email = await addUser(server, 'admin', { email: 'admin@council.example.org' });
    admin = await signInThroughThePage(email, E2E_PASSWORD);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    for (const [who, role] of [
      ['viewer@council.example.org', 'Viewer (scrutiny member)'],
      ['analyst@council.example.org', 'Analyst'],
    ] as const) {
      await admin.getByLabel('Email address').fill(who);
      await admin.getByLabel('Role', { exact: true }).selectOption({ label: role });
      await admin.getByRole('button', { name: 'Add user' }).click();
      const added = admin.getByRole('status').filter({ hasText: `Added ${who}` });
      await added.waitFor();
      passwords[who] = (await added.locator('code').innerText()).trim();
    }
    await admin.getByRole('row', { name: /analyst@council\.example\.org/ }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await screenshot(admin, 'users');
  });

  it('the viewer reads the scorecard but cannot load, override or see the audit log', async () => {
    const viewer = await signInThroughThePage('viewer@council.example.org', passwords['viewer@council.example.org']!);
    await viewer.getByRole('heading', { level: 1, name: /Leicestershire: Q1 2018\/19/ }).waitFor();
    expect(await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual([
      'Scorecard',
      'All councils',
      'Compare',
      'Measures',
      'Service reports',
      'About the data',
    ]);
    await viewer.goto(`${server.url}/loads`);
    await viewer.getByText('This page is for analysts only.').waitFor();
    const token = await csrf(viewer);
    const load = await viewer.request.post(`${server.url}/api/loads`, {
      headers: { 'content-type': 'text/csv', 'x-csrf-token': token },
      data: 'indicator,time_period,time_identifier,geographic_level,old_la_code,value\n',
    });
    expect(load.status()).toBe(403);
    const override = await viewer.request.post(`${server.url}/api/overrides`, {
      headers: { 'x-csrf-token': token },
      data: {
        indicatorId: 'cp-repeat-plans',
        la: '855',
        period: '2018-19-Q1',
        status: 'red',
        reason: 'I would like it red',
      },
    });
    expect(override.status()).toBe(403);
    expect((await viewer.request.get(`${server.url}/api/audit`)).status()).toBe(403);
    await viewer.context().close();
  });

  it("the analyst's load appears in the audit log with who and when", async () => {
    const analyst = await signInThroughThePage(
      'analyst@council.example.org',
      passwords['analyst@council.example.org']!,
    );
    // Made-up figures, far from the council's last ones: loaded with the jumps confirmed, as the analyst would.
    const response = await analyst.request.post(`${server.url}/api/loads?fileName=q2-2018-19.csv&confirmJumps=true`, {
      headers: { 'content-type': 'text/csv', 'x-csrf-token': await csrf(analyst) },
      data:
        'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator\n' +
        'cse-referrals,201819,Financial year Q2,Local authority,855,3,,\n' +
        'cp-repeat-plans,201819,Financial year Q2,Local authority,855,14.0,35,250\n',
    });
    expect(response.status()).toBe(201);
    await admin.goto(`${server.url}/audit?action=load`);
    const row = admin.getByRole('row').filter({ hasText: 'analyst@council.example.org' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('q2-2018-19.csv');
    // The action in words, not its code.
    expect(await row.first().innerText()).toContain('Loaded a file');
    expect(await axeViolations(admin)).toEqual([]);
    await analyst.context().close();
  });

  it('with public read on, an anonymous visitor sees the scorecard with small numbers suppressed', async () => {
    await admin.goto(`${server.url}/settings`);
    await admin.getByLabel(/Public read/).check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Settings saved.').waitFor();

    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await visitor.goto(`${server.url}/?la=855&period=2018-19-Q2`);
    await visitor.getByRole('heading', { level: 1, name: /Leicestershire: Q2 2018\/19/ }).waitFor();
    await visitor.getByText(/You are viewing the public version: numbers below 5 are not shown/).waitFor();
    const cse = visitor.getByRole('row').filter({ has: visitor.getByRole('rowheader', { name: /CSE/ }) });
    expect(await cse.getByRole('cell').nth(1).innerText()).toContain('fewer than 5');
    const repeat = visitor.getByRole('row').filter({
      has: visitor.getByRole('rowheader', { name: 'Child protection plans that are a second or subsequent plan' }),
    });
    expect(await repeat.getByRole('cell').nth(1).innerText()).toContain('14.0%');
    expect(await visitor.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(0);
    await screenshot(visitor, 'public-scorecard');
    await visitor.close();
  });
});
