import Holidays from 'date-holidays';

/**
 * Working days in England: not a Saturday or Sunday, Christmas Day, Good Friday or a bank holiday (the
 * Children Act 1989 Representations Procedure (England) Regulations 2006, reg. 2). The bank holidays, their
 * substitute days and the one-off days (jubilees, a state funeral, a coronation) come from date-holidays, a
 * kept calendar, not a list typed here. Dates are ISO days (yyyy-mm-dd), counted in UTC so no clock or time
 * zone can move them.
 */

const calendar = new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
const byYear = new Map<number, ReadonlySet<string>>();

/** The days in a year that are not working days for being holidays (weekends aside). */
export function englandHolidays(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(calendar.getHolidays(year).map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDay(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not a date written yyyy-mm-dd`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(day).toISOString().slice(0, 10) !== iso) throw new RangeError(`"${iso}" is not a real date`);
  return day / DAY_MS;
}

function toIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(iso: string): boolean {
  const day = toDay(iso);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !englandHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The day `n` working days after `from` (the day itself not counted): a timescale's last day. */
export function addWorkingDays(from: string, n: number): string {
  let day = toDay(from);
  for (let left = n; left > 0;) {
    day += 1;
    if (isWorkingDay(toIso(day))) left -= 1;
  }
  return toIso(day);
}

/** Weekdays (Monday to Friday) from day number `a` to `b`, both counted (0 when `b` < `a`): arithmetic, not a walk. */
function weekdaysBetween(a: number, b: number): number {
  if (b < a) return 0;
  const days = b - a + 1;
  const whole = Math.floor(days / 7);
  let count = whole * 5;
  // The days left over after the whole weeks, from the weekday `a` falls on.
  const start = (new Date(a * DAY_MS).getUTCDay() + whole * 7) % 7;
  for (let i = 0; i < days % 7; i++) {
    const weekday = (start + i) % 7;
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): the weekdays between,
 * less the holidays on a weekday in between, counted year by year, so a span of decades costs no more than a
 * few years' holiday lists.
 */
export function workingDaysBetween(from: string, to: string): number {
  const first = toDay(from) + 1;
  const last = toDay(to);
  if (last < first) return 0;
  let count = weekdaysBetween(first, last);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const holiday of englandHolidays(year)) {
      const day = toDay(holiday);
      const weekday = new Date(day * DAY_MS).getUTCDay();
      if (day >= first && day <= last && weekday !== 0 && weekday !== 6) count -= 1;
    }
  return count;
}
