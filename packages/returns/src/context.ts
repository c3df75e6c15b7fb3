import { careByChild, type ChildCare } from './care.ts';
import { addMonths, formatUk, twelveMonthsTo, type Day, type Window } from './dates.ts';
import type { Episode, ReturnsData } from './model.ts';
import {
  ageBand,
  FigureBuilder,
  legalStatusGroup,
  placementTypeGroup,
  providerGroup,
  type FigureSpec,
  type Unit,
} from './breakdowns.ts';
import { canonicalSex } from './read.ts';
import type { BreakdownDimension } from './types.ts';

/** What every rule needs: the data, the date d, "the 12 months to d" and each child's care. */
export interface RuleContext {
  data: ReturnsData;
  d: Day;
  /** d written dd/mm/yyyy, for reasons. */
  dText: string;
  window: Window;
  /** "The 12 months to d" written out: "the 12 months to 31/03/2025 (from 01/04/2024)". */
  windowText: string;
  care: Map<string, ChildCare>;
  /** Whether figures keep their units (and the reasons are written): see `ComputeOptions.units`. */
  units: boolean;
}

export function ruleContext(data: ReturnsData, d: Day, units = true): RuleContext {
  const window = twelveMonthsTo(d);
  return {
    data,
    d,
    units,
    dText: formatUk(d),
    window,
    windowText: `the 12 months to ${formatUk(d)} (from ${formatUk(window.from)})`,
    care: careByChild(data.episodes),
  };
}

export const LOOKED_AFTER_DIMENSIONS: readonly BreakdownDimension[] = [
  'age-band',
  'sex',
  'legal-status',
  'placement-type',
  'placement-provider',
];
export const CHILD_DIMENSIONS: readonly BreakdownDimension[] = ['age-band', 'sex'];

/** A builder for a figure of `spec`, keeping its units when the computation does. */
export const figureBuilder = (ctx: RuleContext, spec: FigureSpec) => new FigureBuilder(spec, ctx.units);

/** Age band at d and sex from the Header; legal status, placement type and provider from `episode`. */
export function lookedAfterGroups(ctx: RuleContext, child: string, episode?: Episode): Unit['groups'] {
  const header = ctx.data.header.get(child);
  const groups: Unit['groups'] = {
    'age-band': ageBand(header?.dob ?? null, ctx.d),
    sex: header ? canonicalSex(header.sex) : 'unknown',
  };
  if (episode) {
    groups['legal-status'] = legalStatusGroup(episode.ls);
    groups['placement-type'] = placementTypeGroup(episode.place);
    groups['placement-provider'] = providerGroup(episode.provider);
  }
  return groups;
}

/** d minus a number of months, by the one month-end rule in `dates.ts`. */
export const monthsBefore = (d: Day, months: number) => addMonths(d, -months);

export function describeEpisode(episode: Episode): string {
  const end = episode.dec === null ? '' : ` to ${formatUk(episode.dec)}`;
  return `episode from ${formatUk(episode.decom as Day)}${end} (RNE ${episode.rne}, LS ${episode.ls}, PLACE ${episode.place})`;
}
