import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changeVerdict, draftParagraph, segmentsText, whatChanged } from '@indicate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRows } from '../src/packs/service.ts';
import { appendixCells } from '../src/packs/outputs.ts';
import { ReadService } from '../src/reads/service.ts';
import { openStore, type Store } from '../src/store.ts';
import { copyOfBundledDb, DATA_DIR } from './helpers.ts';

/**
 * Issue 20: one "similar" rule. For every indicator and period of the bundled data, the scorecard's
 * direction, the pack's drafted paragraph, Appendix A and "What changed" say the same of the same change.
 */

let store: Store;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-similar-'));
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
}, 60_000);

afterAll(() => {
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PARAGRAPH_WORDS = { better: 'an improvement on', worse: 'a decline from', similar: 'similar to' } as const;

describe('better, similar or worse', () => {
  it('is the same on the scorecard, in the paragraph, in Appendix A and in "What changed", for every bundled figure', () => {
    const service = new ReadService(store.db, store.catalogue);
    const thresholds = new Map([...service.ctx.indicators.values()].map((i) => [i.id, i.similarThreshold]));
    const periods = service.reads.periods('855');
    let compared = 0;
    const verdicts = new Set<string>();
    for (const p of periods) {
      const scorecard = service.scorecard('855', p.period_id, {
        exceptionsOnly: false,
        newOnly: false,
        method: 'mean',
      });
      for (const row of scorecard.rows) {
        const d = row.assessment.vsPrevious;
        if (d.direction !== 'better' && d.direction !== 'worse' && d.direction !== 'similar') continue;
        if (row.figure.period.id !== p.period_id) continue;
        const previous = service.reads.figure(row.indicator.id, 'local-authority', '855', d.against.id)!;
        const indicator = service.ctx.indicators.get(row.indicator.id)!;
        // Core's one rule, given the two stored figures.
        const verdict = changeVerdict({
          polarity: indicator.polarity,
          similarThreshold: indicator.similarThreshold,
          before: previous.value,
          after: row.figure.value,
        });
        expect(verdict, `${row.indicator.id} ${p.period_id}`).toBe(d.direction);
        // The drafted paragraph.
        const text = segmentsText(
          draftParagraph(
            {
              ...row,
              previous: {
                value: previous.value,
                numerator: previous.numerator,
                loadId: previous.load_id,
                sourceRef: previous.source_ref,
              },
            },
            'Leicestershire',
          ),
        );
        expect(text, `${row.indicator.id} ${p.period_id}`).toContain(PARAGRAPH_WORDS[d.direction]);
        // Appendix A's direction column.
        const word = `${d.direction[0]!.toUpperCase()}${d.direction.slice(1)}`;
        expect(appendixCells(row)[2], `${row.indicator.id} ${p.period_id}`).toMatch(new RegExp(`^${word}`));
        // "What changed" between the pack of the previous period and this one.
        const before = service.scorecard('855', d.against.id, {
          exceptionsOnly: false,
          newOnly: false,
          method: 'mean',
        });
        const was = changeRows({ scorecard: before }, thresholds).filter((r) => r.indicatorId === row.indicator.id);
        const now = changeRows({ scorecard }, thresholds).filter((r) => r.indicatorId === row.indicator.id);
        if (was[0]?.period.id === d.against.id) {
          const change = whatChanged(was, now).find((c) => c.kind === 'new-figure')!;
          expect(change.verdict, `${row.indicator.id} ${p.period_id}`).toBe(d.direction);
        }
        verdicts.add(d.direction);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect([...verdicts].sort()).toEqual(['better', 'similar', 'worse']);
  });
});
