/**
 * An independent reference for the rules, for the tests only (not exported by the package): every indicator
 * computed a second way, written from RETURNS.md's text with no code shared with the package's readers or
 * rules (its own CSV and XML reading, its own date arithmetic through UTC Date objects, its own bank holiday
 * list). `generate-check.test.ts` holds the package to it on generated returns, `published.test.ts` on the
 * fake returns other organisations publish.
 */
import type { ReturnFile } from './types.ts';

// ---------------------------------------------------------------------------------------------------
// Dates as ISO strings, with arithmetic through UTC Date objects (no clock).

export const toIso = (uk: string): string => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(uk);
  if (!m) throw new Error(`bad date ${uk}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
};
const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const fmt = (dt: Date) => dt.toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Same day of the month, months later (or earlier), clipped to the month's last day. */
export function plusMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(new Date(Date.UTC(ny, nm - 1, Math.min(d, daysInMonth(ny, nm)))));
}
export function plusDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return fmt(new Date(Date.UTC(y, m - 1, d + days)));
}
/** The first day of "the 12 months to d": the day after d's date a year earlier. */
export const yearStart = (d: string) => plusDays(plusMonths(d, -12), 1);
export function ageOn(dob: string, d: string): number {
  const [by, bm, bd] = parts(dob);
  const [y, m, dd] = parts(d);
  return y - by - (m < bm || (m === bm && dd < bd) ? 1 : 0);
}

// England and Wales bank holidays (gov.uk), written out by hand.
const BANK_HOLIDAYS = new Set([
  ...['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  ...['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  ...['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  ...['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19'],
  ...['2022-12-26', '2022-12-27'],
  ...['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25'],
  ...['2023-12-26'],
  ...['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  ...['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  ...['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
]);
/** Working days after `start` up to and including `end`, counted one day at a time. */
export function workingDays(start: string, end: string): number {
  let n = 0;
  for (let x = plusDays(start, 1); x <= end; x = plusDays(x, 1)) {
    const [y, m, d] = parts(x);
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6 && !BANK_HOLIDAYS.has(x)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Reading: tables recognised by header row; CIN by regular expressions over the generator's XML.

type Row = Record<string, string> & { _file: string };
const TABLES: Record<string, string> = {
  'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB': 'Header',
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN': 'Episodes',
  'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED':
    'OC2',
  'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM': 'OC3',
  'CHILD,DOB,MISSING,MIS_START,MIS_END': 'Missing',
  'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR': 'AD1',
};

interface Referral {
  child: string;
  date: string;
  ref: string;
  assessments: { start: string; auth: string }[];
  plans: { start: string; end: string; previous: number; reviews: string[] }[];
}

interface Loaded {
  tables: Record<string, Row[]>;
  /** CINdetails by child and referral date, each from the latest census it is in. */
  referrals: Referral[];
}

export function load(files: ReturnFile[]): Loaded {
  const tables: Record<string, Row[]> = {};
  const byKey = new Map<string, Referral>();
  // Files in name order: the collection year leads each name, so later years come later.
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (f.name.endsWith('.xml')) {
      const ref = /<ReferenceDate>([^<]*)</.exec(f.text)?.[1] ?? '';
      for (const child of f.text.split('<Child>').slice(1)) {
        const id = /<LAchildID>([^<]*)</.exec(child)?.[1] ?? '';
        for (const det of child.split('<CINdetails>').slice(1)) {
          const tag = (s: string, t: string) => new RegExp(`<${t}>([^<]*)</${t}>`).exec(s)?.[1] ?? '';
          const r: Referral = { child: id, date: tag(det, 'CINreferralDate'), ref, assessments: [], plans: [] };
          for (const a of det.split('<Assessments>').slice(1))
            r.assessments.push({
              start: tag(a, 'AssessmentActualStartDate'),
              auth: tag(a, 'AssessmentAuthorisationDate'),
            });
          for (const p of det.split('<ChildProtectionPlans>').slice(1)) {
            const body = p.split('</ChildProtectionPlans>')[0] as string;
            r.plans.push({
              start: tag(body, 'CPPstartDate'),
              end: tag(body, 'CPPendDate'),
              previous: Number(tag(body, 'NumberOfPreviousCPP') || '0'),
              reviews: [...body.matchAll(/<CPPreviewDate>([^<]*)</g)].map((m) => m[1] as string),
            });
          }
          const key = `${id}|${r.date}`;
          const prev = byKey.get(key);
          if (!prev || prev.ref <= ref) byKey.set(key, r);
        }
      }
      continue;
    }
    const lines = f.text.split(/\r?\n/).filter((l) => l !== '');
    const cols = (lines[0] ?? '').split(',');
    const table = TABLES[lines[0] ?? ''];
    if (!table) continue;
    const rows = (tables[table] ??= []);
    for (const line of lines.slice(1)) {
      const v = line.split(',');
      const row = { _file: f.name } as Row;
      cols.forEach((c, i) => (row[c] = v[i] ?? ''));
      rows.push(row);
    }
  }
  return { tables, referrals: [...byKey.values()] };
}

// ---------------------------------------------------------------------------------------------------
// The reference rules (RETURNS.md section 3), one obvious loop each.

interface Ep {
  child: string;
  decom: string;
  dec: string;
  rne: string;
  place: string;
  ls: string;
  rec: string;
}
export interface RefFigure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** Episodes without short breaks, one per child and start date (the row that knows the end wins), by child in date order. */
export function episodesByChild(rows: Row[]): Map<string, Ep[]> {
  const seen = new Map<string, Ep>();
  for (const r of rows) {
    if (r.LS === 'V3' || r.LS === 'V4') continue;
    const e: Ep = {
      child: r.CHILD as string,
      decom: toIso(r.DECOM as string),
      dec: r.DEC ? toIso(r.DEC) : '',
      rne: r.RNE as string,
      place: r.PLACE as string,
      ls: r.LS as string,
      rec: r.REC as string,
    };
    const key = `${e.child}|${e.decom}`;
    const prev = seen.get(key);
    if (!prev || (!prev.dec && e.dec)) seen.set(key, e);
  }
  const by = new Map<string, Ep[]>();
  for (const e of seen.values()) {
    const list = by.get(e.child) ?? [];
    list.push(e);
    by.set(e.child, list);
  }
  for (const list of by.values()) list.sort((a, b) => (a.decom < b.decom ? -1 : 1));
  return by;
}
const openAt = (e: Ep, x: string) => e.decom <= x && (e.dec === '' || e.dec > x);
/** Index of the first episode of the period of care holding episode i. */
function periodStartIndex(list: Ep[], i: number): number {
  let k = i;
  while (k > 0 && (list[k] as Ep).rne !== 'S' && (list[k - 1] as Ep).dec === (list[k] as Ep).decom) k--;
  return k;
}

function pct(numerator: number, denominator: number): RefFigure {
  return { numerator, denominator, value: denominator ? (numerator * 100) / denominator : null };
}

/** Latest row per child (files are read in collection-year order). */
function latestPerChild(rows: Row[]): Map<string, Row> {
  const m = new Map<string, Row>();
  for (const r of rows) m.set(r.CHILD as string, r);
  return m;
}

/**
 * How to read "the latest [review] within 6 months before d": `text` as RETURNS.md words it, on or after d
 * minus 6 months (the same "d minus N months" as every other rule); `next-due` as the package reads it,
 * d on or before the latest review plus 6 months. They differ only when d is a month end and the review is
 * on a clipped day (d = 31/03/2024, review 30/09/2023: d minus 6 months is 30/09/2023, in time by `text`;
 * the review plus 6 months is 30/03/2024, late by `next-due`).
 */
export type LatestReviewReading = 'text' | 'next-due';

export function reference(
  files: ReturnFile[],
  d: string,
  population: number,
  latestReview: LatestReviewReading = 'text',
  /**
   * The collection year (2018 for 2017-18) each file describes, as the test knows it from the set's own
   * naming. With it, a care leaver's OC3 row is the one of the year holding the birthday (RETURNS.md reads
   * "OC3 rows whose birthday falls in the 12 months to d"); without it, the latest row of each child.
   */
  yearOf?: (file: string) => number,
): Record<string, RefFigure> {
  const { tables, referrals } = load(files);
  const eps = episodesByChild(tables.Episodes ?? []);
  const dob = new Map<string, string>();
  for (const h of tables.Header ?? []) dob.set(h.CHILD as string, toIso(h.DOB as string));
  const ws = yearStart(d);
  const out: Record<string, RefFigure> = {};

  // Children looked after at d, with their current episode and period start.
  const cla: { child: string; list: Ep[]; i: number; periodStart: string }[] = [];
  for (const [child, list] of eps) {
    const i = list.findIndex((e) => openAt(e, d));
    if (i === -1) continue;
    cla.push({ child, list, i, periodStart: (list[periodStartIndex(list, i)] as Ep).decom });
  }
  out['cic-count'] = { numerator: cla.length, denominator: null, value: cla.length };
  out['cic-rate-per-10000'] = {
    numerator: cla.length,
    denominator: population,
    value: (cla.length * 10000) / population,
  };

  // Placements in the 12 months to d.
  let three = 0;
  for (const { list } of cla) {
    const countsAsStart = (e: Ep) =>
      ['S', 'P', 'B', 'T', 'U'].includes(e.rne) &&
      !/^T[0-4]$/.test(e.place) &&
      !((e.place === 'A3' || e.place === 'A5') && (e.rne === 'T' || e.rne === 'U'));
    // The placement open on the window's first day counts once: here, unless it is a counted start that day.
    let n = list.some((e) => openAt(e, ws) && (e.decom < ws || !countsAsStart(e))) ? 1 : 0;
    for (const e of list) {
      if (e.decom < ws || e.decom > d) continue;
      if (countsAsStart(e)) n++;
    }
    if (n >= 3) three++;
  }
  out['placements-3-or-more'] = pct(three, cla.length);

  // Long-term stability.
  let ltDen = 0;
  let ltNum = 0;
  const twoHalf = plusMonths(d, -30);
  const two = plusMonths(d, -24);
  for (const { child, list, i, periodStart } of cla) {
    const b = dob.get(child);
    if (!b || ageOn(b, d) >= 16 || periodStart > twoHalf) continue;
    ltDen++;
    const k0 = periodStartIndex(list, i);
    /** Start of the placement holding episode j: the latest S, P or B episode at or before it (or the first known). */
    const placementStart = (j: number) => {
      let k = j;
      while (k > k0 && !['S', 'P', 'B'].includes((list[k] as Ep).rne)) k--;
      return (list[k] as Ep).decom;
    };
    const cur = list[i] as Ep;
    if (placementStart(i) <= two) ltNum++;
    else if (/^A[3-6]$/.test(cur.place)) {
      let a = i;
      while (a > k0 && /^A[3-6]$/.test((list[a - 1] as Ep).place)) a--;
      if (a > k0 && placementStart(a - 1) <= two) ltNum++;
    }
  }
  out['placement-long-term-stability'] = pct(ltNum, ltDen);

  // Care leavers.
  const EET = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'];
  let clDen = 0;
  let eet = 0;
  let suitable = 0;
  const collectionYearOf = (iso: string) => {
    const [y, m] = parts(iso);
    return m >= 4 ? y + 1 : y;
  };
  const oc3Rows = yearOf
    ? (tables.OC3 ?? []).filter((r) => {
        const b = toIso(r.DOB as string);
        const bd = [19, 20, 21].map((a) => plusMonths(b, 12 * a)).find((x) => x >= ws && x <= d);
        return bd !== undefined && yearOf(r._file) === collectionYearOf(bd);
      })
    : [...latestPerChild(tables.OC3 ?? []).values()];
  for (const r of oc3Rows) {
    const b = toIso(r.DOB as string);
    const inWindow = [19, 20, 21].some((a) => {
      const bd = plusMonths(b, 12 * a);
      return bd >= ws && bd <= d;
    });
    if (!inWindow || r.IN_TOUCH === 'DIED' || r.IN_TOUCH === 'RHOM') continue;
    clDen++;
    if (EET.includes(r.ACTIV as string)) eet++;
    if ((r.ACCOM ?? '')[1] === '1') suitable++;
  }
  out['care-leavers-eet'] = pct(eet, clDen);
  out['care-leavers-suitable-accommodation'] = pct(suitable, clDen);

  // Missing.
  const missing = new Map<string, string>();
  for (const r of tables.Missing ?? []) {
    const s = toIso(r.MIS_START as string);
    if (r.MISSING === 'M' && s >= ws && s <= d) missing.set(`${r.CHILD}|${s}`, r.CHILD as string);
  }
  out['missing-episodes-in-care'] = { numerator: missing.size, denominator: null, value: missing.size };
  const missingChildren = new Set(missing.values()).size;
  out['missing-children-in-care'] = { numerator: missingChildren, denominator: null, value: missingChildren };

  // Health (OC2): the latest row of each child looked after at d for 12 months or more.
  const oc2 = latestPerChild(tables.OC2 ?? []);
  const yearAgo = plusMonths(d, -12);
  let hDen = 0;
  let health = 0;
  let teeth = 0;
  let imms = 0;
  let sdqN = 0;
  let sdqSum = 0;
  for (const { child, periodStart } of cla) {
    const r = oc2.get(child);
    if (!r || periodStart > yearAgo) continue;
    hDen++;
    if (r.HEALTH_CHECK === '1') health++;
    if (r.TEETH_CHECK === '1') teeth++;
    if (r.IMMUNISATIONS === '1') imms++;
    if (r.SDQ_SCORE !== '') {
      sdqN++;
      sdqSum += Number(r.SDQ_SCORE);
    }
  }
  out['health-assessments'] = pct(health, hDen);
  out['dental-checks'] = pct(teeth, hDen);
  out['immunisations'] = pct(imms, hDen);
  out['sdq-average-score'] = { numerator: sdqSum, denominator: sdqN, value: sdqN ? sdqSum / sdqN : null };

  // Re-referrals.
  let refDen = 0;
  let reref = 0;
  for (const r of referrals) {
    if (r.date < ws || r.date > d) continue;
    refDen++;
    const from = plusMonths(r.date, -12);
    if (referrals.some((o) => o.child === r.child && o.date >= from && o.date < r.date)) reref++;
  }
  out['rereferrals-12-months'] = pct(reref, refDen);

  // Assessments.
  let asDen = 0;
  let asNum = 0;
  for (const r of referrals)
    for (const a of r.assessments) {
      if (!a.auth || a.auth < ws || a.auth > d) continue;
      asDen++;
      if (workingDays(a.start, a.auth) <= 45) asNum++;
    }
  out['assessments-45-days'] = pct(asNum, asDen);

  // Child protection plans.
  const plans = referrals.flatMap((r) => r.plans.map((p) => ({ ...p, child: r.child })));
  let repDen = 0;
  let rep = 0;
  let openN = 0;
  let twoYears = 0;
  let revDen = 0;
  let revNum = 0;
  const threeMonths = plusMonths(d, -3);
  const sixMonths = plusMonths(d, -6);
  for (const p of plans) {
    if (p.start >= ws && p.start <= d) {
      repDen++;
      if (p.previous >= 1 || plans.some((o) => o.child === p.child && o.start < p.start)) rep++;
    }
    if (p.start <= d && (p.end === '' || p.end > d)) {
      openN++;
      if (p.start <= two) twoYears++;
      if (p.start <= threeMonths) {
        revDen++;
        const rv = p.reviews.filter((x) => x <= d).sort();
        let ok = rv.length > 0 && (rv[0] as string) <= plusMonths(p.start, 3);
        for (let i = 1; ok && i < rv.length; i++) ok = (rv[i] as string) <= plusMonths(rv[i - 1] as string, 6);
        const latest = rv[rv.length - 1] as string;
        if (ok && (latestReview === 'text' ? latest < sixMonths : plusMonths(latest, 6) < d)) ok = false;
        if (ok) revNum++;
      }
    }
  }
  out['cp-repeat-plans'] = pct(rep, repDen);
  out['cp-plans-2-years'] = pct(twoYears, openN);
  out['cp-reviews-in-timescale'] = pct(revNum, revDen);

  // The adoption scorecard (RETURNS.md section 4): adoptions in the 36 months to d, and in the 12.
  const ad1 = latestPerChild(tables.AD1 ?? []);
  const from36 = plusDays(plusMonths(d, -36), 1);
  const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  const sums: Record<string, { n: number; sum: number; n1: number; sum1: number }> = {};
  const tally = (id: string, value: number, lastYear: boolean) => {
    const t = (sums[id] ??= { n: 0, sum: 0, n1: 0, sum1: 0 });
    t.n++;
    t.sum += value;
    if (lastYear) {
      t.n1++;
      t.sum1 += value;
    }
  };
  for (const [child, list] of eps) {
    list.forEach((e, i) => {
      if (!['E11', 'E12'].includes(e.rec) || e.dec < from36 || e.dec > d) return;
      const lastYear = e.dec >= ws;
      const k0 = periodStartIndex(list, i);
      const period = list.slice(k0, i + 1);
      const entered = (period[0] as Ep).decom;
      // A period whose first episode is not RNE S and follows no short break began before the files.
      const afterShortBreak = (tables.Episodes ?? []).some(
        (r) => r.CHILD === child && (r.LS === 'V3' || r.LS === 'V4') && r.DEC && toIso(r.DEC) === entered,
      );
      const beforeFiles = k0 === 0 && (period[0] as Ep).rne !== 'S' && !afterShortBreak;
      const k = period.findIndex((x) => /^A[3-6]$/.test(x.place));
      const row = ad1.get(child);
      const order = period.find((x) => x.ls === 'E1' || x.ls === 'D1');
      if (order && row?.DATE_MATCH) {
        tally('adoption-a2-days', Math.max(0, daysBetween(order.decom, toIso(row.DATE_MATCH))), lastYear);
      }
      if (k === -1 || beforeFiles) return;
      const movedIn = (period[k] as Ep).decom;
      tally('adoption-a1-days', daysBetween(entered, movedIn), lastYear);
      tally('adoption-a3-within-14-months', movedIn < plusMonths(entered, 14) ? 1 : 0, lastYear);
      const adoptive = period[k] as Ep;
      const byCarer =
        row?.FOSTER_CARE === '1' || (['A3', 'A5'].includes(adoptive.place) && ['T', 'U'].includes(adoptive.rne));
      let withCarer = movedIn;
      if (byCarer) {
        for (let j = k - 1; j >= 0; j--) {
          withCarer = (period[j] as Ep).decom;
          if (['S', 'P', 'B'].includes((period[j] as Ep).rne)) break;
        }
      }
      tally('adoption-a10-days', daysBetween(entered, withCarer), lastYear);
    });
  }
  for (const id of ['adoption-a1-days', 'adoption-a10-days', 'adoption-a2-days', 'adoption-a3-within-14-months']) {
    const t = sums[id] ?? { n: 0, sum: 0, n1: 0, sum1: 0 };
    const percent = id === 'adoption-a3-within-14-months' ? 100 : 1;
    out[id] = { numerator: t.sum, denominator: t.n, value: t.n ? (t.sum * percent) / t.n : null };
    out[`${id}/per-year`] = { numerator: t.sum1, denominator: t.n1, value: t.n1 ? (t.sum1 * percent) / t.n1 : null };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
