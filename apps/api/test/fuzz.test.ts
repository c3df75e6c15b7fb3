import fs from 'node:fs';
import path from 'node:path';
import { ErrorEnvelopeSchema, LoadReportSchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { signIn } from './sign-in.ts';
import { DATA_DIR, freshStore, testApp } from './helpers.ts';

/** A small deterministic generator, so a failing case can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATE = fs.readFileSync(path.join(DATA_DIR, 'local', 'leicestershire-committee-papers.csv'));
const DFE = Buffer.from(
  fs
    .readFileSync(path.join(DATA_DIR, 'dfe', 'la_cla_placement_stability.csv'), 'utf8')
    .split('\n')
    .slice(0, 400)
    .join('\n'),
);

type Mutation = (input: Buffer, random: () => number) => Buffer;
const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const lines = (b: Buffer) => b.toString('utf8').split('\n');
const join = (l: string[]) => Buffer.from(l.join('\n'));

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  flipBytes: (b, r) => {
    const copy = Buffer.from(b);
    for (let i = 0; i < 1 + r() * 20; i++) copy[Math.floor(r() * copy.length)] = Math.floor(r() * 256);
    return copy;
  },
  binaryNoise: (b, r) => {
    const at = Math.floor(r() * b.length);
    const noise = Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256)));
    return Buffer.concat([b.subarray(0, at), noise, b.subarray(at)]);
  },
  shuffleColumns: (b, r) => {
    const rows = lines(b).map((l) => l.split(','));
    const width = rows[0]!.length;
    const order = [...Array(width).keys()].sort(() => r() - 0.5);
    return join(rows.map((cells) => order.map((i) => cells[i] ?? '').join(',')));
  },
  hugeNumbers: (b, r) =>
    Buffer.from(
      b
        .toString('utf8')
        .replace(/\b\d+(\.\d+)?\b/g, (m) =>
          r() < 0.1 ? pick(['9'.repeat(400), '1e308', '-0', '00000000000000000000001', 'Infinity', 'NaN'], r) : m,
        ),
    ),
  formulaCells: (b, r) => {
    const rows = lines(b);
    for (let i = 0; i < 5; i++) {
      const row = 1 + Math.floor(r() * (rows.length - 1));
      const cells = (rows[row] ?? '').split(',');
      cells[Math.floor(r() * cells.length)] = pick(
        ['=HYPERLINK("http://x","y")', '+cmd|/c calc!A1', '@SUM(1+1)', '-2+3', '=1/0'],
        r,
      );
      rows[row] = cells.join(',');
    }
    return join(rows);
  },
  latin1: (b) => Buffer.from(b.toString('utf8').replace(/a/g, 'á'), 'latin1'),
  utf16: (b) => Buffer.from(`\uFEFF${b.toString('utf8')}`, 'utf16le'),
  duplicateRows: (b, r) => {
    const rows = lines(b);
    for (let i = 0; i < 3; i++)
      rows.splice(1 + Math.floor(r() * (rows.length - 1)), 0, rows[1 + Math.floor(r() * (rows.length - 1))] ?? '');
    return join(rows);
  },
  dropHeaderColumn: (b, r) => {
    const rows = lines(b);
    const header = rows[0]!.split(',');
    header.splice(Math.floor(r() * header.length), 1);
    rows[0] = header.join(',');
    return join(rows);
  },
  unicode: (b, r) =>
    Buffer.from(
      b
        .toString('utf8')
        .replace(/e/g, () => (r() < 0.05 ? pick(['é', '😀', '\u202e', '\u0000', 'ﬀ', '\uFFFD'], r) : 'e')),
    ),
  empty: () => Buffer.alloc(0),
  whitespace: () => Buffer.from(' \n\t\r\n   \n'),
  longLine: (b, r) => Buffer.concat([b, Buffer.from(`\n${'x,'.repeat(Math.floor(20_000 + r() * 80_000))}\n`)]),
  lineEndings: (b) => Buffer.from(`\uFEFF${b.toString('utf8').replace(/\n/g, '\r\n')}`),
  strayQuotes: (b, r) => Buffer.from(b.toString('utf8').replace(/,/g, (m) => (r() < 0.02 ? ',"' : m))),
  dropRows: (b, r) => join(lines(b).filter((_, i) => i === 0 || r() > 0.5)),
  headerOnly: (b) => join(lines(b).slice(0, 1)),
  zipHeader: (b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), b]),
  manyColumns: (b) => Buffer.from(b.toString('utf8').replace(/\n/, `${',extra'.repeat(500)}\n`)),
};

describe('at least 1,000 mutated files through POST /api/loads', () => {
  it('each gets a clear report (200 or 422), never a crash or a 500, and the database stays sound', async () => {
    const store = freshStore();
    const app = await signIn(await testApp({ store }), store, 'analyst');
    const names = Object.keys(MUTATIONS);
    const statuses: Record<number, number> = {};
    const runs = 1040;
    for (let seed = 1; seed <= runs; seed++) {
      const random = prng(seed);
      const base = random() < 0.7 ? TEMPLATE : DFE;
      let body = base;
      const applied: string[] = [];
      for (let n = 0; n < 1 + Math.floor(random() * 3); n++) {
        const name = pick(names, random);
        applied.push(name);
        body = Buffer.from(MUTATIONS[name]!(body, random));
      }
      const dryRun = random() < 0.9;
      const response = await app.inject({
        method: 'POST',
        url: `/api/loads?dryRun=${dryRun}&fileName=fuzz-${seed}.csv`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      const context = `seed ${seed}, mutations ${applied.join('+')}, status ${response.statusCode}`;
      expect([200, 201, 409, 422], context).toContain(response.statusCode);
      if (response.statusCode === 409) {
        // A commit whose figures jump far from the council's last ones waits for the analyst to confirm them.
        const envelope = ErrorEnvelopeSchema.parse(response.json());
        expect(envelope.error.code, context).toBe('jumps_unconfirmed');
        expect(dryRun, context).toBe(false);
      } else if (response.statusCode === 422) {
        const envelope = ErrorEnvelopeSchema.parse(response.json());
        const report = LoadReportSchema.parse(envelope.error.details);
        expect(report.errors.length, context).toBeGreaterThan(0);
        for (const error of report.errors) expect(error.message.length, context).toBeGreaterThan(10);
        expect(report.committed, context).toBe(false);
      } else {
        const report = LoadReportSchema.parse(response.json());
        expect(report.counts.errors, context).toBe(0);
      }
    }
    expect(store.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    // No staging table outlives its load.
    expect(store.db.$client.prepare("select count(*) as n from sqlite_temp_master where type = 'table'").get()).toEqual(
      { n: 0 },
    );
    // Both outcomes are exercised: the mutations are not all fatal, nor all harmless.
    expect(statuses[422]).toBeGreaterThan(100);
    expect((statuses[200] ?? 0) + (statuses[201] ?? 0)).toBeGreaterThan(50);
  }, 180_000);
});
