import type { Indicator, IndicatorDetail, IndicatorList } from '@indicate/contracts';
import { polarityText, ragRuleText } from '@indicate/core';
import type { ReadContext } from './context.ts';
import { themeParam } from './parameters.ts';

/** One catalogue entry as the API describes it: definition, polarity and RAG rule in words, DfE source. */
export function indicatorDetail(ctx: ReadContext, indicator: Indicator): IndicatorDetail {
  const theme = ctx.themes.get(indicator.theme);
  return {
    ...ctx.indicatorRef(indicator),
    definition: indicator.definition,
    whyItMatters: indicator.whyItMatters ?? null,
    outcome: theme?.outcome ?? '',
    periodType: indicator.periodType,
    similarThreshold: indicator.similarThreshold,
    source: indicator.source,
    rag: ctx.ragRule(indicator),
    ragRuleText: ragRuleText(ctx.ragRule(indicator), indicator.polarity),
    polarityText: polarityText(indicator.polarity),
    nationalBenchmark: indicator.nationalBenchmark,
    origin: indicator.origin,
    methodology: indicator.methodology ?? null,
    link: indicator.link ?? null,
    quartile: indicator.quartile,
    sourceDetail: indicator.sourceDetail ?? null,
    lait: indicator.lait
      ? { short: indicator.lait.measure, code: indicator.lait.code ?? '', label: indicator.lait.label ?? '' }
      : null,
    dfe: indicator.dfe
      ? {
          file: indicator.dfe.file,
          filters: indicator.dfe.filters,
          value: indicator.dfe.value,
          note: indicator.dfe.note ?? null,
        }
      : null,
  };
}

export function indicatorList(ctx: ReadContext, themeId: string | undefined): IndicatorList {
  const theme = themeParam(ctx, themeId);
  return {
    themes: ctx.catalogue.themes.map((t) => ({ id: t.id, label: t.label, outcome: t.outcome })),
    indicators: ctx.catalogue.indicators
      .filter((i) => theme === null || i.theme === theme)
      .map((i) => indicatorDetail(ctx, i)),
  };
}
