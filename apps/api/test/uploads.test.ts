import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticTemplate } from '../bench/generate.ts';
import { removeStaleUploadDirs } from '../src/loader/temp.ts';
import { tempDir } from './helpers.ts';
import { liveServer } from './live-server.ts';

/** Uploads over real connections: forms in any shape, slow and vanished clients, and what they leave behind. */

const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator';
const GOOD = `${HEADER}\nplacements-3-or-more,201819,Financial year Q1,Local authority,855,8.3,48,578\n`;
const BOUNDARY = '----indicate-upload-test';

type FormPart = { field: string; value: string } | { file: string; name: string; content: string };

function form(parts: FormPart[]): { body: string; headers: Record<string, string> } {
  const lines: string[] = [];
  for (const part of parts) {
    lines.push(`--${BOUNDARY}`);
    if ('field' in part) lines.push(`Content-Disposition: form-data; name="${part.field}"`, '', part.value);
    else
      lines.push(
        `Content-Disposition: form-data; name="${part.file}"; filename="${part.name}"`,
        'Content-Type: text/csv',
        '',
        part.content,
      );
  }
  lines.push(`--${BOUNDARY}--`, '');
  return { body: lines.join('\r\n'), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const fields = (prefix: string, n: number): FormPart[] =>
  Array.from({ length: n }, (_, i) => ({ field: `${prefix}${i}`, value: `value ${i}` }));

/** This process's upload folders (uploads and unpacked workbooks). */
const uploadDirs = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`indicate-upload-${process.pid}-`));

async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

/** Sends `head` and `body` on a raw connection; resolves with everything the server sent back until it closed. */
function rawRequest(port: number, head: string, body: Buffer | string) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  const closed = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
  });
  socket.write(head);
  socket.write(body);
  return { socket, closed, received: () => received };
}

function requestHead(port: number, server: { headers: Record<string, string> }, url: string, extra: string[]) {
  return [
    `POST ${url} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Cookie: ${server.headers.cookie}`,
    `X-CSRF-Token: ${server.headers['x-csrf-token']}`,
    ...extra,
    '',
    '',
  ].join('\r\n');
}

describe('multipart uploads', () => {
  it('take the file wherever it is in the form, ignoring other fields before and after it', async () => {
    const server = await liveServer();
    const { body, headers } = form([
      ...fields('before', 8),
      { file: 'upload', name: 'quarter 1.csv', content: GOOD },
      ...fields('after', 4),
    ]);
    const response = await server.post('/api/loads?dryRun=true', body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ fileName: 'quarter 1.csv', counts: { new: 1 } });
    expect(uploadDirs()).toEqual([]);
  });

  it('answer a larger file followed by fields over a real connection', async () => {
    const server = await liveServer();
    const las = server.store.db.$client.prepare('select old_la_code from local_authorities').pluck().all() as string[];
    const csvFile = path.join(tempDir(), 'long.csv');
    await writeSyntheticTemplate(csvFile, 20_000, las);
    const { body, headers } = form([
      ...fields('before', 2),
      { file: 'file', name: 'long.csv', content: fs.readFileSync(csvFile, 'utf8') },
      ...fields('after', 3),
    ]);
    const response = await server.post('/api/loads?dryRun=true', body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ fileName: 'long.csv', counts: { new: 20_000, errors: 0 } });
  }, 30_000);

  it('refuse, with a clear message, too many fields, two files, or no file', async () => {
    const server = await liveServer();
    const cases: Array<[FormPart[], number, string]> = [
      [[...fields('f', 25), { file: 'file', name: 'a.csv', content: GOOD }], 400, 'too_many_fields'],
      [
        [
          { file: 'file', name: 'a.csv', content: GOOD },
          { file: 'other', name: 'b.csv', content: GOOD },
        ],
        400,
        'one_file_only',
      ],
      [fields('f', 2), 400, 'no_file'],
    ];
    for (const [parts, status, code] of cases) {
      const { body, headers } = form(parts);
      const response = await server.post('/api/loads?dryRun=true', body, headers);
      expect(response.status, code).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(uploadDirs()).toEqual([]);
  });
});

describe('temporary files', () => {
  it('are gone after a success, a refusal and an error', async () => {
    const server = await liveServer();
    expect((await server.post('/api/loads', GOOD, { 'content-type': 'text/csv' })).status).toBe(201);
    expect((await server.post('/api/loads', 'nope\n1\n', { 'content-type': 'text/csv' })).status).toBe(422);
    expect(
      (await server.post('/api/loads', Buffer.from([0x50, 0x4b, 3, 4, 9, 9]), { 'content-type': 'text/csv' })).status,
    ).toBe(422);
    expect(
      (await server.post('/api/loads?expectPlan=' + 'a'.repeat(64), GOOD, { 'content-type': 'text/csv' })).status,
    ).toBe(409);
    expect(uploadDirs()).toEqual([]);
  });

  it('are gone after the client goes away mid-upload, raw or multipart', async () => {
    const server = await liveServer();
    for (const contentType of ['text/csv', `multipart/form-data; boundary=${BOUNDARY}`]) {
      const start =
        contentType === 'text/csv'
          ? GOOD
          : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${GOOD}`;
      const request = rawRequest(
        server.port,
        requestHead(server.port, server, '/api/loads?dryRun=true', [
          `Content-Type: ${contentType}`,
          'Content-Length: 1000000',
        ]),
        start,
      );
      expect(await eventually(() => uploadDirs().length > 0)).toBe(true);
      request.socket.destroy();
      expect(await eventually(() => uploadDirs().length === 0), contentType).toBe(true);
    }
    // The server carries on.
    expect((await server.get('/api/health')).status).toBe(200);
  });

  it('left by a process that was killed are removed at the next start; live ones are kept', () => {
    const tmp = tempDir();
    // A process id that has certainly ended: a child that has already exited.
    const dead = Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
    );
    const make = (name: string, ageMs = 0) => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'upload'), 'x');
      if (ageMs) fs.utimesSync(dir, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
    };
    make(`indicate-upload-${dead}-aaaaaa`);
    make(`indicate-upload-${process.pid}-bbbbbb`);
    make('indicate-upload-cccccc', 2 * 60 * 60 * 1000);
    make('indicate-upload-dddddd');
    make('something-else');
    expect(removeStaleUploadDirs(tmp)).toBe(2);
    expect(fs.readdirSync(tmp).sort()).toEqual([
      `indicate-upload-${process.pid}-bbbbbb`,
      'indicate-upload-dddddd',
      'something-else',
    ]);
  });
});

describe('a slow body', () => {
  it('is cut off at the upload deadline with a 408, raw or multipart, and leaves nothing behind', async () => {
    const server = await liveServer({ uploadTimeoutMs: 400 });
    const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;
    const cases: Array<[string, string]> = [
      ['text/csv', GOOD],
      [multipartType, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${GOOD}`],
      // Stalls in a field before any file.
      [multipartType, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nstill typ`],
    ];
    for (const [contentType, start] of cases) {
      const started = Date.now();
      // Promises a megabyte, sends a few hundred bytes, then trickles nothing more.
      const request = rawRequest(
        server.port,
        requestHead(server.port, server, '/api/loads', [`Content-Type: ${contentType}`, 'Content-Length: 1000000']),
        start,
      );
      const answer = await Promise.race([
        request.closed,
        new Promise<string>((resolve) => setTimeout(() => resolve(`still open: ${request.received()}`), 5000)),
      ]);
      request.socket.destroy();
      expect(answer, contentType).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('"code":"upload_timeout"');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await eventually(() => uploadDirs().length === 0)).toBe(true);
    }
    expect((await server.get('/api/health')).status).toBe(200);
  }, 30_000);
});
