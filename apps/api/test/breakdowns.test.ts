import fs from 'node:fs';
import path from 'node:path';
import { BreakdownsSchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { writeSettings } from '../src/auth/settings.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { freshStore, loadFigures, tempDir, testApp } from './helpers.ts';
import { signIn } from './sign-in.ts';

/** Breakdowns: figures for groups of the council's children, loaded through the template like any figure. */

const HEADER =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,breakdown,breakdown_group';
const WHOLE = 'cic-count,201819,Financial year Q1,Local authority,855,60,,,,';
const group = (dimension: string, name: string, value: number) =>
  `cic-count,201819,Financial year Q1,Local authority,855,${value},,,${dimension},${name}`;
const ROWS = [
  WHOLE,
  group('placement-provider', 'own', 40),
  group('placement-provider', 'private', 17),
  group('placement-provider', 'other', 3),
  group('sex', 'male', 31),
  group('sex', 'female', 29),
];

describe('breakdowns', () => {
  it('loads groups beside the whole figure, shows them on GET .../breakdowns, and never as the council figure', async () => {
    const store = freshStore();
    // Another figure of the same quarter, loaded first, stays when the breakdowns' load is undone.
    await loadFigures(store, `${HEADER}\ncp-repeat-plans,201819,Financial year Q1,Local authority,855,12,30,250,,`);
    const loadId = await loadFigures(store, [HEADER, ...ROWS].join('\n'));
    const app = await testApp({ store });
    const viewer = await signIn(app, store, 'viewer');
    const response = await viewer.inject('/api/indicators/cic-count/breakdowns?la=855&period=2018-19-Q1');
    expect(response.statusCode).toBe(200);
    const body = BreakdownsSchema.parse(response.json());
    expect(body.total).toEqual({ value: 60, text: '60' });
    expect(body.dimensions.map((d) => d.label)).toEqual(['By sex', 'By who provides the placement']);
    expect(body.dimensions[1]!.groups.map((g) => [g.label, g.text])).toEqual([
      ['Placed by the council itself (PR1)', '40'],
      ['Provided by a private provider (PR4)', '17'],
      ['Parents or another public body (PR0, PR3)', '3'],
    ]);
    // The scorecard's figure is the whole, not a group.
    const card = (await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1')).json() as {
      rows: Array<{ indicator: { id: string }; figure: { value: number } | null }>;
    };
    expect(card.rows.find((r) => r.indicator.id === 'cic-count')!.figure!.value).toBe(60);

    // Undone with their load.
    revertLoad(store.db, loadId, 't');
    const gone = await viewer.inject('/api/indicators/cic-count/breakdowns?la=855&period=2018-19-Q1');
    expect(gone.statusCode).toBe(200);
    expect(BreakdownsSchema.parse(gone.json()).dimensions).toEqual([]);
  });

  it('in the public view withholds a small group and the one that would give it back, and every group of a withheld whole', async () => {
    const store = freshStore();
    await loadFigures(store, [HEADER, ...ROWS].join('\n'));
    writeSettings(store.db, { publicRead: true, suppressionThreshold: 5 });
    const anonymous = await testApp({ store });
    const body = BreakdownsSchema.parse(
      (await anonymous.inject('/api/indicators/cic-count/breakdowns?la=855&period=2018-19-Q1')).json(),
    );
    const provider = body.dimensions.find((d) => d.id === 'placement-provider')!;
    expect(provider.groups.map((g) => [g.group, g.value])).toEqual([
      ['own', 40],
      ['private', null],
      ['other', null],
    ]);
    expect(provider.groups[2]!.withheld).toMatch(/fewer than 5/);
    expect(provider.groups[1]!.withheld).toMatch(/cannot be worked out from the total/);
    // Nothing left to subtract: 60 - 40 leaves two unknowns.
    expect(JSON.stringify(body)).not.toMatch(/"(17|3)"/);
    expect(body.source).toBeNull();
  });

  it('refuses a bad breakdown in the template, naming the column and the groups it may be', async () => {
    const store = freshStore();
    const file = path.join(tempDir(), 'b.csv');
    fs.writeFileSync(
      file,
      [
        HEADER,
        group('placement-provider', 'own', 40),
        group('provider', 'own', 1),
        group('sex', 'x', 1),
        'cic-count,201819,Financial year Q1,National,,40,,,sex,male',
        'cic-count,201819,Financial year Q1,Local authority,855,40,,,sex,',
        group('placement-provider', 'own', 41),
      ].join('\n') + '\n',
    );
    const report = await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: 'b.csv',
      loadedBy: 't',
      dryRun: true,
    });
    const problems = report.errors.map((e) => `${e.row} ${e.column}: ${e.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3 breakdown: breakdown "provider" is not one of age-band/),
        expect.stringMatching(/^4 breakdown_group: .*male, female, unknown/),
        '5 breakdown: a breakdown belongs on a Local authority row',
        '6 breakdown_group: breakdown and breakdown_group go together: name both, or neither for the whole figure',
        expect.stringMatching(/^7 null: duplicate of row 2/),
      ]),
    );
  });
});
