/**
 * Whole-day date arithmetic, clock-free. A date is a day number: days since 1 January 1970 (day 0), computed
 * by the proleptic Gregorian calendar with integer arithmetic only, so the hot loops never build a Date.
 *
 * Month arithmetic (one rule, used for "d minus 2 years 6 months", "d minus 12 months", "a year earlier",
 * "start plus 3 months" and birthdays): move the month, keep the day of month, and when that day does not
 * exist in the target month use the month's last day. So 31/08/2025 minus 6 months is 28/02/2025, 31/08/2024
 * minus 6 months is 29/02/2024, and a 29 February birthday falls on 28 February in a common year.
 */

/** Days since 1 January 1970. */
export type Day = number;

/** Day number of a calendar date (month 1-12). */
export function dayNumber(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Calendar date of a day number. */
export function calendarDate(dayNo: Day): CalendarDate {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

function validDay(year: number, month: number, day: number): Day | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumber(year, month, day);
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return to > from ? value : -1;
}

/**
 * A `dd/mm/yyyy` date (SSDA903). One-digit days and months are accepted (spreadsheets drop the zero);
 * anything else, or a day that does not exist, is null.
 */
export function parseUkDate(text: string): Day | null {
  const first = text.indexOf('/');
  const second = first < 0 ? -1 : text.indexOf('/', first + 1);
  if (first < 1 || first > 2 || second - first < 2 || second - first > 3 || text.length - second !== 5) return null;
  const day = digitsValue(text, 0, first);
  const month = digitsValue(text, first + 1, second);
  const year = digitsValue(text, second + 1, text.length);
  if (day < 0 || month < 0 || year < 0) return null;
  return validDay(year, month, day);
}

/** A `yyyy-mm-dd` date (CIN census, options). Anything else, or a day that does not exist, is null. */
export function parseIsoDate(text: string): Day | null {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const year = digitsValue(text, 0, 4);
  const month = digitsValue(text, 5, 7);
  const day = digitsValue(text, 8, 10);
  if (day < 0 || month < 0 || year < 0) return null;
  return validDay(year, month, day);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `dd/mm/yyyy`, the way the analyst's reasons write dates. */
export function formatUk(dayNo: Day): string {
  const { year, month, day } = calendarDate(dayNo);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

export function formatIso(dayNo: Day): string {
  const { year, month, day } = calendarDate(dayNo);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The date `months` calendar months later (earlier when negative); a missing day becomes the month's last day. */
export function addMonths(dayNo: Day, months: number): Day {
  const { year, month, day } = calendarDate(dayNo);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dayNumber(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** "The 12 months to d": from the day after d's date a year earlier, to d, inclusive. */
export interface Window {
  from: Day;
  to: Day;
}

export function twelveMonthsTo(d: Day): Window {
  return { from: addMonths(d, -12) + 1, to: d };
}

export function inWindow(dayNo: Day | null, window: Window): boolean {
  return dayNo !== null && dayNo >= window.from && dayNo <= window.to;
}

/** Age in whole years at `at`: the number of birthdays (by `addMonths`) on or before it. */
export function ageAt(dob: Day, at: Day): number {
  const born = calendarDate(dob);
  const now = calendarDate(at);
  const years = now.year - born.year;
  return addMonths(dob, years * 12) <= at ? years : years - 1;
}

/** The `n`th birthday of someone born on `dob` (29 February falls on 28 February in a common year). */
export function birthday(dob: Day, n: number): Day {
  return addMonths(dob, n * 12);
}

/** Collection year Y of a date: 1 April Y-1 to 31 March Y. */
export function collectionYear(dayNo: Day): number {
  const { year, month } = calendarDate(dayNo);
  return month >= 4 ? year + 1 : year;
}

/** The year in which the financial year holding `dayNo` began (1 April). */
export function financialYearStart(dayNo: Day): number {
  return collectionYear(dayNo) - 1;
}

/** 0 = Sunday ... 6 = Saturday. Day 0 (1 January 1970) was a Thursday. */
export function dayOfWeek(dayNo: Day): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

/** Weekdays (Monday-Friday) on or before `dayNo`, counted from Monday 5 January 1970 (negative before it). */
function weekdaysThrough(dayNo: Day): number {
  const sinceMonday = dayNo - 4 + 1;
  const weeks = Math.floor(sinceMonday / 7);
  const rest = sinceMonday - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** Weekdays after `start` up to and including `end` (0 when `end` is not after `start`). */
export function weekdaysBetween(start: Day, end: Day): number {
  return end <= start ? 0 : weekdaysThrough(end) - weekdaysThrough(start);
}
