import type { Breakdowns } from '@indicate/contracts';
import {
  BREAKDOWN_DIMENSIONS,
  formatFigure,
  periodRef,
  readBreakdownKey,
  suppressedWords,
  UNKNOWN_BREAKDOWN_GROUP,
  withheldGroups,
} from '@indicate/core';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam, periodParam } from './parameters.ts';
import type { ObservationRow } from './store-reads.ts';

/**
 * One council's figure for one period, group by group (age, sex, legal status, placement type, provider),
 * as its returns gave them (no dimensions when it has none); in the public view a small group is withheld, and one more where the whole
 * minus the others would give it back (core's withheldGroups).
 */
export function breakdowns(
  ctx: ReadContext,
  indicatorId: string,
  query: { la: string; period: string },
  view: View,
): Breakdowns {
  const indicator = indicatorParam(ctx, indicatorId);
  const la = laParam(ctx, query.la);
  const period = periodParam(ctx, la, query.period);
  const id = periodRef(period).id;
  const rows = ctx.reads.breakdowns(indicator.id, la.old_la_code, id);
  const whole = ctx.reads.figure(indicator.id, 'local-authority', la.old_la_code, id);
  // Most figures have no groups (only those computed from the council's returns do): an empty list, not an error.
  const threshold = ctx.threshold();
  const text = (f: Pick<ObservationRow, 'value' | 'numerator' | 'denominator'>) => {
    const main = formatFigure(f.value, indicator.unit, indicator.decimals);
    return indicator.unit === 'percent' && f.numerator !== null && f.denominator !== null
      ? `${main} (${f.numerator} of ${f.denominator})`
      : main;
  };
  const wholeWithheld = whole !== undefined && view === 'public' && ctx.withheld(indicator, whole);
  const dimensions = BREAKDOWN_DIMENSIONS.map((dimension) => {
    const inDimension = rows
      .map((row) => ({ row, key: readBreakdownKey(row.breakdown) }))
      .filter((r) => r.key?.dimension.id === dimension.id);
    const withheld =
      view === 'public'
        ? withheldGroups(
            inDimension.map(({ row, key }) => ({ ...row, group: key!.group.group })),
            whole && !wholeWithheld ? whole : null,
            indicator.unit,
            threshold,
          )
        : new Set<string>();
    const order = [...dimension.groups, UNKNOWN_BREAKDOWN_GROUP].map((g) => g.group);
    return {
      id: dimension.id,
      label: dimension.label,
      groups: inDimension
        .sort((a, b) => order.indexOf(a.key!.group.group) - order.indexOf(b.key!.group.group))
        .map(({ row, key }) => {
          const hidden = withheld.has(key!.group.group);
          return {
            group: key!.group.group,
            label: key!.group.label,
            value: hidden ? null : row.value,
            numerator: hidden ? null : row.numerator,
            denominator: hidden ? null : row.denominator,
            text: hidden ? 'Not shown' : text(row),
            withheld: hidden
              ? ctx.small(indicator, row)
                ? `The number is ${suppressedWords(threshold)}.`
                : 'Not shown, so that a smaller group cannot be worked out from the total.'
              : null,
          };
        }),
    };
  }).filter((d) => d.groups.length > 0);
  return {
    indicator: ctx.indicatorRef(indicator),
    la: ctx.laRef(la),
    periodId: id,
    periodLabel: periodRef(period).label,
    total: whole
      ? { value: wholeWithheld ? null : whole.value, text: wholeWithheld ? 'Not shown' : text(whole) }
      : null,
    source: view === 'public' || rows.length === 0 ? null : rows[0]!.source_ref,
    dimensions,
  };
}
