import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { LoadReportSchema } from '@indicate/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackWorkbook } from '../src/loader/unzip.ts';
import { tempDir } from './helpers.ts';
import { liveServer, pollHealth } from './live-server.ts';

/**
 * A workbook whose zip lies about its sizes: its directory and local headers declare a few hundred
 * bytes for a sheet that really inflates to 200 MB. The size check that trusted the directory let it
 * through, the sheet reader unpacked it all, and eight at once took the server down.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIE = 512;

/** 200 MB of zeros, deflated (about 200 KB), streamed so the test never holds the 200 MB. */
async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

type Part = { name: string; data: Buffer; crc: number; declared: number; compressed?: number };

/** A zip written by hand, with whatever sizes we choose to declare in both headers. */
function zip(parts: Part[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const compressed = part.compressed ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(part.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(part.crc, 16);
    entry.writeUInt32LE(compressed, 20);
    entry.writeUInt32LE(part.declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    out.push(local, name, part.data);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

function honest(name: string, text: string): Part {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), declared: raw.length };
}

let bomb: Buffer;
let bothLie: Buffer;

beforeAll(async () => {
  const zeros = await deflatedZeros(200);
  const parts = [
    honest(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    honest(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="figures" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    honest(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
  // The compressed size is true (a reader finds all 200 MB); the unpacked size is a lie.
  bomb = zip([...parts, { name: 'xl/worksheets/sheet1.xml', data: zeros, crc: 0, declared: LIE }]);
  // Both sizes lie: the directory says the sheet is a few hundred bytes either way.
  bothLie = zip([...parts, { name: 'xl/worksheets/sheet1.xml', data: zeros, crc: 0, declared: LIE, compressed: LIE }]);
  expect(bomb.length).toBeLessThan(1024 * 1024);
}, 60_000);

const uploadDirs = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`indicate-upload-${process.pid}-`));

describe('a workbook that lies about its sizes', () => {
  it('is refused while unpacking, after at most its declared size, naming the file', async () => {
    for (const [name, bytes] of [
      ['bomb.xlsx', bomb],
      ['both.xlsx', bothLie],
    ] as const) {
      const file = path.join(tempDir(), name);
      fs.writeFileSync(file, bytes);
      const dir = tempDir();
      await expect(unpackWorkbook(file, dir, name)).rejects.toThrowError(
        new RegExp(
          `^The workbook "${name.replace('.', '\\.')}" cannot be read safely: its part xl/worksheets/sheet1\\.xml `,
        ),
      );
    }
  });

  it('sent to POST /api/loads is a 422 naming the file, while /api/health keeps answering', async () => {
    const server = await liveServer();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const health = pollHealth(server.base);
    try {
      const response = await server.post('/api/loads?dryRun=true&fileName=bomb.xlsx', bomb, { 'content-type': XLSX });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; details: unknown } };
      const report = LoadReportSchema.parse(body.error.details);
      expect(report.errors[0]!.message).toBe(
        'The workbook "bomb.xlsx" cannot be read safely: its part xl/worksheets/sheet1.xml unpacks to more than the file declares for it. Nothing was loaded; open it in Excel and save the first sheet as CSV (or .xlsx) again.',
      );
    } finally {
      clearInterval(sampler);
    }
    const { latencies, failures } = await health.stop();
    expect(failures).toBe(0);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    // The 200 MB never existed in memory: growth is the worker thread's own, not the sheet's.
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    expect(uploadDirs()).toEqual([]);
  }, 60_000);

  it('eight at once: every one refused, the process survives, memory stays bounded', async () => {
    const server = await liveServer();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const health = pollHealth(server.base);
    let statuses: number[];
    try {
      statuses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          server
            .post(`/api/loads?dryRun=true&fileName=bomb-${i}.xlsx`, i % 2 ? bothLie : bomb, { 'content-type': XLSX })
            .then(async (r) => {
              const body = (await r.json()) as { error: { details: { errors: Array<{ message: string }> } } };
              expect(body.error.details.errors[0]!.message).toContain(`"bomb-${i}.xlsx" cannot be read safely`);
              return r.status;
            }),
        ),
      );
    } finally {
      clearInterval(sampler);
    }
    expect(statuses).toEqual(Array(8).fill(422));
    const { latencies, failures } = await health.stop();
    expect(failures).toBe(0);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(peak - before).toBeLessThan(300 * 1024 * 1024);
    // Still serving, and still loading honest files.
    expect((await server.get('/api/health')).status).toBe(200);
    expect(uploadDirs()).toEqual([]);
  }, 120_000);

  it('an honest workbook still loads through the same route', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('figures');
    sheet.addRow(['indicator', 'time_period', 'time_identifier', 'geographic_level', 'old_la_code', 'value']);
    sheet.addRow(['placements-3-or-more', 201819, 'Financial year Q1', 'Local authority', '855', 8.3]);
    sheet.addRow([
      'placements-3-or-more',
      201718,
      'Financial year Q4',
      'Local authority',
      855,
      { formula: '7.3', result: 7.3 },
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const server = await liveServer();
    const response = await server.post('/api/loads?fileName=q1.xlsx', bytes, { 'content-type': XLSX });
    expect(response.status).toBe(201);
    expect(LoadReportSchema.parse(await response.json())).toMatchObject({
      format: 'indicate-template-xlsx',
      committed: true,
      counts: { new: 2, errors: 0 },
    });
    expect(uploadDirs()).toEqual([]);
  }, 60_000);
});
