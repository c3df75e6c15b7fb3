import fs from 'node:fs';

/** Count indicators with no polarity: synthetic values cannot break a percentage check. */
export const SYNTHETIC_INDICATORS = [
  'cic-count',
  'cse-referrals',
  'missing-episodes',
  'missing-children',
  'early-help-families',
  'early-help-individuals',
];

/**
 * Writes a valid Indicate template with `rows` distinct figures (indicator x LA x quarter), streaming,
 * so the generator itself never holds the file. Quarters run back from 2011/12 so keys never collide.
 */
export async function writeSyntheticTemplate(file: string, rows: number, laCodes: string[], seed = 1): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write('indicator,time_period,time_identifier,geographic_level,old_la_code,value\n');
  let random = seed;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random;
  };
  let written = 0;
  let chunk = '';
  // Years before the bundled data (from 2012/13) and never in the future, which the loader refuses.
  outer: for (let year = 2011; year >= 1000; year--) {
    const span = `${year}${String((year + 1) % 100).padStart(2, '0')}`;
    for (let q = 1; q <= 4; q++) {
      for (const indicator of SYNTHETIC_INDICATORS) {
        for (const la of laCodes) {
          chunk += `${indicator},${span},Financial year Q${q},Local authority,${la},${next() % 1000}\n`;
          if (++written === rows) break outer;
          if (chunk.length > 1 << 16) {
            await write(chunk);
            chunk = '';
          }
        }
      }
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  if (written < rows) throw new Error(`only ${written} distinct rows are possible`);
}
