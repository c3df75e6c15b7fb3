import { IndicatorSchema, type Catalogue, type Indicator, type Theme } from '@indicate/contracts';
import { LAIT_PERIOD_KIND, type PeriodKind, type Unit } from '@indicate/core';
import type { LaitMeasure } from './lait.ts';

/**
 * Every LAIT measure that no hand-written indicator names becomes a catalogue entry of its own, built from
 * its row of LAIT's data dictionary (ADR 0012):
 *
 * - id `lait-` + the measure's short name; label LAIT's `Measure`, short label its `Measure` or
 *   `Chart_title` (whichever fits 60 characters, else shortened at a word);
 * - theme: its LAIT topic (`lait-` + the topic in words), after the council's own themes;
 * - definition `Description`, methodology `Methodology`, link the first `Hyperlink(s)` address;
 * - unit from `y_axis_name`, decimal places `dps` (the unit's usual places where LAIT gives none);
 * - polarity `High`/`Low`, `-` and `NA` none; quartiles unless `No_Quartile` = N or no polarity;
 * - RAG by the committee's quartile key where there are quartiles, none otherwise (no target is set);
 * - period from `Year_Type`, unless the catalogue's `laitPeriodTypes` says the measure is rolling.
 *
 * Each built entry is checked by the same schema as a hand-written one; a problem names the dictionary
 * row and the field it came from.
 */

export const LAIT_OUTCOME = "Further measures from DfE's Local Authority Interactive Tool (LAIT)";

const USUAL_DECIMALS: Record<Unit, number> = {
  percent: 1,
  count: 0,
  'rate-per-1000': 1,
  'rate-per-10000': 1,
  'rate-per-100000': 1,
  days: 0,
  score: 1,
  ratio: 2,
  pounds: 0,
};

const PERIOD_OF_YEAR_TYPE: Record<LaitMeasure['yearType'], PeriodKind> = LAIT_PERIOD_KIND;

/** Which catalogue field each dictionary column fills, to name the column a problem comes from. */
const COLUMN_OF: Record<string, string> = {
  id: 'Measure_short',
  label: 'Measure',
  shortLabel: 'Chart_title',
  definition: 'Description',
  methodology: 'Methodology',
  link: 'Hyperlink(s)',
  theme: 'Topic',
  unit: 'y_axis_name',
  decimals: 'dps',
  polarity: 'Polarity',
  periodType: 'Year_Type',
  sourceDetail: 'Table_status',
};

export function laitThemeId(topic: string): string {
  const words = topic
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return `lait-${words.join('-')}`;
}

/** At most 60 characters, cut at a word. */
function shortLabelOf(measure: LaitMeasure): string {
  for (const text of [measure.label, measure.chartTitle]) if (text.length <= 60) return text;
  const cut = measure.label.slice(0, 59);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 30 ? cut.lastIndexOf(' ') : 59).replace(/[\s,;:-]+$/, '')}…`;
}

/** LAIT's texts carry runs of blank lines: paragraphs are kept, one blank line between them. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

export function laitCatalogueEntries(
  measures: LaitMeasure[],
  catalogue: Pick<Catalogue, 'indicators' | 'laitPeriodTypes'>,
): { themes: Theme[]; indicators: Indicator[]; problems: string[] } {
  const named = new Set(catalogue.indicators.flatMap((i) => (i.lait ? [i.lait.measure] : [])));
  const taken = new Set(catalogue.indicators.map((i) => i.id));
  const themes = new Map<string, Theme>();
  const indicators: Indicator[] = [];
  const problems: string[] = [];
  for (const measure of measures) {
    if (named.has(measure.short)) continue;
    const where = `LAIT's data dictionary row ${measure.row} (${measure.short})`;
    if (taken.has(measure.id)) {
      problems.push(`${where}, field "Measure_short": its id ${measure.id} is a hand-written indicator's id`);
      continue;
    }
    const themeId = laitThemeId(measure.topic);
    if (!themes.has(themeId)) themes.set(themeId, { id: themeId, label: measure.topic, outcome: LAIT_OUTCOME });
    const quartile = measure.quartile && measure.polarity !== 'none';
    const entry = {
      id: measure.id,
      label: measure.label,
      shortLabel: shortLabelOf(measure),
      definition: paragraphs(measure.description) || measure.label,
      theme: themeId,
      unit: measure.unit,
      decimals: measure.decimals ?? USUAL_DECIMALS[measure.unit],
      polarity: measure.polarity,
      periodType: catalogue.laitPeriodTypes[measure.short] ?? PERIOD_OF_YEAR_TYPE[measure.yearType],
      similarThreshold: 0,
      rag: quartile ? { rule: 'benchmark' } : { rule: 'none' },
      source: 'DfE LAIT',
      nationalBenchmark: true,
      lait: {
        measure: measure.short,
        code: measure.code,
        label: measure.label,
        yearType: measure.yearType,
        nextUpdate: measure.nextUpdate,
      },
      origin: 'lait',
      quartile,
      ...(measure.methodology ? { methodology: paragraphs(measure.methodology) } : {}),
      ...(measure.link ? { link: measure.link } : {}),
      ...(measure.source ? { sourceDetail: measure.source } : {}),
    };
    const parsed = IndicatorSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        problems.push(`${where}, field "${COLUMN_OF[field] ?? field}": ${issue.message}`);
      }
      continue;
    }
    indicators.push(parsed.data);
  }
  return { themes: [...themes.values()], indicators, problems };
}
