import { formatFigure } from './format.ts';
import type { Unit } from './units.ts';

/**
 * A published pack is frozen, but DfE revises its back series each year: where a figure the pack quoted has
 * since been replaced by a DfE release, the pack's page says so (issue 23). The quoted figure stays as the
 * committee read it; the note gives DfE's new one.
 */
export type QuotedFigure = {
  /** What the figure was in the pack: the council's own, England's or the region's. */
  what: 'council' | 'england' | 'region';
  place: string;
  periodLabel: string;
  unit: Unit;
  decimals: number;
  quoted: number;
  /** The figure held now, when a DfE release replaced it; null when no DfE release has. */
  now: number | null;
};

/** "DfE has since revised this figure from 71.0 to 70.4", or null when the figure is as quoted. */
export function revisionNote(f: QuotedFigure): string | null {
  if (f.now === null) return null;
  const before = formatFigure(f.quoted, f.unit, f.decimals);
  const after = formatFigure(f.now, f.unit, f.decimals);
  if (before === after) return null;
  return `DfE has since revised this figure from ${before} to ${after}`;
}
