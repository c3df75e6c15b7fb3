import type { Indicator, LoadProblem } from '@indicate/contracts';
import {
  checkCounts,
  checkRange,
  checkRatio,
  decimalPlaces,
  fromDfe,
  monthSpan,
  parseCell,
  periodId,
  previousPeriod,
  type Period,
} from '@indicate/core';

type Problem = Omit<LoadProblem, 'row'>;

export type Figure = {
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
};

function count(text: string, column: string, problems: Problem[]): number | null {
  const cell = parseCell(text);
  if (cell.kind === 'empty') return null;
  if (cell.kind === 'invalid') {
    problems.push({ column, message: `${column} ${cell.message}` });
    return null;
  }
  // A suppressed count is simply not known.
  return cell.reading.kind === 'value' ? cell.reading.value : null;
}

/**
 * Reads value, numerator and denominator and checks them against each other and the indicator's unit.
 * `countRounding`: how far DfE may have rounded the counts (5 for national and regional rows).
 */
export function readFigure(
  cells: { value: string; numerator: string; denominator: string },
  indicator: Indicator,
  countRounding: number,
  columns: { value: string; numerator: string; denominator: string },
  /**
   * DfE's own publications are kept as published: a percentage that disagrees with DfE's counts is a
   * warning there (the analyst cannot correct DfE), and an error in the council's own template.
   */
  ratioMismatch: 'error' | 'warning' = 'error',
): { figure: Figure | null; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const cell = parseCell(cells.value);
  let figure: Figure | null = null;
  if (cell.kind === 'empty') {
    problems.push({
      column: columns.value,
      message: 'value is empty: give a number, or a DfE symbol such as x (not available)',
    });
  } else if (cell.kind === 'invalid') {
    problems.push({ column: columns.value, message: `value ${cell.message}` });
  } else {
    const numerator = count(cells.numerator, columns.numerator, problems);
    const denominator = count(cells.denominator, columns.denominator, problems);
    const value = cell.reading.kind === 'value' ? cell.reading.value : null;
    const symbol = cell.reading.kind === 'symbol' ? cell.reading.symbol : null;
    const range = checkRange(indicator.unit, value);
    if (range) problems.push({ column: columns.value, message: range });
    const counts = indicator.unit === 'percent' ? checkCounts(numerator, denominator) : null;
    if (counts) problems.push({ column: columns.numerator, message: counts });
    const ratio =
      range || counts
        ? null
        : checkRatio({
            unit: indicator.unit,
            value,
            valueDecimals: decimalPlaces(cells.value.trim()),
            numerator,
            denominator,
            countRounding,
          });
    if (ratio && ratioMismatch === 'error') problems.push({ column: columns.value, message: ratio });
    if (ratio && ratioMismatch === 'warning') {
      warnings.push({ column: columns.value, message: `DfE's published ${ratio}; kept as published` });
    }
    figure = { value, symbol, numerator, denominator };
  }
  return { figure: problems.length ? null : figure, problems, warnings };
}

/** The kinds of period an indicator is stored in: its own reporting period and the financial year (DfE's annual figures). */
export function periodKindsFor(indicator: Indicator): string[] {
  return indicator.periodType === 'financial-year' ? ['financial-year'] : [indicator.periodType, 'financial-year'];
}

export type PeriodCells = { timePeriod: string; timeIdentifier: string };

export function readPeriod(
  cells: PeriodCells,
  indicator: Indicator,
): { period: Period; id: string; previousId: string; end: number } | { problem: Problem } {
  const parsed = fromDfe(cells.timePeriod, cells.timeIdentifier);
  if (!parsed.ok) {
    // A fault in the identifier is reported against its own column, one in the period against time_period.
    const column = parsed.message.startsWith('time_identifier') ? 'time_identifier' : 'time_period';
    return { problem: { column, message: parsed.message } };
  }
  const allowed = periodKindsFor(indicator);
  if (!allowed.includes(parsed.period.kind)) {
    return {
      problem: {
        column: 'time_identifier',
        message: `indicator "${indicator.id}" is reported by ${allowed.join(' or ')}, not by "${cells.timeIdentifier}"`,
      },
    };
  }
  return {
    period: parsed.period,
    id: periodId(parsed.period),
    previousId: periodId(previousPeriod(parsed.period)),
    end: monthSpan(parsed.period).last,
  };
}

/**
 * DfE's convention: one series never mixes identifiers. The same kind of period written two ways
 * (`Reporting year` 2019 and `Financial year` 201819) in one file for one indicator is refused.
 */
export class IdentifierConsistency {
  private seen = new Map<string, { identifier: string; row: number }>();

  check(indicatorId: string, kind: string, identifier: string, row: number): Problem | null {
    const family = identifier.startsWith('Financial year Q') ? 'Financial year Q' : identifier;
    const key = `${indicatorId}\u0000${kind}`;
    const first = this.seen.get(key);
    if (!first) {
      this.seen.set(key, { identifier: family, row });
      return null;
    }
    if (first.identifier === family) return null;
    return {
      column: 'time_identifier',
      message: `indicator "${indicatorId}" mixes time identifiers: "${identifier}" here but "${first.identifier}" in row ${first.row}; use one`,
    };
  }
}
