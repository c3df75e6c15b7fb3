import type { Direction } from './direction.ts';
import { formatChange, formatFigure } from './format.ts';
import type { RagStatus } from './rag.ts';
import type { Unit } from './units.ts';

/**
 * The key messages at the top of the scorecard and the pack (ADR 0016): the reds by name, what got worse
 * since the previous period, each with its figure; the service lead's own message is written beside them.
 * Read from the rows the reader may see (a withheld figure is named without its value).
 */
export type KeyMessageRow = {
  indicatorId: string;
  label: string;
  unit: Unit;
  decimals: number;
  value: number | null;
  periodLabel: string;
  ragStatus: RagStatus | 'none';
  direction: Direction | null;
  change: number | null;
  againstLabel: string;
};

export type KeyMessages = {
  reds: Array<{ indicatorId: string; words: string }>;
  worse: Array<{ indicatorId: string; words: string }>;
};

export function keyMessages(rows: readonly KeyMessageRow[]): KeyMessages {
  const figure = (r: KeyMessageRow) =>
    r.value === null ? r.periodLabel : `${formatFigure(r.value, r.unit, r.decimals)}, ${r.periodLabel}`;
  return {
    reds: rows
      .filter((r) => r.ragStatus === 'red')
      .map((r) => ({ indicatorId: r.indicatorId, words: `${r.label} (${figure(r)})` })),
    worse: rows
      .filter((r) => r.direction === 'worse')
      .map((r) => ({
        indicatorId: r.indicatorId,
        words: `${r.label} (${figure(r)}${r.change !== null && r.value !== null ? `; ${formatChange(r.change, r.unit, r.decimals)} since ${r.againstLabel}` : `; worse than ${r.againstLabel}`})`,
      })),
  };
}

/** A scorecard row as far as key messages read it (the contracts' ScorecardRow has this shape). */
export type KeyMessageSource = {
  indicator: { id: string; label: string; unit: Unit; decimals: number };
  figure: { value: number | null; period: { label: string } };
  assessment: {
    rag: { status: RagStatus | 'none' };
    vsPrevious: { direction: Direction | null; change: number | null; against: { label: string } };
  };
};

/** Key messages of scorecard rows: the scorecard page, the pack page and the pack's PDF use this one. */
export function keyMessagesOf(rows: readonly KeyMessageSource[]): KeyMessages {
  return keyMessages(
    rows.map((r) => ({
      indicatorId: r.indicator.id,
      label: r.indicator.label,
      unit: r.indicator.unit,
      decimals: r.indicator.decimals,
      value: r.figure.value,
      periodLabel: r.figure.period.label,
      ragStatus: r.assessment.rag.status,
      direction: r.assessment.vsPrevious.direction,
      change: r.assessment.vsPrevious.change,
      againstLabel: r.assessment.vsPrevious.against.label,
    })),
  );
}
