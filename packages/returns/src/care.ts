/**
 * A child's time in care from the Episodes table: episodes in date order (V3/V4 short breaks left out, as
 * every rule ignores them), periods of care and placements.
 *
 * A period of care is a chain of episodes each beginning on the day the previous one ended; it starts at an
 * episode with RNE S. A chain that breaks without S is a validation error; when the files begin part-way
 * through a period (the child's first episode in the files is not RNE S), the period is taken to start at
 * that first episode, which can only make it shorter than it was.
 * Short breaks sit in the chain as DfE's continuity rule (433) sees it: an episode that follows on from a
 * short break (the V3/V4 episode ended the day it began, its RNE is L, say) is in order, and because time on
 * short breaks is not time looked after in DfE's statistics, it starts a new period of care (ADR 0015).
 * A placement starts at an episode with RNE S, P or B; T and U keep the same carer and L changes the legal
 * status only, so they continue the placement before them.
 */
import type { Day } from './dates.ts';
import type { Episode } from './model.ts';

export const SHORT_BREAK_LS = new Set(['V3', 'V4']);
const NEW_PLACEMENT_RNE = new Set(['S', 'P', 'B']);

export interface ChildCare {
  child: string;
  /** Episodes other than short breaks, by DECOM; every DECOM is a date (rows without one stop at validation). */
  episodes: Episode[];
  /** For each episode, the index of the first episode of its period of care. */
  periodStart: number[];
  /** Short-break episodes left out. */
  shortBreaks: number;
  /**
   * The first period of care began before the files do: its first episode is not RNE S and does not follow a
   * short break, so the day the child entered care is not known.
   */
  startsMidPeriod: boolean;
}

/** Validation and the rules group the same episodes: worked out once. */
const careCache = new WeakMap<readonly Episode[], Map<string, ChildCare>>();

/**
 * Groups the episodes (sorted by child then DECOM, as `readReturns` leaves them) by child. Each child's lists
 * are made at their length: grown one by one, each would have room for 17 (a national set is 200,000 children).
 */
export function careByChild(episodes: readonly Episode[]): Map<string, ChildCare> {
  const cached = careCache.get(episodes);
  if (cached) return cached;
  const byChild = new Map<string, ChildCare>();
  for (let from = 0; from < episodes.length;) {
    const child = (episodes[from] as Episode).child;
    let to = from + 1;
    let kept = 0;
    let shortBreaks = 0;
    for (let i = from; i < episodes.length && (episodes[i] as Episode).child === child; i++, to = i) {
      const episode = episodes[i] as Episode;
      if (SHORT_BREAK_LS.has(episode.ls)) shortBreaks++;
      else if (episode.decom !== null) kept++;
    }
    const care: ChildCare = {
      child,
      episodes: new Array<Episode>(kept),
      periodStart: new Array<number>(kept),
      shortBreaks,
      startsMidPeriod: false,
    };
    let index = 0;
    /** The episode before this one, short breaks included. */
    let before: Episode | undefined;
    for (let i = from; i < to; i++) {
      const episode = episodes[i] as Episode;
      if (episode.decom === null) continue;
      const previous = before;
      before = episode;
      if (SHORT_BREAK_LS.has(episode.ls)) continue;
      const continues =
        previous !== undefined &&
        !SHORT_BREAK_LS.has(previous.ls) &&
        episode.rne !== 'S' &&
        previous.dec === episode.decom;
      if (index === 0) care.startsMidPeriod = episode.rne !== 'S' && previous === undefined;
      care.periodStart[index] = continues ? (care.periodStart[index - 1] as number) : index;
      care.episodes[index] = episode;
      index++;
    }
    byChild.set(child, care);
    from = to;
  }
  careCache.set(episodes, byChild);
  return byChild;
}

/** Open at x: DECOM <= x and (DEC empty or DEC > x). */
export function isOpenAt(episode: Episode, x: Day): boolean {
  return episode.decom !== null && episode.decom <= x && (episode.dec === null || episode.dec > x);
}

/** Index of the episode open at `x`, or -1. Episodes do not overlap (validation), so there is at most one. */
export function openAt(care: ChildCare, x: Day): number {
  for (let i = care.episodes.length - 1; i >= 0; i--) {
    const episode = care.episodes[i] as Episode;
    if ((episode.decom as Day) <= x) return isOpenAt(episode, x) ? i : -1;
  }
  return -1;
}

/** The episode starting the period of care episode `i` belongs to. */
export function periodStartOf(care: ChildCare, i: number): Episode {
  return care.episodes[care.periodStart[i] as number] as Episode;
}

/** Index of the episode that started the placement episode `i` is in (walking back over T, U and L). */
export function placementStartIndex(care: ChildCare, i: number): number {
  const first = care.periodStart[i] as number;
  let j = i;
  while (j > first && !NEW_PLACEMENT_RNE.has((care.episodes[j] as Episode).rne)) j--;
  return j;
}
