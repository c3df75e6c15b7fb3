/**
 * DfE's adoption scorecard measures from the SSDA903 (RETURNS.md section 4): A1, A10, A2 and A3, each over
 * the children adopted in the 36 months to d (a period of care ending with REC E11 or E12, DEC in the
 * window) as one mean over all of them, with the same over the 12 months to d beside it (`perYear`).
 *
 * Sources: "Adoption Scorecards: year ending March 2018, methodology and guidance" (DfE, March 2019) for A1,
 * A2 and A3; the Adoption and Special Guardianship Leadership Board's quarterly data definitions for A10.
 * Days are calendar days between the two dates. A child adopted twice in the window counts once per adoption.
 */
import { absentFigure, type FigureKind, type FigureSpec } from './breakdowns.ts';
import type { ChildCare } from './care.ts';
import { figureBuilder, type RuleContext } from './context.ts';
import { addMonths, formatUk, inWindow, type Day, type Window } from './dates.ts';
import type { Episode } from './model.ts';
import type { ComputedFigure, ReturnsIndicator } from './types.ts';

export const RULES = {
  'adoption-a1-days':
    'A1 (DfE adoption scorecard): for the children adopted in the 36 months to d (a period of care ending with REC E11 or E12, DEC in the 36 months), the mean number of days from entering care (the DECOM of the first episode of that period of care) to moving in with the adoptive family (the DECOM of its first episode with PLACE A3-A6); a child with no such episode, or whose period of care began before the files do, is left out. The same over the 12 months to d is given beside it.',
  'adoption-a10-days':
    'A10 (Adoption and Special Guardianship Leadership Board): as A1, but for a child adopted by their foster carer (AD1 FOSTER_CARE 1, or the adoptive placement is A3 or A5 entered with RNE T or U) the days are counted to when the child moved in with that carer: the DECOM of the latest episode before the adoptive placement that started with RNE S, P or B.',
  'adoption-a2-days':
    "A2 (DfE adoption scorecard): for the children adopted in the 36 months to d who had the court's authority to place (the DECOM of the first episode of the period of care with LS E1 or D1) and a match with adopters (AD1 DATE_MATCH), the mean number of days from authority to match, 0 where the match came first; children with no placement order or no match are left out.",
  'adoption-a3-within-14-months':
    'A3 (DfE adoption scorecard): of the A1 children, the percentage who moved in with their adoptive family within 14 months of entering care (the moved-in date before the date of entering care plus 14 months).',
} as const;

const ADOPTED = new Set(['E11', 'E12']);
const ADOPTIVE_PLACEMENT = new Set(['A3', 'A4', 'A5', 'A6']);
const PLACEMENT_ORDER = new Set(['E1', 'D1']);
const NEW_CARER = new Set(['S', 'P', 'B']);

/** One adoption: the period of care that ended in it, and the dates the measures use. */
interface Adoption {
  child: string;
  adopted: Day;
  /** The period's first episode's DECOM; null when the period began before the files (not RNE S). */
  entered: Day | null;
  /** The first adoptive placement's DECOM, or null when the period has none. */
  movedIn: Day | null;
  /** For a foster carer adoption, when the child moved in with that carer (A10); else `movedIn`. */
  withCarer: Day | null;
  fosterCarer: boolean;
  /** The court's authority to place: the first episode with LS E1 or D1, or null. */
  authority: Day | null;
  match: Day | null;
}

const days = (from: Day, to: Day) => to - from;

const ENTERED_UNKNOWN =
  'the period of care began before the files do (its first episode in them is not RNE S), so the day the child entered care is not known: add earlier years';

function adoptionsIn(care: ChildCare, ctx: RuleContext, window: Window): Adoption[] {
  const found: Adoption[] = [];
  care.episodes.forEach((episode, i) => {
    if (!ADOPTED.has(episode.rec) || !inWindow(episode.dec, window)) return;
    const first = care.periodStart[i] as number;
    const period = care.episodes.slice(first, i + 1);
    // A period that began before the files do has no known day of entering care.
    const enteredKnown = !(first === 0 && care.startsMidPeriod);
    const adoptiveAt = period.findIndex((e) => ADOPTIVE_PLACEMENT.has(e.place));
    const adoptive: Episode | undefined = period[adoptiveAt];
    const ad1 = ctx.data.ad1.get(care.child);
    const fosterCarer =
      ad1?.fosterCare === '1' ||
      (adoptive !== undefined &&
        (adoptive.place === 'A3' || adoptive.place === 'A5') &&
        (adoptive.rne === 'T' || adoptive.rne === 'U'));
    let withCarer: Day | null = adoptive ? (adoptive.decom as Day) : null;
    if (adoptive && fosterCarer) {
      // The carer's placement began at the latest episode before the adoptive one that started with S, P or B.
      let j = adoptiveAt - 1;
      while (j > 0 && !NEW_CARER.has((period[j] as Episode).rne)) j--;
      withCarer = j >= 0 ? ((period[j] as Episode).decom as Day) : withCarer;
    }
    const order = period.find((e) => PLACEMENT_ORDER.has(e.ls));
    found.push({
      child: care.child,
      adopted: episode.dec as Day,
      entered: enteredKnown ? ((period[0] as Episode).decom as Day) : null,
      movedIn: adoptive ? (adoptive.decom as Day) : null,
      withCarer,
      fosterCarer,
      authority: order ? (order.decom as Day) : null,
      match: ad1?.dateMatch ?? null,
    });
  });
  return found;
}

interface Measure {
  indicator: ReturnsIndicator;
  kind: FigureKind;
  /** The unit's score (days) and whether it is in the numerator (A3), or the reason it is left out. */
  score(a: Adoption): { days: number; inNumerator?: boolean; words: string } | { leftOut: string };
}

const MEASURES: Measure[] = [
  {
    indicator: 'adoption-a1-days',
    kind: 'mean',
    score: (a) =>
      a.entered === null
        ? { leftOut: ENTERED_UNKNOWN }
        : a.movedIn === null
          ? { leftOut: 'no episode with PLACE A3-A6 in the period of care' }
          : {
              days: days(a.entered, a.movedIn),
              words: `entered care ${formatUk(a.entered)}, moved in with the adoptive family ${formatUk(a.movedIn)}`,
            },
  },
  {
    indicator: 'adoption-a10-days',
    kind: 'mean',
    score: (a) =>
      a.entered === null
        ? { leftOut: ENTERED_UNKNOWN }
        : a.withCarer === null
          ? { leftOut: 'no episode with PLACE A3-A6 in the period of care' }
          : {
              days: days(a.entered, a.withCarer),
              words: a.fosterCarer
                ? `entered care ${formatUk(a.entered)}, adopted by the foster carer they moved in with on ${formatUk(a.withCarer)}`
                : `entered care ${formatUk(a.entered)}, moved in with the adoptive family ${formatUk(a.withCarer)}`,
            },
  },
  {
    indicator: 'adoption-a2-days',
    kind: 'mean',
    score: (a) => {
      if (a.authority === null)
        return { leftOut: 'no episode with LS E1 or D1 (no placement order) in the period of care' };
      if (a.match === null) return { leftOut: 'no AD1 DATE_MATCH for the child' };
      return {
        days: Math.max(0, days(a.authority, a.match)),
        words: `authority to place ${formatUk(a.authority)}, matched ${formatUk(a.match)}${a.match < a.authority ? ' (before the authority: 0 days)' : ''}`,
      };
    },
  },
  {
    indicator: 'adoption-a3-within-14-months',
    kind: 'percentage',
    score: (a) => {
      if (a.entered === null) return { leftOut: ENTERED_UNKNOWN };
      if (a.movedIn === null) return { leftOut: 'no episode with PLACE A3-A6 in the period of care' };
      const limit = addMonths(a.entered, 14);
      const within = a.movedIn < limit;
      return {
        days: days(a.entered, a.movedIn),
        inNumerator: within,
        words: `entered care ${formatUk(a.entered)}, moved in ${formatUk(a.movedIn)}: ${within ? 'before' : 'on or after'} ${formatUk(limit)}`,
      };
    },
  },
];

/** The 36 months to d: the day after d's date three years earlier, to d. */
const threeYearsTo = (d: Day): Window => ({ from: addMonths(d, -36) + 1, to: d });

export function adoptionFigures(ctx: RuleContext): ComputedFigure[] {
  if (!ctx.data.tables.has('Episodes'))
    return MEASURES.map((m) =>
      absentFigure(m.indicator, RULES[m.indicator as keyof typeof RULES], 'No Episodes table among the files'),
    );
  const window = threeYearsTo(ctx.d);
  const adoptions: Adoption[] = [];
  for (const care of ctx.care.values()) adoptions.push(...adoptionsIn(care, ctx, window));
  const windowText = `the 36 months to ${ctx.dText} (from ${formatUk(window.from)})`;
  return MEASURES.map((measure) => {
    const spec = (indicator: ReturnsIndicator, emptyReason: string): FigureSpec => ({
      indicator,
      kind: measure.kind,
      rule: RULES[indicator as keyof typeof RULES],
      dimensions: [],
      emptyReason,
    });
    const threeYears = figureBuilder(ctx, spec(measure.indicator, `No child counted was adopted in ${windowText}`));
    const oneYear = figureBuilder({ ...ctx, units: false }, spec(measure.indicator, ''));
    for (const adoption of adoptions) {
      const scored = measure.score(adoption);
      const unit = () => `adoption of ${formatUk(adoption.adopted)}`;
      if ('leftOut' in scored) {
        threeYears.add({
          child: adoption.child,
          unit,
          inDenominator: false,
          inNumerator: false,
          reason: `not counted: ${scored.leftOut}`,
          groups: {},
        });
        continue;
      }
      const input = {
        child: adoption.child,
        unit,
        inDenominator: true,
        inNumerator: scored.inNumerator ?? true,
        score: scored.days,
        reason: () =>
          `${scored.words}: ${scored.days} days${scored.inNumerator === undefined ? '' : scored.inNumerator ? ', counted' : ', not counted'}`,
        groups: {},
      };
      threeYears.add(input);
      if (inWindow(adoption.adopted, ctx.window)) oneYear.add(input);
    }
    const perYear = oneYear.figure();
    return {
      ...threeYears.figure(),
      basis: windowText,
      perYear: {
        value: perYear.value,
        numerator: perYear.numerator,
        denominator: perYear.denominator,
        basis: ctx.windowText,
      },
    };
  });
}
