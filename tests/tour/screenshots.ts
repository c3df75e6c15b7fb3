import path from 'node:path';
import { launchBrowser, SCREENSHOTS } from '../support/browser.ts';
import { addUser, CURRENT_QUARTER_FILE, loadFile, signInPage, startServer } from '../support/server.ts';

/**
 * `pnpm tour`: every page of the dashboard as its users see it (the Loads page as an analyst, the rest as an
 * admin), at a laptop's 1366 px and a phone's 390 px,
 * written to tests/screenshots/tour-*.png for a person to open and look at before a change is called done.
 * Starts its own server on a fresh database (a first start), and loads the current quarter
 * (tests/fixtures/leicestershire-2026-27-q1-q2.csv) so the scorecard, indicator and pack are seen as now.
 */
const PAGES: Array<[string, string, ('analyst' | 'admin')?]> = [
  ['scorecard-current-quarter', '/?la=855&period=2026-27-Q2'],
  ['indicator-current-quarter', '/indicators/cp-repeat-plans?la=855&period=2026-27-Q2', 'analyst'],
  ['committee-pack-current-quarter', '/reports/855/2026-27-Q2', 'analyst'],
  ['scorecard', '/?la=855&period=2018-19-Q1'],
  ['indicator', '/indicators/cp-repeat-plans?la=855&period=2018-19-Q1'],
  ['measures', '/measures'],
  ['all-councils', '/all-councils'],
  ['compare', '/compare'],
  ['committee-pack', '/reports/855/2018-19-Q1'],
  ['service-reports-fostering', '/service-reports?report=fostering'],
  ['service-reports-complaints', '/service-reports?report=complaints&period=2025-26'],
  ['service-reports-inspection', '/service-reports?report=inspection'],
  ['loads', '/loads', 'analyst'],
  ['dfe-data', '/dfe', 'analyst'],
  ['users', '/users'],
  ['audit', '/audit'],
  ['settings', '/settings'],
  ['about', '/about'],
  ['glossary', '/glossary'],
  ['account', '/account'],
];

const server = await startServer({}, { fresh: true });
const browser = await launchBrowser();
try {
  // The quarter being reported now, as an analyst loads it (DfE's newest year not yet published).
  await loadFile(server, CURRENT_QUARTER_FILE);
  const users = { admin: await addUser(server, 'admin'), analyst: await addUser(server, 'analyst') };
  for (const width of [1366, 390]) {
    for (const [name, url, role = 'admin'] of PAGES) {
      const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
      const page = await context.newPage();
      await signInPage(page, server, users[role]);
      await page.goto(`${server.url}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      const file = path.join(SCREENSHOTS, `tour-${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${name} at ${width}: ${wide > width ? `OVERFLOWS to ${wide} px` : 'fits'} -> ${file}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
