import type { Pack } from '@indicate/contracts';
import { ENGLAND_CODE, revisionNote, type QuotedFigure } from '@indicate/core';
import type { Db } from '../db/client.ts';
import type { ReadContext } from '../reads/context.ts';
import type { ObservationRow } from '../reads/store-reads.ts';

type Row = Pack['rows'][number];

/**
 * The figures a published pack quoted that a DfE release pulled since has revised (issue 23): England's and the
 * region's comparators, and the council's own figure where it came from DfE. Only rates and percentages are
 * named: a count's revision at council level could be a small number, and the paper is public. The note is
 * made only where the figure now held came from a pulled DfE release, so a revision is DfE's, not a
 * council's correction; and only where the public view would show the new figure too (the read context's
 * disclosure rules: small numbers, and totals or related measures that would give one back).
 */
export function dfeRevisionsOf(db: Db, ctx: ReadContext, laCode: string, rows: readonly Row[]): Pack['dfeRevisions'] {
  const now = db.$client.prepare(
    `select o.*, l.format, coalesce(l.dfe_release, r.dfe_release) as dfe_release from observations o
       join loads l on l.id = o.load_id left join loads r on l.format = 'reapply' and r.id = l.reapplies_load_id
     where o.indicator_id = ? and o.geography_level = ? and o.geography_code = ? and o.period_id = ? and o.breakdown = ''`,
  );
  const out: Pack['dfeRevisions'] = [];
  for (const row of rows) {
    const indicator = row.indicator;
    if (indicator.unit === 'count') continue;
    const quoted: Array<{
      figure: Omit<QuotedFigure, 'now' | 'unit' | 'decimals'>;
      level: string;
      code: string;
      periodId: string;
    }> = [];
    const a = row.assessment;
    if (a.england?.basis === 'dfe' && a.england.value !== null)
      quoted.push({
        figure: { what: 'england', place: 'England', periodLabel: a.england.period.label, quoted: a.england.value },
        level: 'national',
        code: ENGLAND_CODE,
        periodId: a.england.period.id,
      });
    if (a.region?.basis === 'dfe' && a.region.value !== null)
      quoted.push({
        figure: { what: 'region', place: a.region.name, periodLabel: a.region.period.label, quoted: a.region.value },
        level: 'regional',
        code: a.region.code,
        periodId: a.region.period.id,
      });
    const f = row.figure;
    if (f.value !== null && !f.suppressed && !f.smallNumber)
      quoted.push({
        figure: { what: 'council', place: 'the council', periodLabel: f.period.label, quoted: f.value },
        level: 'local-authority',
        code: laCode,
        periodId: f.period.id,
      });
    for (const q of quoted) {
      const held = now.get(indicator.id, q.level, q.code, q.periodId) as
        (ObservationRow & { dfe_release: string | null }) | undefined;
      if (!held || held.dfe_release === null) continue;
      const full = ctx.indicators.get(indicator.id);
      if (!full || ctx.withheld(full, held)) continue;
      const words = revisionNote({ ...q.figure, unit: indicator.unit, decimals: indicator.decimals, now: held.value });
      if (!words) continue;
      const release = JSON.parse(held.dfe_release) as { releaseTitle: string; version: string; via: string };
      out.push({
        indicatorId: indicator.id,
        label: indicator.label,
        what: q.figure.what,
        place: q.figure.place,
        periodLabel: q.figure.periodLabel,
        words: `${words} (${q.figure.what === 'council' ? "the council's figure" : q.figure.place}, ${q.figure.periodLabel}; DfE's ${release.releaseTitle}).`,
      });
    }
  }
  return out;
}
