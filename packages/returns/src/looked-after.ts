/**
 * The SSDA903 rules about children looked after (RETURNS.md section 3). Breakdowns: age band at d and sex
 * from the Header; legal status, placement type and provider from the episode open at d (for missing
 * episodes, the episode open when the child went missing).
 */
import { absentFigure, type FigureSpec, type Unit, type Words } from './breakdowns.ts';
import { openAt, periodStartOf, placementStartIndex, type ChildCare } from './care.ts';
import { ageAt, financialYearStart, formatUk, inWindow, type Day } from './dates.ts';
import {
  describeEpisode,
  figureBuilder,
  lookedAfterGroups,
  LOOKED_AFTER_DIMENSIONS,
  monthsBefore,
  type RuleContext,
} from './context.ts';
import type { Episode } from './model.ts';
import type { ComputedFigure, PopulationYear } from './types.ts';

export const RULES = {
  'cic-count':
    'Children looked after at d: distinct children with an episode open at d (started on or before d and not ended on or before d), short breaks (LS V3, V4) left out.',
  'cic-rate-per-10000':
    'Children looked after at d per 10,000 children aged 0-17: the count times 10,000 over the ONS mid-year population of the year the financial year holding d began (the latest earlier one when that is not published).',
  'placements-3-or-more':
    'Of the children looked after at d, the percentage with 3 or more placements in the 12 months to d: the placement open at the start of the 12 months counts 1 (if looked after then), and each episode starting in the 12 months with RNE S, P, B, T or U counts 1 more, except temporary placements (PLACE T0-T4) and placements for adoption with the current carer (PLACE A3 or A5 with RNE T or U).',
  'placement-long-term-stability':
    'Of the children looked after at d, aged under 16 at d, whose current period of care started on or before d minus 2 years 6 months: the percentage whose current placement (begun by an episode with RNE S, P or B) started on or before d minus 2 years, or who are placed for adoption at d (PLACE A3-A6) and whose placement before the adoptive one started on or before d minus 2 years.',
  'missing-episodes-in-care':
    'Missing episodes (MISSING M, not away without authorisation) that began in the 12 months to d.',
  'missing-children-in-care': 'Distinct children with a missing episode (MISSING M) that began in the 12 months to d.',
  'health-assessments':
    'Of the OC2 rows of children looked after at d whose period of care started on or before d minus 12 months, the percentage with HEALTH_CHECK 1.',
  'dental-checks':
    'Of the OC2 rows of children looked after at d whose period of care started on or before d minus 12 months, the percentage with TEETH_CHECK 1.',
  immunisations:
    'Of the OC2 rows of children looked after at d whose period of care started on or before d minus 12 months, the percentage with IMMUNISATIONS 1.',
  'sdq-average-score':
    'The mean SDQ_SCORE of the OC2 rows of children looked after at d whose period of care started on or before d minus 12 months, among those with a score.',
} as const;

function spec(indicator: keyof typeof RULES, kind: FigureSpec['kind'], emptyReason: string): FigureSpec {
  return { indicator, kind, rule: RULES[indicator], dimensions: LOOKED_AFTER_DIMENSIONS, emptyReason };
}

const noEpisodes = (indicator: keyof typeof RULES) =>
  absentFigure(indicator, RULES[indicator], 'No Episodes table among the files');

interface LookedAfter {
  care: ChildCare;
  /** Index of the episode open at d. */
  open: number;
}

interface LookedAfterAtD {
  /** The cic-count figure: a unit for every child in Episodes. */
  count: ComputedFigure;
  children: Map<string, LookedAfter>;
}

/** Several rules start from the children looked after at d: worked out once per computation. */
const lookedAfterCache = new WeakMap<RuleContext, LookedAfterAtD>();

/** The children looked after at d, with their open episode, and the cic-count figure. */
function lookedAfterAt(ctx: RuleContext): LookedAfterAtD {
  const cached = lookedAfterCache.get(ctx);
  if (cached) return cached;
  const figure = figureBuilder(ctx, spec('cic-count', 'count', ''));
  const children = new Map<string, LookedAfter>();
  for (const care of ctx.care.values()) {
    const open = openAt(care, ctx.d);
    const episode = care.episodes[open];
    let reason: Words;
    if (episode) {
      children.set(care.child, { care, open });
      reason = () => `looked after at ${ctx.dText}: ${describeEpisode(episode)} is open`;
    } else if (care.episodes.length === 0) {
      reason = `not counted: only short-break episodes (LS V3, V4)`;
    } else {
      reason = () => {
        let before: Episode | undefined;
        for (const e of care.episodes) if ((e.decom as Day) <= ctx.d) before = e;
        return before
          ? `not looked after at ${ctx.dText}: the last episode before it ended ${formatUk(before.dec as Day)}`
          : `not looked after at ${ctx.dText}: the first episode starts ${formatUk(care.episodes[0]?.decom as Day)}`;
      };
    }
    const inCount = episode !== undefined;
    figure.add({
      child: care.child,
      inDenominator: inCount,
      inNumerator: inCount,
      reason,
      groups: lookedAfterGroups(ctx, care.child, episode),
    });
  }
  const result = { count: figure.figure(), children };
  lookedAfterCache.set(ctx, result);
  return result;
}

export function cicCount(ctx: RuleContext): ComputedFigure {
  if (!ctx.data.tables.has('Episodes')) return noEpisodes('cic-count');
  return lookedAfterAt(ctx).count;
}

/** Population of the mid-year the financial year holding d began; else the latest earlier one, said in `reason`. */
export function cicRate(
  ctx: RuleContext,
  count: ComputedFigure,
  population: readonly PopulationYear[] | undefined,
): ComputedFigure {
  const rule = RULES['cic-rate-per-10000'];
  if (count.value === null) return { ...count, indicator: 'cic-rate-per-10000', rule };
  const wanted = financialYearStart(ctx.d);
  let used: PopulationYear | undefined;
  for (const year of population ?? []) {
    if (year.year <= wanted && year.population > 0 && (!used || year.year > used.year)) used = year;
  }
  if (!used) {
    return {
      ...absentFigure(
        'cic-rate-per-10000',
        rule,
        `No ONS mid-${wanted} population (or an earlier one) was given for the council`,
      ),
      units: count.units,
    };
  }
  return {
    indicator: 'cic-rate-per-10000',
    value: (count.value * 10_000) / used.population,
    numerator: count.value,
    denominator: used.population,
    ...(used.year === wanted
      ? {}
      : {
          reason: `The mid-${wanted} population is not available: the mid-${used.year} population (${used.population}) is used`,
        }),
    rule,
    breakdowns: [],
    units: count.units,
  };
}

const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
const COUNTED_RNE = new Set(['S', 'P', 'B', 'T', 'U']);

/** An episode starting in the window that counts as one more placement (RNE S, P, B, T or U, not temporary, not adoption by the current carer). */
function countsAsNewPlacement(episode: Episode): boolean {
  if (!COUNTED_RNE.has(episode.rne) || TEMPORARY.has(episode.place)) return false;
  return !((episode.place === 'A3' || episode.place === 'A5') && (episode.rne === 'T' || episode.rne === 'U'));
}

export function placementsThreeOrMore(ctx: RuleContext): ComputedFigure {
  if (!ctx.data.tables.has('Episodes')) return noEpisodes('placements-3-or-more');
  const { from } = ctx.window;
  const figure = figureBuilder(
    ctx,
    spec('placements-3-or-more', 'percentage', `No child was looked after at ${ctx.dText}`),
  );
  for (const [child, { care, open }] of lookedAfterAt(ctx).children) {
    let placements = 0;
    // The episodes counted and not counted, in words, only when the units are kept.
    const counted: string[] | null = ctx.units ? [] : null;
    const notCounted: string[] = [];
    // The placement open on the window's first day counts once: as a start in the window when its episode
    // began that day and is itself counted, otherwise here.
    const startEpisode = care.episodes[openAt(care, from)];
    if (startEpisode && !(startEpisode.decom === from && countsAsNewPlacement(startEpisode))) {
      placements++;
      counted?.push(`open on ${formatUk(from)}`);
    }
    for (const episode of care.episodes) {
      const decom = episode.decom as Day;
      if (!inWindow(decom, ctx.window) || !COUNTED_RNE.has(episode.rne)) continue;
      if (countsAsNewPlacement(episode)) {
        placements++;
        counted?.push(`from ${formatUk(decom)}`);
      } else if (counted) {
        notCounted.push(
          TEMPORARY.has(episode.place)
            ? `${formatUk(decom)} temporary (${episode.place})`
            : `${formatUk(decom)} placed for adoption with the current carer (${episode.place}, RNE ${episode.rne})`,
        );
      }
    }
    const three = placements >= 3;
    figure.add({
      child,
      inDenominator: true,
      inNumerator: three,
      reason: () => {
        const list = counted && counted.length > 0 ? ` (${counted.join('; ')})` : '';
        const left = notCounted.length > 0 ? `; not counted: ${notCounted.join('; ')}` : '';
        return `${placements} placement${placements === 1 ? '' : 's'} in ${ctx.windowText}${list}${left}`;
      },
      groups: lookedAfterGroups(ctx, child, care.episodes[open]),
    });
  }
  return figure.figure();
}

const ADOPTION = new Set(['A3', 'A4', 'A5', 'A6']);

export function longTermStability(ctx: RuleContext): ComputedFigure {
  if (!ctx.data.tables.has('Episodes')) return noEpisodes('placement-long-term-stability');
  const periodCut = monthsBefore(ctx.d, 30);
  const placementCut = monthsBefore(ctx.d, 24);
  const figure = figureBuilder(
    ctx,
    spec(
      'placement-long-term-stability',
      'percentage',
      `No child under 16 at ${ctx.dText} had been looked after since ${formatUk(periodCut)}`,
    ),
  );
  for (const [child, { care, open }] of lookedAfterAt(ctx).children) {
    const episode = care.episodes[open] as Episode;
    const groups = lookedAfterGroups(ctx, child, episode);
    const dob = ctx.data.header.get(child)?.dob ?? null;
    const periodStart = periodStartOf(care, open).decom as Day;
    const out = (reason: Words) => figure.add({ child, inDenominator: false, inNumerator: false, reason, groups });
    if (dob === null) {
      out('not counted: date of birth not known');
      continue;
    }
    const age = ageAt(dob, ctx.d);
    if (age >= 16) {
      out(() => `not counted: aged ${age} at ${ctx.dText} (16 or over)`);
      continue;
    }
    if (periodStart > periodCut) {
      out(
        () =>
          `not counted: the period of care started ${formatUk(periodStart)}, after ${formatUk(periodCut)} (d minus 2 years 6 months)`,
      );
      continue;
    }
    const placementStart = care.episodes[placementStartIndex(care, open)]?.decom as Day;
    const onTime = placementStart <= placementCut;
    let stable = onTime;
    /** The placement before the adoptive one: undefined when not placed for adoption or already stable. */
    let beforeStart: Day | null | undefined;
    if (!stable && ADOPTION.has(episode.place)) {
      let first = open;
      while (first > (care.periodStart[open] as number) && ADOPTION.has(care.episodes[first - 1]?.place ?? '')) first--;
      const before = first > (care.periodStart[open] as number) ? placementStartIndex(care, first - 1) : -1;
      beforeStart = care.episodes[before]?.decom ?? null;
      if (beforeStart !== null && beforeStart <= placementCut) stable = true;
    }
    const reason = () => {
      const current = `current placement started ${formatUk(placementStart)}, ${onTime ? 'on or before' : 'after'} ${formatUk(placementCut)} (d minus 2 years)`;
      const adoption =
        beforeStart === undefined
          ? current
          : stable
            ? `placed for adoption (${episode.place}) and the placement before it started ${formatUk(beforeStart as Day)}, on or before ${formatUk(placementCut)}`
            : current +
              (beforeStart === null
                ? '; placed for adoption with no placement before it in this period'
                : `; placed for adoption and the placement before it started ${formatUk(beforeStart)}`);
      return `period of care from ${formatUk(periodStart)}; ${adoption}`;
    };
    figure.add({ child, inDenominator: true, inNumerator: stable, reason, groups });
  }
  return figure.figure();
}

export function missingFigures(ctx: RuleContext): ComputedFigure[] {
  if (!ctx.data.tables.has('Missing')) {
    return [
      absentFigure('missing-episodes-in-care', RULES['missing-episodes-in-care'], 'No Missing table among the files'),
      absentFigure('missing-children-in-care', RULES['missing-children-in-care'], 'No Missing table among the files'),
    ];
  }
  const episodes = figureBuilder(ctx, spec('missing-episodes-in-care', 'count', ''));
  const children = new Map<string, { count: number; latest: Day | null; groups: Unit['groups'] }>();
  for (const row of ctx.data.missing) {
    const start = row.start as Day;
    const care = ctx.care.get(row.child);
    const open = care ? care.episodes[openAt(care, start)] : undefined;
    const groups = lookedAfterGroups(ctx, row.child, open);
    const counted = row.missing === 'M' && inWindow(start, ctx.window);
    const reason = () =>
      row.missing !== 'M'
        ? `not counted: away without authorisation (MISSING ${row.missing}), not missing`
        : counted
          ? `missing from ${formatUk(start)}, in ${ctx.windowText}`
          : `not counted: missing from ${formatUk(start)}, outside ${ctx.windowText}`;
    episodes.add({
      child: row.child,
      unit: () => `missing episode from ${formatUk(start)}`,
      inDenominator: counted,
      inNumerator: counted,
      reason,
      groups,
    });
    const seen = children.get(row.child) ?? { count: 0, latest: null, groups };
    if (counted) {
      seen.count++;
      if (seen.latest === null || start > seen.latest) {
        seen.latest = start;
        seen.groups = groups;
      }
    }
    children.set(row.child, seen);
  }
  const childFigure = figureBuilder(ctx, spec('missing-children-in-care', 'count', ''));
  const none = `not counted: no missing episode (MISSING M) in ${ctx.windowText}`;
  for (const [child, { count, latest, groups }] of children) {
    childFigure.add({
      child,
      inDenominator: count > 0,
      inNumerator: count > 0,
      reason:
        count > 0
          ? () =>
              `${count} missing episode${count === 1 ? '' : 's'} in ${ctx.windowText}, the latest from ${formatUk(latest as Day)}`
          : none,
      groups,
    });
  }
  return [episodes.figure(), childFigure.figure()];
}

type HealthIndicator = 'health-assessments' | 'dental-checks' | 'immunisations';
const HEALTH_FIELD = {
  'health-assessments': 'healthCheck',
  'dental-checks': 'teethCheck',
  immunisations: 'immunisations',
} as const;
const HEALTH_COLUMN = {
  'health-assessments': 'HEALTH_CHECK',
  'dental-checks': 'TEETH_CHECK',
  immunisations: 'IMMUNISATIONS',
} as const;

export function healthFigures(ctx: RuleContext): ComputedFigure[] {
  const indicators: HealthIndicator[] = ['health-assessments', 'dental-checks', 'immunisations'];
  if (!ctx.data.tables.has('OC2') || !ctx.data.tables.has('Episodes')) {
    const reason = ctx.data.tables.has('OC2') ? 'No Episodes table among the files' : 'No OC2 table among the files';
    return [...indicators, 'sdq-average-score' as const].map((id) => absentFigure(id, RULES[id], reason));
  }
  const cut = monthsBefore(ctx.d, 12);
  const lookedAfter = lookedAfterAt(ctx).children;
  const cohort: { row: (typeof ctx.data.oc2)[number]; groups: Unit['groups']; reason: string; inCohort: boolean }[] =
    [];
  const notLookedAfter = `not counted: not looked after at ${ctx.dText}`;
  for (const row of ctx.data.oc2) {
    const entry = lookedAfter.get(row.child);
    const episode = entry?.care.episodes[entry.open];
    const groups = lookedAfterGroups(ctx, row.child, episode);
    if (!entry) {
      cohort.push({ row, groups, inCohort: false, reason: notLookedAfter });
      continue;
    }
    const start = periodStartOf(entry.care, entry.open).decom as Day;
    const inCohort = start <= cut;
    // Written once for the four figures, and only when the units are kept.
    const reason = !ctx.units
      ? ''
      : inCohort
        ? `looked after at ${ctx.dText}, period of care from ${formatUk(start)}`
        : `not counted: the period of care started ${formatUk(start)}, after ${formatUk(cut)} (d minus 12 months)`;
    cohort.push({ row, groups, inCohort, reason });
  }
  const empty = `No OC2 row is for a child looked after at ${ctx.dText} since ${formatUk(cut)} or earlier`;
  const figures = indicators.map((indicator) => {
    const field = HEALTH_FIELD[indicator];
    const figure = figureBuilder(ctx, spec(indicator, 'percentage', empty));
    for (const { row, groups, reason, inCohort } of cohort) {
      figure.add({
        child: row.child,
        inDenominator: inCohort,
        inNumerator: inCohort && row[field] === '1',
        reason: inCohort
          ? () => `${reason}; ${HEALTH_COLUMN[indicator]} ${row[field] === '' ? 'blank' : row[field]}`
          : reason,
        groups,
      });
    }
    return figure.figure();
  });
  const sdq = figureBuilder(ctx, spec('sdq-average-score', 'mean', `${empty} and has an SDQ score`));
  for (const { row, groups, reason, inCohort } of cohort) {
    const scored = inCohort && row.sdqScore !== '';
    sdq.add({
      child: row.child,
      inDenominator: scored,
      inNumerator: scored,
      reason: inCohort
        ? scored
          ? () => `${reason}; SDQ_SCORE ${row.sdqScore}`
          : () => `not counted: no SDQ_SCORE (${reason})`
        : reason,
      groups,
      score: scored ? Number(row.sdqScore) : undefined,
    });
  }
  figures.push(sdq.figure());
  return figures;
}
