/**
 * The CIN census rules (RETURNS.md section 3). Breakdowns: age band at d and sex from the child's
 * ChildIdentifiers.
 *
 * Boundaries: "within 3 months" of a date is on or before that date plus 3 calendar months (the month-end
 * rule of `dates.ts`), and the same for 6 months; "the latest review within 6 months before d" means the
 * latest review is on or after d minus 6 months (RETURNS.md's wording; with the month-end rule, for
 * d = 31/03/2025 a latest review of 30/09/2024 is in time and one of 29/09/2024 is not). A re-referral is one with another referral of the same child dated on or
 * after this one's date a year earlier and strictly before it, so a referral exactly 12 months after the
 * previous one is a re-referral and one a day later is not. Reviews after d are left out.
 */
import { workingDaysBetween, BANK_HOLIDAY_YEARS } from './bank-holidays.ts';
import { ageBand, absentFigure, NO_GROUPS, type FigureSpec, type Unit } from './breakdowns.ts';
import { CHILD_DIMENSIONS, figureBuilder, monthsBefore, type RuleContext } from './context.ts';
import { addMonths, dayNumber, formatUk, inWindow, type Day } from './dates.ts';
import type { CinChild, CpPlan } from './model.ts';
import { canonicalSex } from './read.ts';
import type { ComputedFigure } from './types.ts';

export const RULES = {
  'rereferrals-12-months':
    'Of the referrals dated in the 12 months to d, the percentage for a child with another referral dated on or after this one’s date a year earlier and before it.',
  'assessments-45-days':
    'Of the assessments authorised in the 12 months to d, the percentage authorised within 45 working days: weekdays after the start up to and including the authorisation, England and Wales bank holidays left out.',
  'cp-repeat-plans':
    'Of the child protection plans starting in the 12 months to d, the percentage with NumberOfPreviousCPP 1 or more, or whose child has an earlier plan in the data.',
  'cp-plans-2-years':
    'Of the child protection plans open at d (started on or before d, not ended on or before d), the percentage started on or before d minus 2 years.',
  'cp-reviews-in-timescale':
    'Of the child protection plans open at d that started on or before d minus 3 months, the percentage reviewed in time: the first review on or before the start plus 3 months, each next on or before the one before plus 6 months, and the latest within the 6 months before d (on or after d minus 6 months).',
} as const;

type CinIndicator = keyof typeof RULES;

function spec(indicator: CinIndicator, emptyReason: string): FigureSpec {
  return { indicator, kind: 'percentage', rule: RULES[indicator], dimensions: CHILD_DIMENSIONS, emptyReason };
}

const groupsOf = (ctx: RuleContext, child: CinChild): Unit['groups'] => ({
  'age-band': ageBand(child.dob, ctx.d),
  sex: canonicalSex(child.sex),
});

/**
 * The children, and every plan with its child, listed once per computation. Referrals are walked child by
 * child rather than listed: a national census has hundreds of thousands.
 */
interface CinUnits {
  children: CinChild[];
  plans: [CinChild, CpPlan][];
}

function cinUnits(children: CinChild[]): CinUnits {
  const plans: [CinChild, CpPlan][] = [];
  for (const child of children) for (const plan of distinctPlans(child).plans) plans.push([child, plan]);
  return { children, plans };
}

/**
 * A child's child protection plans, each once: a plan recorded twice (the same CPPstartDate, under two
 * referrals or twice in one; DfE rule 8940) is one plan, the version with an end date kept. `repeated` lists
 * the starts recorded more than once, for the warning.
 */
export function distinctPlans(child: CinChild): { plans: CpPlan[]; repeated: CpPlan[] } {
  const byStart = new Map<Day | null, CpPlan>();
  const repeated: CpPlan[] = [];
  let count = 0;
  for (const referral of child.referrals) {
    for (const plan of referral.plans) {
      count++;
      const seen = byStart.get(plan.start);
      if (plan.start === null || !seen) {
        byStart.set(plan.start ?? -count, plan);
        continue;
      }
      repeated.push(plan);
      if (seen.end === null && plan.end !== null) byStart.set(plan.start, plan);
    }
  }
  return { plans: count === byStart.size ? child.referrals.flatMap((r) => r.plans) : [...byStart.values()], repeated };
}

function rereferrals(ctx: RuleContext, cin: CinUnits): ComputedFigure {
  const figure = figureBuilder(ctx, spec('rereferrals-12-months', `No referral is dated in ${ctx.windowText}`));
  const outside = `not counted: outside ${ctx.windowText}`;
  for (const child of cin.children)
    for (const referral of child.referrals) {
      const date = referral.date as Day;
      const unit = () => `referral of ${formatUk(date)}`;
      if (!inWindow(date, ctx.window)) {
        figure.add({
          child: child.child,
          unit,
          inDenominator: false,
          inNumerator: false,
          reason: outside,
          groups: NO_GROUPS,
        });
        continue;
      }
      const yearEarlier = addMonths(date, -12);
      let previous: Day | null = null;
      for (const other of child.referrals) {
        const otherDate = other.date as Day;
        if (otherDate >= yearEarlier && otherDate < date && (previous === null || otherDate > previous))
          previous = otherDate;
      }
      const reason = () =>
        previous === null
          ? `no other referral on or after ${formatUk(yearEarlier)} and before it`
          : `follows the referral of ${formatUk(previous)}, on or after ${formatUk(yearEarlier)}`;
      figure.add({
        child: child.child,
        unit,
        inDenominator: true,
        inNumerator: previous !== null,
        reason,
        groups: groupsOf(ctx, child),
      });
    }
  return figure.figure();
}

const HOLIDAYS_FROM = dayNumber(BANK_HOLIDAY_YEARS.first, 1, 1);
const HOLIDAYS_TO = dayNumber(BANK_HOLIDAY_YEARS.last, 12, 31);

function assessments(ctx: RuleContext, cin: CinUnits): ComputedFigure {
  const figure = figureBuilder(ctx, spec('assessments-45-days', `No assessment was authorised in ${ctx.windowText}`));
  for (const child of cin.children)
    for (const referral of child.referrals) {
      for (const assessment of referral.assessments) {
        const start = assessment.start as Day;
        const unit = () => `assessment started ${formatUk(start)}`;
        const authorised = assessment.authorised;
        if (authorised === null || !inWindow(authorised, ctx.window)) {
          const reason =
            authorised === null
              ? 'not counted: not authorised'
              : () => `not counted: authorised ${formatUk(authorised)}, outside ${ctx.windowText}`;
          figure.add({ child: child.child, unit, inDenominator: false, inNumerator: false, reason, groups: NO_GROUPS });
          continue;
        }
        const days = workingDaysBetween(start, authorised);
        const outsideList = start < HOLIDAYS_FROM || authorised > HOLIDAYS_TO;
        const caveat = outsideList
          ? ` (bank holidays are known for ${BANK_HOLIDAY_YEARS.first}-${BANK_HOLIDAY_YEARS.last} only)`
          : '';
        figure.add({
          child: child.child,
          unit,
          inDenominator: true,
          inNumerator: days <= 45,
          reason: () =>
            `authorised ${formatUk(authorised)}, ${days} working day${days === 1 ? '' : 's'} after the start${caveat}`,
          groups: groupsOf(ctx, child),
        });
      }
    }
  return figure.figure();
}

const isOpenPlan = (plan: CpPlan, d: Day) => (plan.start as Day) <= d && (plan.end === null || plan.end > d);

function repeatPlans(ctx: RuleContext, cin: CinUnits): ComputedFigure {
  const figure = figureBuilder(ctx, spec('cp-repeat-plans', `No child protection plan started in ${ctx.windowText}`));
  const earliest = new Map<string, Day>();
  for (const [child, plan] of cin.plans) {
    const start = plan.start as Day;
    if (start < (earliest.get(child.child) ?? Infinity)) earliest.set(child.child, start);
  }
  const outside = `not counted: started outside ${ctx.windowText}`;
  for (const [child, plan] of cin.plans) {
    const start = plan.start as Day;
    const unit = () => `child protection plan from ${formatUk(start)}`;
    if (!inWindow(start, ctx.window)) {
      figure.add({
        child: child.child,
        unit,
        inDenominator: false,
        inNumerator: false,
        reason: outside,
        groups: NO_GROUPS,
      });
      continue;
    }
    const first = earliest.get(child.child) as Day;
    const previous = plan.previous ?? 0;
    const repeat = previous >= 1 || first < start;
    const reason = repeat
      ? previous >= 1
        ? () => `NumberOfPreviousCPP ${previous}`
        : () => `an earlier plan from ${formatUk(first)} is in the data`
      : 'no previous plan (NumberOfPreviousCPP 0 or absent, none earlier in the data)';
    figure.add({
      child: child.child,
      unit,
      inDenominator: true,
      inNumerator: repeat,
      reason,
      groups: groupsOf(ctx, child),
    });
  }
  return figure.figure();
}

function plansTwoYears(ctx: RuleContext, cin: CinUnits): ComputedFigure {
  const cut = monthsBefore(ctx.d, 24);
  const figure = figureBuilder(ctx, spec('cp-plans-2-years', `No child protection plan was open at ${ctx.dText}`));
  const notOpen = `not counted: not open at ${ctx.dText}`;
  for (const [child, plan] of cin.plans) {
    const start = plan.start as Day;
    const unit = () => `child protection plan from ${formatUk(start)}`;
    if (!isOpenPlan(plan, ctx.d)) {
      figure.add({
        child: child.child,
        unit,
        inDenominator: false,
        inNumerator: false,
        reason: notOpen,
        groups: NO_GROUPS,
      });
      continue;
    }
    const long = start <= cut;
    const reason = () =>
      `open at ${ctx.dText}; started ${long ? 'on or before' : 'after'} ${formatUk(cut)} (d minus 2 years)`;
    figure.add({
      child: child.child,
      unit,
      inDenominator: true,
      inNumerator: long,
      reason,
      groups: groupsOf(ctx, child),
    });
  }
  return figure.figure();
}

/** Whether a plan open at d was reviewed in time, and why in words. */
export function reviewedInTime(start: Day, reviews: readonly Day[], d: Day): { inTime: boolean; reason: string } {
  let due = addMonths(start, 3);
  let latest: Day | null = null;
  let held = 0;
  for (const review of reviews) {
    if (review < start || review > d) continue;
    if (review > due) {
      const what = latest === null ? 'the first review' : `the review after ${formatUk(latest)}`;
      return { inTime: false, reason: `${what} was due by ${formatUk(due)} but held ${formatUk(review)}` };
    }
    latest = review;
    held++;
    due = addMonths(review, 6);
  }
  if (latest === null) return { inTime: false, reason: `no review held; the first was due by ${formatUk(due)}` };
  const sixMonthsBefore = addMonths(d, -6);
  if (latest < sixMonthsBefore) {
    return {
      inTime: false,
      reason: `the latest review, ${formatUk(latest)}, is more than 6 months before d (before ${formatUk(sixMonthsBefore)})`,
    };
  }
  return { inTime: true, reason: `${held} review${held === 1 ? '' : 's'} in time, the latest ${formatUk(latest)}` };
}

function reviewsInTime(ctx: RuleContext, cin: CinUnits): ComputedFigure {
  const cut = monthsBefore(ctx.d, 3);
  const figure = figureBuilder(
    ctx,
    spec(
      'cp-reviews-in-timescale',
      `No child protection plan open at ${ctx.dText} started on or before ${formatUk(cut)}`,
    ),
  );
  const notOpen = `not counted: not open at ${ctx.dText}`;
  const tooRecent = `not counted: started after ${formatUk(cut)} (d minus 3 months)`;
  for (const [child, plan] of cin.plans) {
    const start = plan.start as Day;
    const unit = () => `child protection plan from ${formatUk(start)}`;
    const out = (reason: string) =>
      figure.add({ child: child.child, unit, inDenominator: false, inNumerator: false, reason, groups: NO_GROUPS });
    if (!isOpenPlan(plan, ctx.d)) out(notOpen);
    else if (start > cut) out(tooRecent);
    else {
      const { inTime, reason } = reviewedInTime(start, plan.reviews, ctx.d);
      figure.add({
        child: child.child,
        unit,
        inDenominator: true,
        inNumerator: inTime,
        reason,
        groups: groupsOf(ctx, child),
      });
    }
  }
  return figure.figure();
}

export function childrenInNeedFigures(ctx: RuleContext): ComputedFigure[] {
  const cin = ctx.data.cin;
  const ids = Object.keys(RULES) as CinIndicator[];
  if (!cin) return ids.map((id) => absentFigure(id, RULES[id], 'No CIN census among the files'));
  const units = cinUnits([...cin.children.values()]);
  return [
    rereferrals(ctx, units),
    assessments(ctx, units),
    repeatPlans(ctx, units),
    plansTwoYears(ctx, units),
    reviewsInTime(ctx, units),
  ];
}
