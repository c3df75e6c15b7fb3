/**
 * Care leavers from the OC3 table: the cohort is the rows whose 19th, 20th or 21st birthday falls in the 12
 * months to d, less those who died (IN_TOUCH DIED) or returned home for 6 months or more (RHOM).
 * Birthdays by the month-end rule of `dates.ts` (a 29 February birthday is 28 February in a common year).
 * Breakdowns: age band at d (always 16 and over) and sex from the Header.
 */
import { absentFigure, type FigureSpec, type Unit } from './breakdowns.ts';
import { CHILD_DIMENSIONS, figureBuilder, lookedAfterGroups, type RuleContext } from './context.ts';
import { birthday, formatUk, inWindow, type Day } from './dates.ts';
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
  const cohort = ctx.data.oc3.map((row) => {
    const groups: Unit['groups'] = lookedAfterGroups(ctx, row.child);
    const dob = row.dob as Day;
    const age = [19, 20, 21].find((n) => inWindow(birthday(dob, n), ctx.window));
    const inCohort = age !== undefined && !REMOVED.has(row.inTouch);
    // Written once for both figures, and only when the units are kept.
    let reason = '';
    if (ctx.units) {
      if (age === undefined)
        reason = `not counted: no 19th, 20th or 21st birthday in ${ctx.windowText} (born ${formatUk(dob)})`;
      else if (!inCohort)
        reason = `not counted: ${ORDINAL[age]} birthday ${formatUk(birthday(dob, age))} but IN_TOUCH ${row.inTouch}`;
      else reason = `${ORDINAL[age]} birthday ${formatUk(birthday(dob, age))}, in ${ctx.windowText}`;
    }
    return { row, groups, reason, inCohort };
  });
  const empty = `No care leaver had a 19th, 20th or 21st birthday in ${ctx.windowText}`;
  const figure = (id: (typeof ids)[number], test: (activ: string, accom: string) => boolean, said: string) => {
    const spec: FigureSpec = {
      indicator: id,
      kind: 'percentage',
      rule: RULES[id],
      dimensions: CHILD_DIMENSIONS,
      emptyReason: empty,
    };
    const built = figureBuilder(ctx, spec);
    for (const { row, groups, reason, inCohort } of cohort) {
      built.add({
        child: row.child,
        inDenominator: inCohort,
        inNumerator: inCohort && test(row.activ, row.accom),
        reason: inCohort ? () => `${reason}; ${said} ${id === 'care-leavers-eet' ? row.activ : row.accom}` : reason,
        groups,
      });
    }
    return built.figure();
  };
  return [
    figure('care-leavers-eet', (activ) => EET.has(activ), 'ACTIV'),
    figure('care-leavers-suitable-accommodation', (_activ, accom) => accom[1] === '1', 'ACCOM'),
  ];
}
