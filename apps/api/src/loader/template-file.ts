import { TEMPLATE_COLUMNS, TEMPLATE_OPTIONAL_COLUMNS, type Indicator } from '@indicate/contracts';
import type { PeriodKind } from '@indicate/core';

const IDENTIFIER: Record<PeriodKind, string> = {
  'financial-quarter': 'Financial year Q1',
  'financial-year': 'Financial year',
  'calendar-year': 'Calendar year',
  'academic-year': 'Academic year',
  month: 'January',
  'three-financial-years': 'Three financial years',
  'three-calendar-years': 'Three calendar years',
};

/**
 * The Indicate template: its header and one starter row per indicator given (the scorecard set), with the
 * id and the kind of period filled in. Fill in time_period, the LA code and value; delete rows you do not
 * need. Any catalogue indicator may be loaded, listed here or not.
 */
export function templateCsv(indicators: Indicator[]): string {
  const header = [...TEMPLATE_COLUMNS, ...TEMPLATE_OPTIONAL_COLUMNS];
  const rows = indicators.map((indicator) =>
    header.map((column) => {
      if (column === 'indicator') return indicator.id;
      if (column === 'time_identifier') return IDENTIFIER[indicator.periodType];
      if (column === 'geographic_level') return 'Local authority';
      if (column === 'status') return 'final';
      return '';
    }),
  );
  return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}
