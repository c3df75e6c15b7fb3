import path from 'node:path';
import type { Indicator } from '@indicate/contracts';
import { laitPeriod, monthSpan, periodId, previousPeriod, type LaitYearType } from '@indicate/core';
import { readLaitValues } from '../reference/lait.ts';
import { UnreadableFile } from './input.ts';
import { ENGLAND, type Geography } from './lookups.ts';
import type { RowSink } from './sink.ts';

/**
 * LAIT's data file (data/lait/bds_long_0.parquet) as a loader input: every value of a LAIT measure that
 * one of the catalogue's indicators names (`lait.measure`), for England (970), the regions (980-990,
 * matched by name) and every LA in the register, each period read by the measure's year type. LAIT's `-`
 * (missing, suppressed or not applicable: LAIT does not say which) is DfE's `x`, not available. Rows of
 * other measures, of places Indicate does not hold (Inner and Outer London) and LAIT's one `0` label are
 * counted as not used. Where a DfE file gives the same figure, the DfE file's is kept (staging.ts).
 */
export async function readLaitFile(
  file: string,
  context: { fileName: string; indicators: Indicator[]; geography: Geography },
  sink: RowSink,
): Promise<void> {
  const byMeasure = new Map<string, Array<Indicator & { lait: { yearType?: string } }>>();
  for (const indicator of context.indicators) {
    if (!indicator.lait?.yearType) continue;
    const list = byMeasure.get(indicator.lait.measure) ?? [];
    list.push(indicator as Indicator & { lait: { yearType?: string } });
    byMeasure.set(indicator.lait.measure, list);
  }
  let values;
  try {
    values = await readLaitValues(file);
  } catch (error) {
    throw new UnreadableFile(
      `${path.basename(file)} is not a LAIT parquet file that can be read: ${(error as Error).message}`,
    );
  }
  const regionsByName = new Map([...context.geography.regions].map(([code, name]) => [name.toLowerCase(), code]));
  for (const v of values) {
    sink.read();
    const indicators = byMeasure.get(v.short);
    if (!indicators) {
      sink.notUsed();
      continue;
    }
    const code = Number(v.laCode);
    const place =
      code === 970
        ? { level: 'national' as const, code: ENGLAND }
        : code >= 980 && code <= 990
          ? { level: 'regional' as const, code: regionsByName.get(v.place.toLowerCase()) ?? null }
          : { level: 'local-authority' as const, code: context.geography.byOldCode.has(v.laCode) ? v.laCode : null };
    if (place.code === null) {
      sink.notUsed();
      continue;
    }
    for (const indicator of indicators) {
      const read = laitPeriod(v.years, indicator.lait.yearType as LaitYearType);
      if (!read.ok) {
        sink.notUsed();
        continue;
      }
      const row = v.row + 1;
      sink.add({
        row,
        indicatorId: indicator.id,
        geographyLevel: place.level,
        geographyCode: place.code,
        periodId: periodId(read.period),
        periodKind: read.period.kind,
        periodEnd: monthSpan(read.period).last,
        previousPeriodId: periodId(previousPeriod(read.period)),
        value: v.value,
        symbol: v.value === null ? 'x' : null,
        numerator: null,
        denominator: null,
        status: read.status,
        publishedQuartile: null,
        sourceRef: `${context.fileName} row ${row} (LAIT ${v.short}, ${v.years})`,
        note: read.note === 'outturn' ? 'LAIT: finance outturn' : read.note === 'revised' ? 'LAIT: revised' : null,
        toleranceKind: null,
        toleranceAmount: null,
      });
    }
  }
}
