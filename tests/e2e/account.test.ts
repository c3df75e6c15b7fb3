import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../support/browser.ts';
import { addUser, E2E_PASSWORD, startServer, type RunningServer } from '../support/server.ts';

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

async function signInThroughThePage(email: string, password: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  return page;
}

describe('an admin resets a password; the user chooses their own at sign-in', () => {
  it('from the Users page, as the admin and the user would do it', async () => {
    const adminEmail = await addUser(server, 'admin');
    const leadEmail = await addUser(server, 'service-lead', { themes: 'children-in-care' });
    const admin = await signInThroughThePage(adminEmail, E2E_PASSWORD);
    await admin.goto(`${server.url}/users`);
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    // Names shown, themes by their labels, the role editable.
    const row = admin.getByRole('row').filter({ hasText: leadEmail });
    await expect.poll(() => row.innerText()).toContain('Children in care and placement stability');
    expect(await admin.getByLabel(`Role of ${leadEmail}`).inputValue()).toBe('service-lead');
    expect(await axeViolations(admin)).toEqual([]);
    await screenshot(admin, 'users');
    // A role change is asked first (it signs the person out), and a cancelled one changes nothing.
    await admin.getByLabel(`Role of ${leadEmail}`).selectOption('analyst');
    const question = admin.getByRole('alertdialog');
    await question.getByText(/Change .* role from Service lead .* to Analyst\?/).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await admin.getByLabel(`Role of ${leadEmail}`).inputValue()).toBe('service-lead');
    await row.getByRole('button', { name: /Reset password/ }).click();
    const notice = admin.getByRole('status').filter({ hasText: 'one-time password' });
    await notice.waitFor();
    const oneTime = (await notice.locator('code').innerText()).trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    await expect.poll(() => row.innerText()).toContain('Must choose a new password');

    // The user signs in with it and is sent to choose their own before anything else.
    const lead = await signInThroughThePage(leadEmail, oneTime, 390);
    await lead.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(new URL(lead.url()).pathname).toBe('/account');
    await lead.goto(`${server.url}/?la=855&period=2018-19-Q1`);
    await lead.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await axeViolations(lead)).toEqual([]);
    expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(lead, 'account-390');
    // A mistyped repeat is caught on the page; a wrong current password by the server, in words.
    await lead.getByLabel('Current password').fill(oneTime);
    await lead.getByLabel('New password (at least 12 characters)').fill('my own long password');
    await lead.getByLabel('New password again').fill('my own long passwrd');
    await lead.getByRole('button', { name: 'Change password' }).click();
    await lead.getByText('The new password again must be the same as the new password').waitFor();
    await lead.getByLabel('New password again').fill('my own long password');
    await lead.getByRole('button', { name: 'Change password' }).click();
    // Then the dashboard opens as usual.
    await lead.getByRole('heading', { level: 1, name: /Leicestershire: Q1 2018\/19/ }).waitFor();
    await lead.close();
    // Before turning public read on, the admin previews what the public will see: suppressed, in words.
    await admin.goto(`${server.url}/settings`);
    await admin.getByText('Preview what the public will see').click();
    await admin.locator('details').getByRole('heading', { level: 2, name: 'Child protection' }).first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // The old password no longer works; the new one does.
    const again = await signInThroughThePage(leadEmail, 'my own long password');
    expect(new URL(again.url()).pathname).not.toBe('/account');

    // Sign out everywhere: this browser and another are both signed out (issue 21).
    const other = await signInThroughThePage(leadEmail, 'my own long password', 390);
    await again.goto(`${server.url}/account`);
    await again.getByRole('heading', { level: 2, name: 'Sign out everywhere' }).waitFor();
    await screenshot(again, 'account-sign-out-everywhere');
    await again.getByRole('button', { name: 'Sign out everywhere' }).click();
    await again.getByRole('button', { name: 'Sign in' }).first().waitFor();
    await other.reload();
    await other.getByRole('button', { name: 'Sign in' }).first().waitFor();
    expect(await other.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(0);
  });
});
