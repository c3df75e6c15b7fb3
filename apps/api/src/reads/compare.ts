import type { Compare } from '@indicate/contracts';
import { ENGLAND_CODE as ENGLAND, periodRef } from '@indicate/core';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam } from './parameters.ts';
import { periodOf } from './store-reads.ts';

/**
 * LAIT's "create your own": chosen councils by chosen measures over DfE's years (the periods with more
 * than one council's figure), with England; in the public view as core's disclosure plan allows (a withheld
 * figure as `c`; England's count rounded to 10, or withheld in a year when any council's is).
 */
export function compare(ctx: ReadContext, laCodes: string[], indicatorIds: string[], view: View): Compare {
  const las = laCodes.map((code) => laParam(ctx, code));
  const indicators = indicatorIds.map((id) => indicatorParam(ctx, id));
  return {
    las: las.map((la) => ctx.laRef(la)),
    measures: indicators.map((indicator) => {
      const national = ctx.reads.nationalPeriods(indicator.id).reverse();
      const index = new Map(national.map((p, i) => [p.period_id, i]));
      const empty = () =>
        national.map(() => ({ value: null as number | null, symbol: null as string | null, suppressed: false }));
      const lines = las.map((la) => {
        const values = empty();
        for (const row of ctx.reads.placeSeries(indicator.id, 'local-authority', la.old_la_code)) {
          const i = index.get(row.period_id);
          if (i === undefined || national[i]!.period_kind !== row.period_kind) continue;
          const hidden = view === 'public' && ctx.withheldAt(indicator, periodOf(row), la.old_la_code, row);
          values[i] = hidden
            ? { value: null, symbol: 'c', suppressed: true }
            : { value: row.value, symbol: row.value === null ? row.symbol : null, suppressed: false };
        }
        return { code: la.old_la_code, name: la.name, isEngland: false, values };
      });
      const england = empty();
      for (const row of ctx.reads.placeSeries(indicator.id, 'national', ENGLAND)) {
        const i = index.get(row.period_id);
        if (i === undefined || national[i]!.period_kind !== row.period_kind) continue;
        const value = view === 'full' ? row.value : ctx.publicTotal(indicator, periodOf(row), ENGLAND, row.value);
        england[i] =
          value !== null || row.value === null
            ? { value, symbol: row.value === null ? row.symbol : null, suppressed: false }
            : { value: null, symbol: null, suppressed: true };
      }
      return {
        indicator: ctx.indicatorRef(indicator),
        periods: national.map((p) => periodRef(periodOf(p))),
        lines: [...lines, { code: ENGLAND, name: 'England', isEngland: true, values: england }],
      };
    }),
  };
}
