import type { Series } from '@indicate/contracts';
import type { SnMethod } from '@indicate/core';
import { assessedFor } from './assess-figure.ts';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam } from './parameters.ts';

/** Every figure the LA has for an indicator, each judged as the scorecard judges it. */
export function series(ctx: ReadContext, indicatorId: string, laCode: string, method: SnMethod, view: View): Series {
  const indicator = indicatorParam(ctx, indicatorId);
  const la = laParam(ctx, laCode);
  return {
    indicator: ctx.indicatorRef(indicator),
    la: ctx.laRef(la),
    method,
    points: ctx.reads.series(indicator.id, la.old_la_code).map((row) => ({
      figure: ctx.figureOut(row, indicator, view),
      assessment: assessedFor(ctx, indicator, la, row, method, view),
    })),
  };
}
