/**
 * Care leavers from the OC3 table: the cohort is the rows whose 19th, 20th or 21st birthday falls in the 12
 * months to d, less those who died (IN_TOUCH DIED) or returned home for 6 months or more (RHOM).
 * Birthdays by the month-end rule of `dates.ts` (a 29 February birthday is 28 February in a common year).
 * A care leaver has an OC3 row in each collection year holding a 17th to 21st birthday: the row read is the
 * one of the year holding the birthday in the window (ADR 0015). When that year's OC3 is not among the files
 * (the current year, before its return), the care leaver is left out and the figure says so.
 * Breakdowns: age band at d (always 16 and over) and sex from the Header.
 */
import { absentFigure, type FigureSpec, type Unit } from './breakdowns.ts';
import { CHILD_DIMENSIONS, figureBuilder, lookedAfterGroups, type RuleContext } from './context.ts';
import { birthday, collectionYear, formatUk, inWindow, type Day } from './dates.ts';
import type { Oc3Row } from './model.ts';
import type { ComputedFigure } from './types.ts';

export const RULES = {
  'care-leavers-eet':
    'Of the care leavers whose 19th, 20th or 21st birthday falls in the 12 months to d (OC3 rows, less IN_TOUCH DIED or RHOM), the percentage in education, employment or training (ACTIV F1, P1, F2, P2, F4, P4, F5 or P5).',
  'care-leavers-suitable-accommodation':
    "Of the care leavers whose 19th, 20th or 21st birthday falls in the 12 months to d (OC3 rows, less IN_TOUCH DIED or RHOM), the percentage in suitable accommodation (ACCOM's second character 1).",
} as const;

const EET = new Set(['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5']);
const REMOVED = new Set(['DIED', 'RHOM']);
const ORDINAL: Record<number, string> = { 19: '19th', 20: '20th', 21: '21st' };

export function careLeaverFigures(ctx: RuleContext): ComputedFigure[] {
  const ids = ['care-leavers-eet', 'care-leavers-suitable-accommodation'] as const;
  if (!ctx.data.tables.has('OC3')) return ids.map((id) => absentFigure(id, RULES[id], 'No OC3 table among the files'));
  const rowsByChild = new Map<string, Oc3Row[]>();
  for (const row of ctx.data.oc3) {
    const rows = rowsByChild.get(row.child);
    if (rows) rows.push(row);
    else rowsByChild.set(row.child, [row]);
  }
  /** Collection years whose OC3 was wanted for a birthday but not among the files, with how many care leavers. */
  const yearsMissing = new Map<number, number>();
  const cohort = [...rowsByChild].map(([child, rows]) => {
    const groups: Unit['groups'] = lookedAfterGroups(ctx, child);
    const dob = (rows[0] as Oc3Row).dob as Day;
    const age = [19, 20, 21].find((n) => inWindow(birthday(dob, n), ctx.window));
    const year = age === undefined ? 0 : collectionYear(birthday(dob, age));
    // The row of the year holding the birthday; a row from a file of unknown year stands in for any year.
    const row = age === undefined ? undefined : (rows.find((r) => r.year === year) ?? rows.find((r) => r.year === 0));
    if (age !== undefined && !row) yearsMissing.set(year, (yearsMissing.get(year) ?? 0) + 1);
    const inCohort = row !== undefined && !REMOVED.has(row.inTouch);
    // Written once for both figures, and only when the units are kept.
    let reason = '';
    if (ctx.units) {
      if (age === undefined)
        reason = `not counted: no 19th, 20th or 21st birthday in ${ctx.windowText} (born ${formatUk(dob)})`;
      else if (!row)
        reason = `not counted: ${ORDINAL[age]} birthday ${formatUk(birthday(dob, age))} is in ${yearName(year)}, and no OC3 of ${yearName(year)} is among the files`;
      else if (!inCohort)
        reason = `not counted: ${ORDINAL[age]} birthday ${formatUk(birthday(dob, age))} but IN_TOUCH ${row.inTouch}`;
      else reason = `${ORDINAL[age]} birthday ${formatUk(birthday(dob, age))}, in ${ctx.windowText}`;
    }
    return { child, row, groups, reason, inCohort };
  });
  const empty = `No care leaver had a 19th, 20th or 21st birthday in ${ctx.windowText}`;
  const caveat =
    yearsMissing.size === 0
      ? undefined
      : `Counted from part of the year only: ${[...yearsMissing]
          .sort(([a], [b]) => a - b)
          .map(([year, n]) => `${n} care ${n === 1 ? "leaver's" : "leavers'"} birthday falls in ${yearName(year)}`)
          .join(
            ', ',
          )}, and no OC3 of that year is among the files, so ${yearsMissing.size === 1 && [...yearsMissing.values()][0] === 1 ? 'it is' : 'they are'} left out`;
  const figure = (id: (typeof ids)[number], test: (activ: string, accom: string) => boolean, said: string) => {
    const spec: FigureSpec = {
      indicator: id,
      kind: 'percentage',
      rule: RULES[id],
      dimensions: CHILD_DIMENSIONS,
      emptyReason: empty,
    };
    const built = figureBuilder(ctx, spec);
    for (const { child, row, groups, reason, inCohort } of cohort) {
      built.add({
        child,
        inDenominator: inCohort,
        inNumerator: inCohort && row !== undefined && test(row.activ, row.accom),
        reason:
          inCohort && row ? () => `${reason}; ${said} ${id === 'care-leavers-eet' ? row.activ : row.accom}` : reason,
        groups,
      });
    }
    const result = built.figure();
    return caveat === undefined || result.reason !== undefined ? result : { ...result, reason: caveat };
  };
  return [
    figure('care-leavers-eet', (activ) => EET.has(activ), 'ACTIV'),
    figure('care-leavers-suitable-accommodation', (_activ, accom) => accom[1] === '1', 'ACCOM'),
  ];
}

/** Collection year 2027 as "2026-27". */
const yearName = (year: number) => `${year - 1}-${String(year).slice(2)}`;
