import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS } from '../support/browser.ts';
import { addUser, CURRENT_QUARTER_FILE, loadFile, sessionCookie, startServer } from '../support/server.ts';

/**
 * `pnpm tour:pdfs`: the PDF papers as a person opens them: each service report's paper for the quarter being
 * reported and the committee pack for it (paper and members' annex), written to tests/screenshots/*.pdf, to open
 * and look at page by page (with `gs -sDEVICE=png16m` if a picture is wanted).
 */
const server = await startServer({}, { fresh: true });
try {
  await loadFile(server, CURRENT_QUARTER_FILE);
  const analyst = await addUser(server, 'analyst');
  const cookie = await sessionCookie(server, analyst);
  const get = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${url}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return response;
  };
  const save = async (name: string, url: string) => {
    const file = path.join(SCREENSHOTS, name);
    fs.writeFileSync(file, Buffer.from(await (await get(url)).arrayBuffer()));
    console.log(`${url} -> ${file}`);
  };
  for (const report of ['fostering', 'complaints', 'inspection'])
    await save(`service-report-${report}.pdf`, `/api/reports/${report}/pdf`);
  const session = (await (await get('/api/session')).json()) as { csrfToken: string };
  const pack = (await (
    await get('/api/packs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ la: '855', period: '2026-27-Q2' }),
    })
  ).json()) as { id: number };
  await save('committee-pack-2026-27-Q2.pdf', `/api/packs/${pack.id}/pdf`);
  await save('committee-pack-2026-27-Q2-annex.pdf', `/api/packs/${pack.id}/pdf?part=annex`);
} finally {
  await server.stop();
}
