/**
 * Writes the synthetic example returns of the fictional council "Northshire" (LA code 999): SSDA903 tables as
 * CSV and the CIN census as XML, one file per table per collection year, plus a README saying what they are.
 *
 *   node --import tsx scripts/generate-returns.ts [--out data/examples/returns] [--seed N] [--as-at YYYY-MM-DD]
 *                                                 [--children N] [--referrals N]
 *
 * Every child in these files is invented by a seeded random generator: no real child's data is used.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXAMPLE_PRESET, generateReturnsWithFacts, type GenerateOptions } from '../packages/returns/src/generate.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const out = resolve(arg('--out') ?? 'data/examples/returns');
const options: GenerateOptions = {
  ...EXAMPLE_PRESET,
  seed: Number(arg('--seed') ?? EXAMPLE_PRESET.seed),
  asAt: arg('--as-at') ?? EXAMPLE_PRESET.asAt,
};
if (arg('--children')) options.childrenLookedAfter = Number(arg('--children'));
if (arg('--referrals')) options.referrals = Number(arg('--referrals'));
if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asAt) || !Number.isInteger(options.seed)) {
  console.error('Usage: --seed <integer> --as-at <yyyy-mm-dd>');
  process.exit(2);
}

const { files, facts } = generateReturnsWithFacts(options);
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) if (/^\d{4}_.*\.(csv|xml)$/.test(name)) rmSync(join(out, name));
let total = 0;
for (const f of files) {
  writeFileSync(join(out, f.name), f.text);
  total += Buffer.byteLength(f.text);
}

const years = facts.collectionYears;
const readme = `# Example returns: "Northshire" (fictional)

**These files are synthetic.** Every child, date and code in them was invented by a seeded random generator
(\`packages/returns/src/generate.ts\`). They contain no real child and describe no real council: "Northshire"
is fictional (postcodes NS and QQ are not real postcode areas either). The CIN censuses name council
${options.la ?? '999'}${options.la === '855' ? " (Leicestershire's code, the default home council's)" : ''} only so that the demo can compute and load them
as the home council's own returns: Indicate refuses returns that name another council. Their figures are far
from any real council's, so loading them asks the analyst to confirm the jumps from the council's last figures.

They were written by

    node --import tsx scripts/generate-returns.ts --seed ${options.seed} --as-at ${options.asAt}${
      options.childrenLookedAfter === EXAMPLE_PRESET.childrenLookedAfter
        ? ''
        : ` --children ${options.childrenLookedAfter}`
    }${options.referrals === EXAMPLE_PRESET.referrals ? '' : ` --referrals ${options.referrals}`}

and the same command writes the same bytes again. They are an extract as at ${options.asAt}: the SSDA903
tables (Header, Episodes, UASC, Reviews, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing) as CSV, one file
per table per collection year ${years[0]} to ${years[years.length - 1]} (the last one in-year, up to ${options.asAt}),
and one CIN census XML per collection year. Pick them all together on the Loads page.

Size: ${facts.childrenLookedAfter} children looked after at ${options.asAt} (plus ${facts.shortBreakChildren} children on short
breaks only), ${facts.referralsInYear} referrals in the 12 months to ${options.asAt}; ${files.length} files,
${Math.round(total / 1024)} KB in all.

They include the awkward cases the rules must get right: moves with and without a change of carer, changes
of legal status, temporary placements, short breaks, placements for adoption and adoptions, children
leaving care and coming back, missing and away episodes, care leavers not in touch, re-referrals exactly 12
months apart, assessments across Easter and Christmas and later than 45 working days, repeat and long child
protection plans and late reviews.
`;
writeFileSync(join(out, 'README.md'), readme);
console.log(`Wrote ${files.length} files (${Math.round(total / 1024)} KB) and README.md to ${out}`);
