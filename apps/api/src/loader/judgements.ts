import type { Catalogue, LoadJudgement } from '@indicate/contracts';
import {
  ENGLAND_CODE,
  parsePeriodId,
  periodRef,
  shortLabel,
  targetFor,
  targetKindsFor,
  type Period,
} from '@indicate/core';
import type { Db } from '../db/client.ts';
import { ReadContext } from '../reads/context.ts';
import type { StagingSession } from './staging.ts';

/** A DfE file or LAIT carries every council's figures: only a council's own file is previewed figure by figure. */
const MAX_PREVIEWED = 2000;

/**
 * What a load will do to judgements (ADR 0016): for each council figure in the file, which DfE year will
 * benchmark it and whether it will have a RAG status, with a warning, saying how to give it one, where it
 * will not. The same rules the scorecard uses (core's benchmarkYearFor and targetFor), read against the
 * database as it is plus the file's own Target, National and Statistical neighbours rows.
 */
export function previewJudgements(db: Db, catalogue: Catalogue, session: StagingSession, today: Date): LoadJudgement[] {
  const c = db.$client;
  const t = `temp.${session.table}`;
  const figures = c
    .prepare(
      `select row, indicator_id, geography_code, period_id, period_kind, period_end, published_quartile from ${t}
       where geography_level = 'local-authority' and breakdown = '' order by row limit ${MAX_PREVIEWED + 1}`,
    )
    .all() as Array<{
    row: number;
    indicator_id: string;
    geography_code: string;
    period_id: string;
    period_kind: Period['kind'];
    period_end: number;
    published_quartile: number | null;
  }>;
  if (figures.length === 0 || figures.length > MAX_PREVIEWED) return [];
  const staged = (level: string) =>
    c
      .prepare(`select indicator_id, geography_code, period_id from ${t} where geography_level = ?`)
      .all(level) as Array<{ indicator_id: string; geography_code: string; period_id: string }>;
  const stagedTargets = staged('target');
  const stagedPublished = [...staged('national'), ...staged('stat-neighbours')];
  const ctx = new ReadContext(db, catalogue, () => today);
  const judgements: LoadJudgement[] = [];
  for (const f of figures) {
    const indicator = ctx.indicators.get(f.indicator_id);
    const parsed = parsePeriodId(f.period_id, f.period_kind);
    if (!indicator || !parsed.ok) continue;
    const period = parsed.period;
    const label = `${indicator.shortLabel}, ${shortLabel(period)}`;
    const base = {
      row: f.row,
      indicatorId: indicator.id,
      laCode: f.geography_code,
      period: periodRef(period),
    };
    if (indicator.polarity === 'none') {
      judgements.push({ ...base, benchmark: null, ragRule: 'none', rag: true, words: 'A context measure: no RAG.' });
      continue;
    }
    const year = ctx.benchmarkYear(indicator, period);
    // A comparator as a paper published it: in this file (England, or this council's neighbours), or stored
    // for this period or an earlier one of its kind (it applies until a newer one arrives).
    const end = Number(f.period_end);
    const published =
      stagedPublished.some(
        (p) =>
          p.indicator_id === indicator.id &&
          p.period_id === f.period_id &&
          (p.geography_code === ENGLAND_CODE || p.geography_code === f.geography_code),
      ) ||
      ctx.reads.latestPublished(indicator.id, 'national', ENGLAND_CODE, period.kind, end) !== undefined ||
      ctx.reads.latestPublished(indicator.id, 'stat-neighbours', f.geography_code, period.kind, end) !== undefined;
    const benchmark = year.national ? year.label : published ? 'as published in this file' : null;
    const rule = ctx.ragRule(indicator);
    let rag: boolean;
    let words: string;
    if (rule.rule === 'none') {
      // Judged by nothing: DfE shows no quartiles for it and no target rule is chosen.
      rag = true;
      words = 'No RAG rule: DfE shows no quartiles for it. Choose the target rule on the indicator page to judge it.';
    } else if (rule.rule === 'target') {
      const candidates = [
        ...ctx.reads.targets(indicator.id, f.geography_code).map((x) => x.period_id),
        ...stagedTargets
          .filter((x) => x.indicator_id === indicator.id && x.geography_code === f.geography_code)
          .map((x) => x.period_id),
      ].flatMap((id) => {
        for (const kind of targetKindsFor(period.kind)) {
          const p = parsePeriodId(id, kind);
          if (p.ok) return [{ period: p.period, target: id }];
        }
        return [];
      });
      const target = targetFor(period, candidates);
      rag = target !== null;
      words = target
        ? `RAG against the target${target.own ? '' : ` set for ${shortLabel(target.period)}`}.`
        : `No RAG: ${label} is judged against a target and none is set for it or an earlier period. To give it one, add a Target row to the file or set the target on the indicator page.`;
    } else {
      rag = (year.national && indicator.quartile) || f.published_quartile !== null;
      words = rag
        ? year.national
          ? `RAG from the national quartile, benchmarked against ${year.label}.`
          : 'RAG from the quartile published in this file.'
        : `No RAG: ${label} is judged by its national quartile and ${year.rule.charAt(0).toLowerCase()}${year.rule.slice(1)} To give it one, load DfE's all-council figures for it, type its quartile as published in the quartile column, or choose the target rule on the indicator page and set a target.`;
    }
    if (!benchmark && indicator.nationalBenchmark && rag) {
      words += ` No national benchmark: ${year.rule}`;
    }
    judgements.push({ ...base, benchmark, ragRule: rule.rule, rag, words });
    if (!rag)
      session.warn({
        row: f.row,
        column: 'value',
        message: `${indicator.id} ${f.geography_code} ${f.period_id}: ${words}`,
      });
    else if (!benchmark && indicator.nationalBenchmark) {
      session.warn({
        row: f.row,
        column: 'value',
        message: `${indicator.id} ${f.geography_code} ${f.period_id}: no national benchmark: ${year.rule} To give it one, load DfE's file or type England's figure as published (a National row).`,
      });
    }
  }
  return judgements;
}
