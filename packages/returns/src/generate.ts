/**
 * A seeded generator of realistic but wholly fictional child-level returns (SSDA903 CSV tables and the
 * CIN census XML) for a fictional council, for examples, tests and benchmarks. No real child's data is
 * used or resembled: every id, date and code is drawn from a small seeded PRNG (mulberry32).
 *
 * Pure: no I/O, no clock, no Math.random. The same options give the same files, byte for byte.
 */
import type { ReturnFile } from './types.ts';

export interface GenerateOptions {
  seed: number;
  /** ISO date the extract is taken at, normally a quarter end. Nothing after it is in the files. */
  asAt: string;
  /** Children looked after at `asAt` (short breaks apart). Default 400. */
  childrenLookedAfter?: number;
  /** Years of history before `asAt` (whole collection years are written from the one holding asAt minus years). Default 3. */
  years?: number;
  /** CIN referrals dated in the history window. Default childrenLookedAfter x years. */
  referrals?: number;
  /** Three-digit (old) LA code. Default '999'. */
  la?: string;
}

/**
 * The example committed in data/examples/returns (the fictional "Northshire", kept small: about 100 children
 * looked after). Its CIN census names council 855, the default home council, so that the demo can compute and
 * load it as the home council's own returns (returns naming another council are refused for the home council).
 */
export const EXAMPLE_PRESET: GenerateOptions = {
  seed: 903,
  asAt: '2025-06-30',
  childrenLookedAfter: 100,
  referrals: 200,
  la: '855',
};
/** A large county: about 2,000 children looked after, 10,000 episodes over three years, 6,000 referrals. */
export const LARGE_COUNTY_PRESET: GenerateOptions = {
  seed: 2025,
  asAt: '2025-06-30',
  childrenLookedAfter: 2000,
  years: 3,
  referrals: 6000,
  la: '998',
};
/** National size: 80,000 children looked after. */
export const NATIONAL_PRESET: GenerateOptions = {
  seed: 80000,
  asAt: '2025-06-30',
  childrenLookedAfter: 80000,
  years: 3,
  referrals: 240000,
  la: '997',
};

/** Facts the generator knows about what it generated, as at `asAt` (for tests of the reference rules). */
export interface GeneratedFacts {
  /** Distinct children with an open (non-short-break) episode at asAt. */
  childrenLookedAfter: number;
  /** Missing rows with MISSING 'M' and MIS_START in the 12 months to asAt. */
  missingEpisodes: number;
  /** CIN referrals dated in the 12 months to asAt. */
  referralsInYear: number;
  /** CP plans open at asAt. */
  cpPlansOpen: number;
  /** Collection years written. */
  collectionYears: number[];
  /** Children in short breaks (LS V3/V4) only. */
  shortBreakChildren: number;
}

// ---------------------------------------------------------------------------------------------------
// Days: whole days since 1970-01-01, with cached renderings.

function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function ymdOf(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function parseIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const isoCache = new Map<number, string>();
const ukCache = new Map<number, string>();
function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const [y, m, d] = ymdOf(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    isoCache.set(day, s);
  }
  return s;
}
function uk(day: number): string {
  let s = ukCache.get(day);
  if (s === undefined) {
    const [y, m, d] = ymdOf(day);
    s = `${pad2(d)}/${pad2(m)}/${y}`;
    ukCache.set(day, s);
  }
  return s;
}

/** The same day of the month `years` years on (29 February becomes 28 February). */
function addYears(day: number, years: number): number {
  const [y, m, d] = ymdOf(day);
  return dayOf(y + years, m, m === 2 && d === 29 ? 28 : d);
}
/** The same day of the month `months` months on, clipped to the month's last day. */
function addMonthsDay(day: number, months: number): number {
  const [y, m, d] = ymdOf(day);
  const t = y * 12 + (m - 1) + months;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  const last = dayOf(nm === 12 ? ny + 1 : ny, nm === 12 ? 1 : nm + 1, 1) - dayOf(ny, nm, 1);
  return dayOf(ny, nm, Math.min(d, last));
}
/** Collection year holding a day: 1 April Y-1 to 31 March Y is year Y. */
function collectionYear(day: number): number {
  const [y, m] = ymdOf(day);
  return m >= 4 ? y + 1 : y;
}
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7; // 0 Sunday

// England and Wales bank holidays, by rule (the generator's own, used to place assessments at exactly 45 or 46 working days).
function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dd = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(y, month, dd);
}
const holidayCache = new Map<number, Set<number>>();
function bankHolidays(y: number): Set<number> {
  let set = holidayCache.get(y);
  if (set) return set;
  set = new Set<number>();
  const firstMonday = (m: number) => {
    let x = dayOf(y, m, 1);
    while (weekday(x) !== 1) x++;
    return x;
  };
  const lastMonday = (m: number) => {
    let x = dayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1;
    while (weekday(x) !== 1) x--;
    return x;
  };
  let ny = dayOf(y, 1, 1);
  while (weekday(ny) === 0 || weekday(ny) === 6) ny++;
  set.add(ny);
  const easter = easterSunday(y);
  set.add(easter - 2);
  set.add(easter + 1);
  set.add(y === 2020 ? dayOf(2020, 5, 8) : firstMonday(5));
  if (y === 2022) {
    set.add(dayOf(2022, 6, 2));
    set.add(dayOf(2022, 6, 3));
    set.add(dayOf(2022, 9, 19));
  } else set.add(lastMonday(5));
  if (y === 2023) set.add(dayOf(2023, 5, 8));
  set.add(lastMonday(8));
  const xmas = dayOf(y, 12, 25);
  const wx = weekday(xmas);
  if (wx === 6) set.add(xmas + 2).add(xmas + 3);
  else if (wx === 0) set.add(xmas + 1).add(xmas + 2);
  else if (wx === 5) set.add(xmas).add(xmas + 3);
  else set.add(xmas).add(xmas + 1);
  holidayCache.set(y, set);
  return set;
}
function isWorkingDay(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !bankHolidays(ymdOf(day)[0]).has(day);
}
/** The day `n` working days after `day` (day itself not counted). */
function addWorkingDays(day: number, n: number): number {
  let x = day;
  let left = n;
  while (left > 0) {
    x++;
    if (isWorkingDay(x)) left--;
  }
  return x;
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness.

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  /** Pick from [value, weight] pairs. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of xs) total += w;
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return (xs[xs.length - 1] as readonly [T, number])[0];
  }
  /** Exponential with the given mean, in whole days (at least 1). */
  exp(mean: number): number {
    return Math.max(1, Math.round(-Math.log(1 - this.next()) * mean));
  }
}

/** Lines of a file, joined in chunks as they come (so rows do not pile up as unflattened strings). */
class Lines {
  private done: string[] = [];
  private buf: string[] = [];
  constructor(...first: string[]) {
    this.buf.push(...first);
  }
  push(...xs: string[]): void {
    for (const x of xs) this.buf.push(x);
    if (this.buf.length >= 1000) {
      this.done.push(this.buf.join('\r\n'));
      this.buf = [];
    }
  }
  /** The whole text, CRLF after every line. */
  text(): string {
    if (this.buf.length) this.done.push(this.buf.join('\r\n'));
    this.buf = [];
    return this.done.join('\r\n') + '\r\n';
  }
}

// ---------------------------------------------------------------------------------------------------
// The model.

type Sex = 'M' | 'F' | 'U';

interface Episode {
  decom: number;
  /** -1 while open at asAt. */
  dec: number;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  rec: string;
  rpc: string;
  plPost: string;
  urn: string;
}

interface Period {
  start: number;
  /** -1 while open at asAt. */
  end: number;
  episodes: Episode[];
  shortBreak: boolean;
  prevPerm: [string, string, number];
  reviews: [number, string][];
  /** Placed for adoption: day placed, and the placement's end if it ended (-1 open). */
  placed?: [number, number, string];
  adopted?: {
    day: number;
    rec: string;
    dateInt: number;
    dateMatch: number;
    fosterCare: string;
    nb: string;
    sexA: string;
    lsA: string;
  };
}

interface CpPlan {
  start: number;
  end: number;
  initialCat: string;
  latestCat: string;
  previous: number;
  reviews: number[];
}

interface Referral {
  date: number;
  source: string;
  need: string;
  closure: number;
  reason: string;
  nfa: boolean;
  assessments: [number, number, string[]][];
  cinPlans: [number, number][];
  s47: [number, number][];
  plans: CpPlan[];
}

interface Child {
  id: string;
  sex: Sex;
  dob: number;
  ethnic: string;
  upn: string;
  homePost: string;
  mcDob: number;
  periods: Period[];
  missing: [string, number, number][];
  uasc: boolean;
  leaver: boolean;
  referrals: Referral[];
}

const ETHNIC: readonly (readonly [string, number])[] = [
  ['WBRI', 70],
  ['WIRI', 1],
  ['WOTH', 5],
  ['WIRT', 0.5],
  ['WROM', 0.5],
  ['MWBC', 4],
  ['MWBA', 1],
  ['MWAS', 1.5],
  ['MOTH', 3],
  ['AIND', 1],
  ['APKN', 2],
  ['ABAN', 1],
  ['AOTH', 1.5],
  ['BCRB', 1],
  ['BAFR', 3],
  ['BOTH', 1],
  ['CHNE', 0.3],
  ['OOTH', 2],
  ['REFU', 0.3],
  ['NOBT', 0.4],
];
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const CATEGORIES = ['N1', 'N1', 'N1', 'N1', 'N2', 'N3', 'N4', 'N4', 'N5', 'N6', 'N7', 'N8'];
const SOURCES = ['1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D'];
const FACTORS = [
  '1B',
  '1C',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '5A',
  '6A',
  '7A',
  '8B',
  '9A',
  '10A',
  '11A',
  '21',
];
const ABUSE = ['NEG', 'NEG', 'NEG', 'EMO', 'EMO', 'PHY', 'SAB', 'MUL'];
const RPC = [
  'CARPL',
  'CARPL',
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'OTHER',
];
/** First day of collection year 2025, from which PLACE H5 and P2 are not valid and K3 is. */
const Y2025 = dayOf(2024, 4, 1);
/** Collection year 2025-26 starts: PLACE Z1 gives way to Z11-Z14. */
const Y2026 = dayOf(2025, 4, 1);

class Generator {
  rng: Rng;
  readonly asAt: number;
  readonly histStart: number;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly la: string;
  readonly children: Child[] = [];
  private nextId = 0;
  /** Children in need only (never looked after): not kept, but made again from their own seed when written. */
  private cinOnlyCount = 0;
  private cinOnlyFirst = 0;
  private cinOnlyFacts = { referralsInYear: 0, cpPlansOpen: 0 };

  constructor(readonly opts: Required<GenerateOptions>) {
    this.rng = new Rng(opts.seed);
    this.asAt = parseIso(opts.asAt);
    this.firstYear = collectionYear(addYears(this.asAt, -opts.years) + 1);
    this.lastYear = collectionYear(this.asAt);
    this.histStart = dayOf(this.firstYear - 1, 4, 1);
    this.la = opts.la;
  }

  newChild(dob: number, sex?: Sex, serial?: number): Child {
    const r = this.rng;
    const n = serial ?? ++this.nextId;
    const id = String(1000000 + n * 7 + r.int(0, 6));
    const s: Sex = sex ?? (r.chance(0.003) ? 'U' : r.chance(0.55) ? 'M' : 'F');
    let upn: string;
    if (r.chance(0.06)) upn = r.pick(['UN1', 'UN2', 'UN3', 'UN4', 'UN5']);
    else {
      const body = `${this.la}${String(r.int(1000, 7999))}${pad2(ymdOf(dob)[0] % 100)}${String(r.int(1, 999)).padStart(3, '0')}`;
      let sum = 0;
      for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(i) - 48) * (i + 2);
      upn = (UPN_LETTERS[sum % 23] as string) + body;
    }
    return {
      id,
      sex: s,
      dob,
      ethnic: r.weighted(ETHNIC),
      upn,
      homePost: `NS${r.int(1, 19)} ${r.int(1, 9)}`,
      mcDob: -1,
      periods: [],
      missing: [],
      uasc: false,
      leaver: false,
      referrals: [],
    };
  }

  ageAt(child: Child, day: number): number {
    const [by, bm, bd] = ymdOf(child.dob);
    const [y, m, d] = ymdOf(day);
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }

  /** A placement fit for the child's age on the day: [PLACE, PLACE_PROVIDER, URN]. */
  placement(child: Child, day: number, family?: 'kin' | 'foster'): [string, string, string] {
    const r = this.rng;
    const age = this.ageAt(child, day);
    const supported = day >= Y2025 ? 'K3' : 'H5';
    let kind: string;
    if (family) kind = family;
    else if (age < 1)
      kind = r.weighted([
        ['foster', 80],
        ['kin', 18],
        ['P1', 2],
      ]);
    else if (age < 10)
      kind = r.weighted([
        ['foster', 70],
        ['kin', 17],
        ['K2', 4],
        ['P1', 6],
        ['S1', 1],
        ['R2', 1],
        ['Z1', 1],
      ]);
    else if (age < 16)
      kind = r.weighted([
        ['foster', 55],
        ['kin', 12],
        ['K2', 20],
        ['K1', 1],
        ['R1', 2],
        ['S1', 2],
        ['P1', 5],
        ['R5', 1],
        ['Z1', 2],
      ]);
    else
      kind = r.weighted([
        ['foster', 35],
        ['kin', 6],
        ['K2', 18],
        ['supported', 30],
        ['P2', day >= Y2025 ? 0 : 4],
        ['P1', 3],
        ['R5', 1],
        ['Z1', 3],
      ]);
    const sc = () => `SC${String(r.int(100000, 999999))}`;
    switch (kind) {
      case 'foster':
        return [
          r.pick(['U4', 'U5', 'U6', 'U6', 'U6']),
          r.weighted([
            ['PR1', 55],
            ['PR4', 40],
            ['PR5', 5],
          ]),
          'XXXXXXX',
        ];
      case 'kin':
        return [r.pick(['U1', 'U2', 'U3', 'U3']), 'PR1', 'XXXXXXX'];
      case 'K2':
        return [
          'K2',
          r.weighted([
            ['PR4', 70],
            ['PR1', 20],
            ['PR2', 5],
            ['PR5', 5],
          ]),
          sc(),
        ];
      case 'K1':
        return [
          'K1',
          r.weighted([
            ['PR2', 50],
            ['PR3', 30],
            ['PR4', 20],
          ]),
          sc(),
        ];
      case 'R1':
      case 'R2':
        return [kind, 'PR3', 'XXXXXXX'];
      case 'R5':
        return ['R5', 'PR3', 'XXXXXXX'];
      case 'S1':
        return [
          'S1',
          r.weighted([
            ['PR4', 60],
            ['PR5', 30],
            ['PR2', 10],
          ]),
          sc(),
        ];
      case 'supported':
        return [
          supported,
          r.weighted([
            ['PR4', 60],
            ['PR1', 30],
            ['PR5', 10],
          ]),
          supported === 'K3' ? sc() : 'XXXXXXX',
        ];
      case 'P2':
        return ['P2', 'PR1', 'XXXXXXX'];
      case 'P1':
        return ['P1', 'PR0', 'XXXXXXX'];
      default:
        return ['Z1', 'PR4', 'XXXXXXX'];
    }
  }

  plPost(provider: string): string {
    const r = this.rng;
    if (provider === 'PR2' || (provider === 'PR4' && r.chance(0.5))) return `QQ${r.int(1, 40)} ${r.int(1, 9)}`;
    return `NS${r.int(1, 19)} ${r.int(1, 9)}`;
  }

  /** One period of care from `start`, ending at `end` (-1: open at asAt) with REC `exit`. */
  period(child: Child, start: number, end: number, exit: string, adopt: boolean): Period {
    const r = this.rng;
    const limit = end === -1 ? this.asAt + 1 : end; // events happen strictly before this day
    const age0 = this.ageAt(child, start);
    const cin = r.pick(CATEGORIES);
    // Legal status path.
    const legal: [number, string][] = [];
    let ls0: string;
    if (child.uasc) ls0 = 'V2';
    else if (age0 >= 10 && r.chance(0.05)) ls0 = r.pick(['J1', 'J2']);
    else
      ls0 = r.weighted([
        ['V2', 40],
        ['C1', 40],
        ['L1', 5],
        ['L2', 6],
        ['C2', 5],
      ]);
    let ls = ls0;
    let t = start;
    for (let guard = 0; guard < 4; guard++) {
      let next = '';
      let gap = 0;
      if (ls === 'L1' || ls === 'L2') [next, gap] = [r.chance(0.7) ? 'C1' : 'V2', r.int(1, 8)];
      else if (ls === 'J2') [next, gap] = ['V2', r.int(1, 3)];
      else if (ls === 'J1') [next, gap] = ['V2', r.int(30, 150)];
      else if (ls === 'V2' && !child.uasc && r.chance(adopt ? 1 : 0.25)) [next, gap] = ['C1', r.int(20, 300)];
      else if (ls === 'C1') [next, gap] = ['C2', r.int(120, 380)];
      if (!next || t + gap >= limit) break;
      t += gap;
      legal.push([t, next]);
      ls = next;
    }
    // Placement for adoption, before the adoption order.
    let placedDay = -1;
    let withCarer = false;
    if (adopt) {
      const p = end === -1 ? -1 : end - r.int(120, 330);
      if (p > start + 90) {
        placedDay = p;
        withCarer = r.chance(0.3);
      }
    } else if (end === -1 && age0 < 4 && r.chance(0.12)) {
      // Placed for adoption at asAt, not yet adopted.
      const p = this.asAt - r.int(10, 300);
      if (p > start + 120) {
        placedDay = p;
        withCarer = r.chance(0.3);
      }
    }
    if (adopt && placedDay === -1) exit = 'E45';
    // Moves: many in the first year, fewer after; a few children very unstable.
    const moves: [number, 'carer' | 'same' | 'temp'][] = [];
    const unstable = r.chance(0.08);
    let m = start;
    const moveLimit = placedDay === -1 ? limit : placedDay;
    for (;;) {
      const mean = unstable ? 100 : m - start < 365 ? 420 : 1800;
      m += r.exp(mean);
      if (m >= moveLimit) break;
      moves.push([
        m,
        r.weighted([
          ['carer', 75],
          ['same', 12],
          ['temp', 13],
        ]),
      ]);
    }
    // Merge into episodes.
    type Ev = { ls?: string; move?: 'carer' | 'same' | 'temp' | 'return' | 'adopt' };
    const evs = new Map<number, Ev>();
    for (const [d, l] of legal) {
      if (placedDay !== -1 && d >= placedDay) continue;
      // A change of legal status often comes with a move: with the same carer (RNE U) or a new one (B).
      const with_ = r.weighted([
        ['none', 70],
        ['same', 18],
        ['carer', 12],
      ] as const);
      evs.set(d, with_ === 'none' ? { ls: l } : { ls: l, move: with_ });
    }
    for (const [d, k] of moves) {
      const e = evs.get(d) ?? {};
      e.move = k;
      evs.set(d, e);
      if (k === 'temp') {
        const back = d + r.int(2, 14);
        if (back < moveLimit && !evs.has(back)) evs.set(back, { move: 'return' });
        else e.move = 'carer';
      }
    }
    if (placedDay !== -1) {
      const e = evs.get(placedDay) ?? {};
      e.move = 'adopt';
      if (withCarer && !adopt) e.ls = undefined;
      else e.ls = 'E1';
      evs.set(placedDay, e);
    }
    const days = [...evs.keys()].filter((d) => d > start && d < limit).sort((a, b) => a - b);
    let [place, provider, urn] = this.placement(child, start);
    let family: 'kin' | 'foster' | undefined = place.startsWith('U') ? (place <= 'U3' ? 'kin' : 'foster') : undefined;
    let prev: [string, string, string] = [place, provider, urn];
    ls = ls0;
    const episodes: Episode[] = [
      {
        decom: start,
        dec: -1,
        rne: 'S',
        ls,
        cin,
        place,
        provider,
        rec: '',
        rpc: '',
        plPost: this.plPost(provider),
        urn,
      },
    ];
    let placedAt = -1;
    for (const d of days) {
      const ev = evs.get(d) as Ev;
      const newLs = ev.ls && ev.ls !== ls ? ev.ls : undefined;
      let rne: string;
      if (!ev.move) {
        if (!newLs) continue;
        rne = 'L';
      } else if (ev.move === 'adopt') {
        const sameCarer = withCarer && family === 'foster';
        place = sameCarer ? (newLs ? 'A5' : 'A3') : newLs ? 'A6' : 'A4';
        if (!sameCarer) {
          provider = r.weighted([
            ['PR1', 65],
            ['PR5', 35],
          ]);
        }
        urn = 'XXXXXXX';
        rne = sameCarer ? (newLs ? 'U' : 'T') : newLs ? 'B' : 'P';
        placedAt = d;
      } else if (ev.move === 'temp') {
        prev = [place, provider, urn];
        place = r.pick(['T0', 'T1', 'T2', 'T3', 'T4']);
        provider = place === 'T1' ? 'PR3' : place === 'T3' ? 'PR1' : provider;
        urn = 'XXXXXXX';
        rne = newLs ? 'B' : 'P';
      } else if (ev.move === 'return') {
        [place, provider, urn] = prev;
        rne = newLs ? 'U' : 'T';
      } else if (ev.move === 'same' && family) {
        const opts = family === 'kin' ? ['U1', 'U2', 'U3'] : ['U4', 'U5', 'U6'];
        const np = opts.filter((p) => p !== place);
        place = r.pick(np);
        rne = newLs ? 'U' : 'T';
      } else {
        [place, provider, urn] = this.placement(child, d);
        family = place.startsWith('U') ? (place <= 'U3' ? 'kin' : 'foster') : undefined;
        rne = newLs ? 'B' : 'P';
      }
      if (newLs) ls = newLs;
      const last = episodes[episodes.length - 1] as Episode;
      last.dec = d;
      last.rec = 'X1';
      if (rne !== 'L') last.rpc = last.place.startsWith('T') || rne === 'T' ? 'PLACE' : r.pick(RPC);
      episodes.push({
        decom: d,
        dec: -1,
        rne,
        ls,
        cin,
        place,
        provider,
        rec: '',
        rpc: '',
        plPost: rne === 'L' || rne === 'T' || rne === 'U' ? last.plPost : this.plPost(provider),
        urn,
      });
    }
    if (end !== -1) {
      const last = episodes[episodes.length - 1] as Episode;
      last.dec = end;
      last.rec = exit;
    }
    // H5 and P2 are not valid from collection year 2025: a placement open on 1 April 2024 becomes K3 (same carer).
    for (let i = 0; i < episodes.length; i++) {
      const e = episodes[i] as Episode;
      if ((e.place === 'H5' || e.place === 'P2') && e.decom >= Y2025) e.place = 'K3';
      // Z1 gives way to Z11-Z14 from collection year 2025-26: an episode beginning then is coded Z11.
      if (e.place === 'Z1' && e.decom >= Y2026) e.place = 'Z11';
      if ((e.place === 'H5' || e.place === 'P2') && e.decom < Y2025 && (e.dec === -1 || e.dec > Y2025)) {
        const split: Episode = { ...e, decom: Y2025, rne: 'T', place: 'K3', urn: `SC${r.int(100000, 999999)}` };
        e.dec = Y2025;
        e.rec = 'X1';
        e.rpc = 'PLACE';
        episodes.splice(i + 1, 0, split);
      }
    }
    const reviews: [number, string][] = [];
    for (let rv = start + r.int(10, 20), n = 0; rv < limit; n++) {
      const code = r.pick(['PN0', 'PN1', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']);
      if (rv >= this.histStart) reviews.push([rv, code]);
      rv += n === 0 ? r.int(60, 90) : r.int(150, 182);
    }
    const prevPerm: [string, string, number] = r.chance(0.88)
      ? ['Z1', '', -1]
      : [
          r.pick(['P1', 'P2', 'P3', 'P4']),
          r.chance(0.7) ? this.la : r.pick(['201', '302', '873', '919']),
          start - r.int(200, 2500),
        ];
    // Episodes over before the first collection year are in no file: not kept.
    const kept =
      episodes[0] && episodes[0].dec !== -1 && episodes[0].dec < this.histStart
        ? episodes.filter((e) => e.dec === -1 || e.dec >= this.histStart)
        : episodes;
    const p: Period = { start, end, episodes: kept, shortBreak: false, prevPerm, reviews };
    if (placedAt !== -1) {
      p.placed = [placedAt, adopt ? end : -1, adopt ? exit : ''];
      if (adopt)
        p.adopted = {
          day: end,
          rec: exit,
          dateInt: Math.max(start + 1, placedAt - r.int(90, 250)),
          dateMatch: placedAt - r.int(5, 40),
          fosterCare: withCarer ? '1' : '0',
          nb: r.chance(0.8) ? '2' : '1',
          sexA: '',
          lsA: '',
        };
      if (p.adopted) {
        p.adopted.sexA =
          p.adopted.nb === '2'
            ? r.weighted([
                ['MF', 85],
                ['MM', 8],
                ['FF', 7],
              ])
            : r.pick(['M1', 'F1']);
        p.adopted.lsA = p.adopted.nb === '2' ? r.pick(['L0', 'L0', 'L11', 'L12', 'L2']) : 'L4';
      }
    }
    return p;
  }

  /** A child's care career starting on `start`; returns the child, or undefined when none of it is in view. */
  career(start: number): { child: Child; openAtAsAt: boolean } | undefined {
    const r = this.rng;
    const ageBand = r.weighted([
      [0, 20],
      [1, 15],
      [5, 18],
      [10, 35],
      [16, 12],
    ]);
    const age =
      ageBand === 0
        ? 0
        : ageBand === 1
          ? r.int(1, 4)
          : ageBand === 5
            ? r.int(5, 9)
            : ageBand === 10
              ? r.int(10, 15)
              : r.int(16, 17);
    const dob = start - age * 365 - r.int(0, 364) - (age === 0 ? -r.int(0, 300) : 0);
    const dobFixed = Math.min(dob, start);
    const eighteen = addYears(dobFixed, 18);
    // Quick reject: everything over before the history window, and not a care leaver in view.
    if (addYears(dobFixed, 22) < this.histStart) return undefined;
    const child = this.newChild(dobFixed);
    if (age >= 14 && r.chance(0.1)) {
      child.uasc = true;
      child.sex = r.chance(0.92) ? 'M' : 'F';
    }
    let s = start;
    let open = false;
    for (let round = 0; round < 3; round++) {
      const a = this.ageAt(child, s);
      const band = r.weighted([
        ['short', 25],
        ['medium', 25],
        ['long', 25],
        ['to18', 25],
      ]);
      let dur =
        band === 'short'
          ? r.int(1, 180)
          : band === 'medium'
            ? r.int(180, 730)
            : band === 'long'
              ? r.int(730, 2190)
              : 99999;
      let e = s + dur;
      let exit: string;
      let adopt = false;
      if (e >= eighteen) {
        e = eighteen;
        exit = r.weighted([
          ['E17', 15],
          ['E5', 35],
          ['E6', 10],
          ['E8', 20],
          ['E7', 5],
          ['E4A', 10],
          ['E13', 5],
        ]);
      } else if (a < 5 && dur > 300 && r.chance(0.55)) {
        adopt = true;
        exit = r.chance(0.85) ? 'E11' : 'E12';
      } else if (a < 5 && dur > 300 && r.chance(0.4)) exit = r.pick(['E45', 'E46', 'E47', 'E48', 'E41']);
      else {
        const age2 = this.ageAt(child, e);
        exit = r.weighted([
          ['E13', 40],
          ['E4A', 15],
          ['E41', 6],
          ['E45', 4],
          ['E46', 4],
          ['E3', 3],
          ['E8', 8],
          ['E9', age2 >= 10 ? 3 : 0],
          ['E5', age2 >= 16 ? 15 : 0],
          ['E6', age2 >= 16 ? 5 : 0],
        ]);
      }
      if (child.uasc && e > eighteen) e = eighteen;
      dur = e - s;
      const endDay = e > this.asAt ? -1 : e;
      if (s > this.asAt) break;
      const p = this.period(child, s, endDay, exit, adopt);
      child.periods.push(p);
      if (endDay === -1) {
        open = true;
        break;
      }
      // Care leaver: in care at 18, or left at 16 or 17 after at least 13 weeks.
      const ageEnd = this.ageAt(child, e);
      if (e === eighteen || (ageEnd >= 16 && dur >= 91 && !adopt)) child.leaver = true;
      // Leaving and coming back.
      if (ageEnd < 16 && !adopt && (exit === 'E13' || exit === 'E4A' || exit === 'E8') && r.chance(0.15)) {
        s = e + r.int(14, 720);
        if (s >= eighteen) break;
        continue;
      }
      break;
    }
    const last = child.periods[child.periods.length - 1];
    if (!last) return undefined;
    const lastDay = last.end === -1 ? this.asAt : last.end;
    if (lastDay < this.histStart && !(child.leaver && addYears(child.dob, 21) >= this.histStart)) return undefined;
    // Missing and away from placement.
    if (r.chance(0.16)) {
      const n = 1 + Math.floor(-Math.log(1 - r.next()) * 3);
      for (const per of child.periods) {
        const from = Math.max(per.start, this.histStart - 60, addYears(child.dob, 11));
        const to = per.end === -1 ? this.asAt : per.end - 1;
        if (to <= from) continue;
        const used = new Set<number>();
        for (let i = 0; i < n; i++) {
          const ms = r.int(from, to);
          if (used.has(ms)) continue;
          used.add(ms);
          const me =
            ms +
            r.weighted([
              [0, 30],
              [1, 40],
              [2, 15],
              [3, 10],
              [7, 5],
            ]);
          child.missing.push([r.chance(0.78) ? 'M' : 'A', ms, me > this.asAt ? -1 : me]);
        }
      }
      child.missing.sort((a, b) => a[1] - b[1]);
    }
    if (child.sex === 'F' && this.ageAt(child, this.asAt) >= 15 && r.chance(0.03))
      child.mcDob = this.asAt - r.int(30, 700);
    // Referrals into care: one before each period.
    let prevPlans = 0;
    for (const per of child.periods) {
      const rd =
        per.start -
        r.weighted([
          [0, 30],
          [r.int(1, 14), 40],
          [r.int(15, 120), 30],
        ]);
      const ref = this.referral(child, rd, per.start, per.end === -1 ? -1 : per.end, prevPlans);
      if (per.adopted && ref.closure !== -1) ref.reason = 'RC1';
      prevPlans += ref.plans.length;
      child.referrals.push(ref);
    }
    return { child, openAtAsAt: open };
  }

  /** Draw an assessment's working days, often near 45 when it starts before Easter or Christmas. */
  assessment(start: number): [number, number, string[]] {
    const r = this.rng;
    const [y] = ymdOf(start);
    const nearEaster = Math.abs(start - (easterSunday(y) - 2)) <= 10;
    const nearXmas = Math.abs(start - dayOf(y, 12, 25)) <= 12;
    let wd: number;
    if ((nearEaster || nearXmas) && r.chance(0.6)) wd = r.pick([44, 45, 45, 46]);
    else
      wd = r.weighted([
        [r.int(3, 20), 30],
        [r.int(21, 40), 38],
        [r.int(41, 45), 16],
        [r.int(46, 90), 16],
      ]);
    const auth = addWorkingDays(start, wd);
    const factors: string[] = [];
    const nf = r.weighted([
      [1, 60],
      [2, 30],
      [3, 10],
    ]);
    for (let i = 0; i < nf; i++) {
      const f = r.pick(FACTORS);
      if (!factors.includes(f)) factors.push(f);
    }
    return [start, auth, factors];
  }

  /** A referral; `careStart` when it leads into care (the CIN episode then lasts the period of care). */
  referral(child: Child, date: number, careStart: number, careEnd: number, previousPlans: number): Referral {
    const r = this.rng;
    const ref: Referral = {
      date,
      source: r.pick(SOURCES),
      need: r.pick(CATEGORIES),
      closure: -1,
      reason: '',
      nfa: false,
      assessments: [],
      cinPlans: [],
      s47: [],
      plans: [],
    };
    const plan = (start: number, maxEnd: number) => {
      const len = r.weighted([
        [r.int(60, 540), 85],
        [r.int(540, 730), 9],
        [r.int(731, 1300), 6],
      ]);
      let end = start + len;
      if (maxEnd !== -1 && end > maxEnd) end = maxEnd;
      const reviews: number[] = [];
      let rv = start + (r.chance(0.1) ? r.int(93, 130) : r.int(75, 90));
      const stop = Math.min(end, this.asAt);
      while (rv < stop) {
        reviews.push(rv);
        rv += r.chance(0.07) ? r.int(185, 240) : r.int(150, 182);
      }
      const cat = r.pick(ABUSE);
      ref.plans.push({
        start,
        end: end > this.asAt ? -1 : end,
        initialCat: cat,
        latestCat: r.chance(0.85) ? cat : r.pick(ABUSE),
        previous: previousPlans > 0 ? (r.chance(0.9) ? previousPlans : 0) : r.chance(0.1) ? r.int(1, 2) : 0,
        reviews,
      });
      return end;
    };
    if (careStart !== -1) {
      if (careStart - date > 3) {
        const a = this.assessment(date + r.int(0, 3));
        ref.assessments.push(a);
        if (careStart - date > 30 && r.chance(0.35)) {
          const s47 = date + r.int(0, 5);
          ref.s47.push([s47, s47 + r.int(8, 20)]);
          const ps = s47 + r.int(8, 20);
          if (ps < careStart) plan(ps, careStart);
        }
      } else if (r.chance(0.5)) ref.assessments.push(this.assessment(careStart + r.int(0, 5)));
      ref.closure = careEnd;
      ref.reason =
        careEnd === -1
          ? ''
          : r.weighted([
              ['RC1', 0],
              ['RC7', 60],
              ['RC3', 10],
              ['RC4', 10],
              ['RC5', 5],
              ['RC6', 5],
            ]);
    } else if (r.chance(0.08)) {
      ref.nfa = true;
      ref.closure = date;
      ref.reason = 'RC8';
    } else {
      const a = this.assessment(
        date +
          r.weighted([
            [0, 50],
            [r.int(1, 5), 50],
          ]),
      );
      ref.assessments.push(a);
      let close: number;
      const outcome = r.weighted([
        ['close', 50],
        ['early', 12],
        ['plan', 24],
        ['s47', 14],
      ]);
      if (outcome === 'close' || outcome === 'early') {
        close = a[1];
        ref.reason = outcome === 'close' ? 'RC8' : 'RC9';
      } else if (outcome === 'plan') {
        const ps = a[1];
        const pe = ps + r.int(60, 400);
        ref.cinPlans.push([ps, pe]);
        close = pe;
        ref.reason = 'RC7';
      } else {
        const s47 = a[0] + r.int(0, 5);
        ref.s47.push([s47, s47 + r.int(8, 20)]);
        if (r.chance(0.7)) {
          const pe = plan(s47 + r.int(8, 20), -1);
          close = pe + r.int(0, 150);
        } else close = a[1] + r.int(0, 60);
        ref.reason = 'RC7';
        if (r.chance(0.05)) {
          const a2 = this.assessment(a[1] + r.int(10, 40));
          if (a2[0] < close) ref.assessments.push(a2);
        }
      }
      ref.closure = close > this.asAt ? -1 : close;
      if (ref.closure === -1) ref.reason = '';
    }
    return ref;
  }

  /** Children in need who are not looked after in the window, with their referrals (some re-referred). */
  cinChildren(target: number): void {
    let inWindow = 0;
    for (const c of this.children) for (const f of c.referrals) if (f.date >= this.histStart) inWindow++;
    this.cinOnlyFirst = this.nextId + 1;
    const yearAgo = addYears(this.asAt, -1);
    let k = 0;
    for (; inWindow < target && k < target * 10; k++) {
      const child = this.cinOnlyChild(k);
      for (const f of child.referrals) {
        if (f.date >= this.histStart) inWindow++;
        if (f.date > yearAgo) this.cinOnlyFacts.referralsInYear++;
        for (const p of f.plans) if (p.end === -1) this.cinOnlyFacts.cpPlansOpen++;
      }
    }
    this.cinOnlyCount = k;
    this.nextId += k;
  }

  /** The k-th child in need who is never looked after, from a seed of its own (the same every time). */
  cinOnlyChild(k: number): Child {
    const saved = this.rng;
    const r = (this.rng = new Rng(Math.imul(this.opts.seed ^ 0x5bd1e995, 0x27d4eb2d) + k * 0x9e3779b9));
    try {
      const from = this.histStart - 730;
      let date = r.int(from, this.asAt);
      const age = r.weighted([
        [r.int(0, 4), 30],
        [r.int(5, 9), 25],
        [r.int(10, 15), 35],
        [r.int(16, 17), 10],
      ]);
      const child = this.newChild(date - age * 365 - r.int(0, 364), undefined, this.cinOnlyFirst + k);
      let plans = 0;
      for (let i = 0; i < 5 && date <= this.asAt; i++) {
        const ref = this.referral(child, date, -1, -1, plans);
        plans += ref.plans.length;
        child.referrals.push(ref);
        if (ref.closure === -1 || !r.chance(0.4)) break;
        // Re-referred: some exactly twelve months after the last one, some a day later.
        const exact = addYears(date, 1);
        const how = r.weighted([
          ['exact', 12],
          ['dayAfter', 6],
          ['gap', 82],
        ]);
        let next = how === 'exact' ? exact : how === 'dayAfter' ? exact + 1 : ref.closure + r.int(7, 450);
        if (next <= ref.closure) next = ref.closure + r.int(7, 400);
        if (this.ageAt(child, next) >= 18) break;
        date = next;
      }
      return child;
    } finally {
      this.rng = saved;
    }
  }

  /** Children who have only short breaks (LS V3 single, V4 series): ignored by every rule. */
  shortBreaks(n: number): number {
    const r = this.rng;
    let made = 0;
    for (let i = 0; i < n; i++) {
      const child = this.newChild(this.asAt - r.int(5, 16) * 365 - r.int(0, 364));
      const series = r.chance(0.85);
      let d = this.histStart + r.int(0, 200);
      const stop = Math.min(this.asAt, addYears(child.dob, 18) - 10);
      const provider = 'PR1';
      const place = r.chance(0.6) ? 'K2' : 'U6';
      const urn = place === 'K2' ? `SC${r.int(100000, 999999)}` : 'XXXXXXX';
      while (d < stop) {
        const len = r.int(1, 4);
        const end = d + len;
        const ep: Episode = {
          decom: d,
          dec: end > this.asAt ? -1 : end,
          rne: 'S',
          ls: series ? 'V4' : 'V3',
          cin: 'N1',
          place,
          provider,
          rec: end > this.asAt ? '' : 'E8',
          rpc: '',
          plPost: 'NS3 1',
          urn,
        };
        child.periods.push({
          start: d,
          end: ep.dec,
          episodes: [ep],
          shortBreak: true,
          prevPerm: ['Z1', '', -1],
          reviews: [],
        });
        if (!series) break;
        d = end + r.int(20, 150);
      }
      if (child.periods.length) {
        this.children.push(child);
        made++;
      }
    }
    return made;
  }

  /** A period of care from [DECOM, RNE, LS, PLACE] rows, each ending as the next begins. */
  chain(rows: [number, string, string, string][], end: number, exit: string): Period {
    const episodes: Episode[] = rows.map(([decom, rne, ls, place], i) => ({
      decom,
      dec: i + 1 < rows.length ? (rows[i + 1] as [number, string, string, string])[0] : end,
      rne,
      ls,
      cin: 'N1',
      place,
      provider: place === 'P1' ? 'PR0' : place === 'K2' ? 'PR4' : 'PR1',
      rec: i + 1 < rows.length ? 'X1' : end === -1 ? '' : exit,
      rpc: i + 1 < rows.length && (rows[i + 1] as [number, string, string, string])[1] !== 'L' ? 'CARPL' : '',
      plPost: 'NS1 1',
      urn: place === 'K2' ? 'SC100001' : 'XXXXXXX',
    }));
    const start = (rows[0] as [number, string, string, string])[0];
    return { start, end, episodes, shortBreak: false, prevPerm: ['Z1', '', -1], reviews: [] };
  }

  cinReferral(date: number, closure: number, extra: Partial<Referral> = {}): Referral {
    return {
      date,
      source: '1A',
      need: 'N1',
      closure: closure > this.asAt ? -1 : closure,
      reason: closure === -1 || closure > this.asAt ? '' : extra.nfa ? 'RC8' : 'RC7',
      nfa: false,
      assessments: [],
      cinPlans: [],
      s47: [],
      plans: [],
      ...extra,
    };
  }

  /**
   * A few children placed exactly on the rules' boundaries as at asAt (placements starting on the first day of
   * the 12 months, periods starting exactly 2 years 6 months before, birthdays on the day, re-referrals a year
   * to the day, assessments of exactly 45 and 46 working days over Easter or Christmas, plan reviews on the
   * day they are due). Returns how many are looked after at asAt.
   */
  edgeCases(): number {
    const d = this.asAt;
    const ws = addYears(d, -1) + 1;
    const m = (months: number) => addMonthsDay(d, months);
    const kid = (dob: number, ...periods: Period[]) => {
      const c = this.newChild(dob);
      c.periods.push(...periods);
      this.children.push(c);
      return c;
    };
    // Looked after at asAt.
    const moved = kid(
      addYears(d, -10),
      this.chain(
        [
          [addYears(d, -3), 'S', 'C2', 'U6'],
          [ws, 'P', 'C2', 'U4'],
          [ws + 150, 'P', 'C2', 'K2'],
        ],
        -1,
        '',
      ),
    );
    moved.missing.push(['M', ws, ws + 1], ['A', d - 5, d - 4], ['M', d, -1]);
    kid(
      addYears(d, -8),
      this.chain(
        [
          [ws, 'S', 'C1', 'U4'],
          [ws + 120, 'P', 'C1', 'U5'],
        ],
        -1,
        '',
      ),
    );
    kid(
      addYears(d, -12),
      this.chain(
        [
          [m(-30), 'S', 'V2', 'U6'],
          [addYears(d, -2), 'P', 'V2', 'U4'],
        ],
        -1,
        '',
      ),
    );
    kid(
      addYears(d, -12) - 40,
      this.chain(
        [
          [m(-30), 'S', 'V2', 'U6'],
          [addYears(d, -2) + 1, 'P', 'V2', 'U4'],
        ],
        -1,
        '',
      ),
    );
    const adopted = this.chain(
      [
        [m(-32), 'S', 'C1', 'U6'],
        [addYears(d, -2) - 10, 'P', 'C2', 'U4'],
        [d - 100, 'B', 'E1', 'A6'],
      ],
      -1,
      '',
    );
    adopted.placed = [d - 100, -1, ''];
    kid(addYears(d, -3), adopted);
    kid(addYears(d, -16), this.chain([[m(-40), 'S', 'C2', 'K2']], -1, ''));
    kid(addYears(d, -7), this.chain([[addYears(d, -1), 'S', 'C1', 'U6']], -1, ''));
    const open = 7;
    // Not looked after at asAt: the episode ends on the day.
    kid(addYears(d, -9), this.chain([[d - 200, 'S', 'V2', 'K2']], d, 'E13'));
    // Care leavers: 19 on the first day of the 12 months, 21 on the last, 22 on the last (out of the cohort).
    for (const [age, birthday] of [
      [19, ws],
      [21, d],
      [22, d],
    ] as const) {
      const dob = addYears(birthday, -age);
      const c = kid(dob, this.chain([[addYears(dob, 15), 'S', 'V2', 'U6']], addYears(dob, 18), 'E5'));
      c.leaver = true;
    }
    // Children in need.
    const cin = (dob: number, ...refs: Referral[]) => {
      const c = this.newChild(dob);
      c.referrals.push(...refs);
      this.children.push(c);
    };
    const nfa = (date: number) => this.cinReferral(date, date, { nfa: true });
    cin(addYears(d, -9), nfa(addYears(d - 30, -1)), nfa(d - 30)); // a year to the day: a re-referral
    cin(addYears(d, -6), nfa(addYears(d - 60, -1) - 1), nfa(d - 60)); // a year and a day: not one
    cin(addYears(d, -5), nfa(ws), nfa(d));
    // Assessments of exactly 45 and 46 working days started before Easter or Christmas, authorised in the 12 months.
    const [y0] = ymdOf(ws);
    for (let y = y0 - 1; y <= y0 + 1; y++) {
      for (const start of [easterSunday(y) - 3, dayOf(y, 12, 21)]) {
        for (const wd of [45, 46]) {
          const auth = addWorkingDays(start, wd);
          if (auth < ws || auth > d) continue;
          cin(start - 4000, this.cinReferral(start, auth, { assessments: [[start, auth, ['1C']]], reason: 'RC8' }));
        }
      }
    }
    for (const auth of [ws, d])
      cin(
        addYears(d, -11),
        this.cinReferral(auth - 28, auth, { assessments: [[auth - 28, auth, ['2A']]], reason: 'RC8' }),
      );
    // Child protection plans on the boundaries.
    const plan = (start: number, end: number, reviews: number[], previous = 0): CpPlan => ({
      start,
      end,
      initialCat: 'NEG',
      latestCat: 'NEG',
      previous,
      reviews,
    });
    const twoYears = addYears(d, -2);
    const every6 = (start: number) => {
      const out: number[] = [];
      for (let r = addMonthsDay(start, 3); r <= d; r = addMonthsDay(r, 6)) out.push(r);
      return out;
    };
    cin(addYears(d, -8), this.cinReferral(twoYears - 10, -1, { plans: [plan(twoYears, -1, every6(twoYears))] }));
    cin(addYears(d, -8), this.cinReferral(twoYears - 9, -1, { plans: [plan(twoYears + 1, -1, every6(twoYears + 1))] }));
    cin(addYears(d, -4), this.cinReferral(m(-3) - 5, -1, { plans: [plan(m(-3), -1, [d])] }));
    const s15 = m(-15);
    cin(
      addYears(d, -6),
      this.cinReferral(s15 - 5, -1, { plans: [plan(s15, -1, [addMonthsDay(s15, 3), addMonthsDay(s15, 9)])] }),
    );
    const s8 = m(-8);
    cin(
      addYears(d, -6),
      this.cinReferral(s8 - 5, -1, { plans: [plan(s8, -1, [addMonthsDay(s8, 3) + 1, addMonthsDay(s8, 7)])] }),
    );
    cin(
      addYears(d, -7),
      this.cinReferral(d - 520, d - 380, { plans: [plan(d - 500, d - 400, [d - 420])] }),
      this.cinReferral(d - 110, -1, { plans: [plan(d - 100, -1, [d - 20])] }),
    );
    cin(addYears(d, -3), this.cinReferral(d - 210, -1, { plans: [plan(d - 200, d, [d - 120, d - 10])] }));
    return open;
  }

  run(): GeneratedFacts {
    const { childrenLookedAfter: target } = this.opts;
    const simStart = addYears(this.asAt, -18) - 30;
    let open = this.edgeCases();
    let guard = 0;
    while (open < target && guard++ < target * 40 + 1000) {
      const start = this.rng.int(simStart, this.asAt);
      const res = this.career(start);
      if (!res) continue;
      if (res.openAtAsAt) open++;
      this.children.push(res.child);
    }
    const shortBreakChildren = this.shortBreaks(Math.max(2, Math.round(target * 0.06)));
    const referralTarget = this.opts.referrals;
    this.cinChildren(referralTarget);
    return this.facts(open, shortBreakChildren);
  }

  facts(open: number, shortBreakChildren: number): GeneratedFacts {
    const yearAgo = addYears(this.asAt, -1);
    let missingEpisodes = 0;
    let referralsInYear = 0;
    let cpPlansOpen = 0;
    for (const c of this.children) {
      for (const m of c.missing) if (m[0] === 'M' && m[1] > yearAgo && m[1] <= this.asAt) missingEpisodes++;
      for (const f of c.referrals) {
        if (f.date > yearAgo && f.date <= this.asAt) referralsInYear++;
        for (const p of f.plans) if (p.start <= this.asAt && (p.end === -1 || p.end > this.asAt)) cpPlansOpen++;
      }
    }
    const collectionYears: number[] = [];
    for (let y = this.firstYear; y <= this.lastYear; y++) collectionYears.push(y);
    return {
      childrenLookedAfter: open,
      missingEpisodes,
      referralsInYear: referralsInYear + this.cinOnlyFacts.referralsInYear,
      cpPlansOpen: cpPlansOpen + this.cinOnlyFacts.cpPlansOpen,
      collectionYears,
      shortBreakChildren,
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Writing.

  files(): ReturnFile[] {
    const out: ReturnFile[] = [];
    const sorted = [...this.children].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let y = this.firstYear; y <= this.lastYear; y++) {
      const ys = dayOf(y - 1, 4, 1);
      const ye = Math.min(dayOf(y, 3, 31), this.asAt);
      out.push(...this.year903(sorted, y, ys, ye));
      out.push(this.cinCensus(sorted, y, ys, ye));
    }
    return out;
  }

  year903(children: Child[], y: number, ys: number, ye: number): ReturnFile[] {
    const r = new Rng((this.opts.seed ^ (y * 2654435761)) >>> 0);
    const sexCode = (c: Child) =>
      y >= 2025 ? c.sex : c.sex === 'M' ? '1' : c.sex === 'F' ? '2' : Number(c.id) % 2 ? '1' : '2';
    const d = (day: number) => (day === -1 || day > ye ? '' : uk(day));
    const header = new Lines('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    const episodes = new Lines(
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
    );
    const uasc = new Lines('CHILD,SEX,DOB,DUC');
    const reviews = new Lines('CHILD,DOB,REVIEW,REVIEW_CODE');
    const oc2 = new Lines(
      'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED',
    );
    const oc3 = new Lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM');
    const ad1 = new Lines('CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR');
    const placed = new Lines('CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED');
    const prevPerm = new Lines('CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM');
    const missing = new Lines('CHILD,DOB,MISSING,MIS_START,MIS_END');
    const oc2Cut = addYears(ye, -1);
    for (const c of children) {
      const id = c.id;
      const dob = uk(c.dob);
      let inFile = false;
      let lookedAfterAtYe = false;
      for (const p of c.periods) {
        if (p.start > ye || (p.end !== -1 && p.end < ys)) continue;
        for (const e of p.episodes) {
          if (e.decom > ye || (e.dec !== -1 && e.dec < ys)) continue;
          inFile = true;
          const ended = e.dec !== -1 && e.dec <= ye;
          episodes.push(
            `${id},${uk(e.decom)},${e.rne},${e.ls},${e.cin},${e.place},${e.provider},${ended ? uk(e.dec) : ''},${ended ? e.rec : ''},${ended ? e.rpc : ''},${c.homePost},${e.plPost},${e.urn}`,
          );
        }
        if (!p.shortBreak && (p.end === -1 || p.end > ye) && p.start <= oc2Cut) lookedAfterAtYe = true;
        for (const [rv, code] of p.reviews) if (rv >= ys && rv <= ye) reviews.push(`${id},${dob},${uk(rv)},${code}`);
        if (p.start >= ys && p.start <= ye && !p.shortBreak) {
          const [pp, laP, dp] = p.prevPerm;
          prevPerm.push(`${id},${dob},${pp},${laP},${dp === -1 ? '' : uk(dp)}`);
        }
        if (p.placed) {
          const [pd, pe, reason] = p.placed;
          if (pd <= ye && (pe === -1 || pe >= ys)) {
            const ended = pe !== -1 && pe <= ye;
            placed.push(`${id},${dob},${uk(pd)},${ended ? uk(pe) : ''},${ended ? reason : ''}`);
          }
        }
        const a = p.adopted;
        if (a && a.day >= ys && a.day <= ye)
          ad1.push(`${id},${dob},${uk(a.dateInt)},${uk(a.dateMatch)},${a.fosterCare},${a.nb},${a.sexA},${a.lsA}`);
      }
      for (const [kind, ms, me] of c.missing)
        if (ms >= ys && ms <= ye) missing.push(`${id},${dob},${kind},${uk(ms)},${d(me)}`);
      if (lookedAfterAtYe) {
        const age = this.ageAt(c, ye);
        const hasSdq = age >= 4 && r.chance(0.82);
        const convicted = age >= 10 ? (r.chance(0.04) ? '1' : '0') : '';
        const misuse = age >= 10 && r.chance(0.05);
        oc2.push(
          `${id},${dob},${hasSdq ? r.int(Math.max(0, r.int(0, 8)), r.int(14, 40)) : ''},${hasSdq ? '' : age < 4 ? '' : r.pick(['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'])},${convicted},${r.chance(0.9) ? 1 : 0},${r.chance(0.84) ? 1 : 0},${r.chance(0.8) ? 1 : 0},${r.chance(0.88) ? 1 : 0},${misuse ? 1 : 0},${misuse ? (r.chance(0.6) ? 1 : 0) : ''},${misuse ? (r.chance(0.8) ? 1 : 0) : ''}`,
        );
      }
      if (c.leaver) {
        for (const age of [19, 20, 21]) {
          const b = addYears(c.dob, age);
          if (b < ys || b > ye) continue;
          const lastPeriod = c.periods[c.periods.length - 1];
          if (!lastPeriod || lastPeriod.end === -1 || lastPeriod.end > b) continue;
          inFile = true;
          const touch = r.weighted([
            ['YES', 84],
            ['NO', 5],
            ['REFU', 3],
            ['NREQ', 2],
            ['DIED', 1],
            ['RHOM', 5],
          ]);
          const known = touch === 'YES' || touch === 'RHOM';
          const activ = known
            ? r.weighted([
                ['F1', 7],
                ['P1', 1],
                ['F2', 14],
                ['P2', 3],
                ['F4', 18],
                ['P4', 6],
                ['F5', 4],
                ['P5', 1],
                ['G4', 9],
                ['G5', 30],
                ['G6', 7],
              ])
            : '0';
          // DfE has no S1 or X1 (rule 133): S and X are always 2.
          const letter = known
            ? r.pick(['B', 'C', 'D', 'E', 'G', 'K', 'R', 'S', 'T', 'U', 'U', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Z'])
            : '';
          const suitable = known && r.chance(0.87) && letter !== 'S' && letter !== 'X';
          const accom = known ? letter + (suitable ? '1' : '2') : '0';
          oc3.push(`${id},${dob},${touch},${activ},${accom}`);
        }
      }
      if (inFile) {
        const mother = c.sex === 'F' ? (c.mcDob !== -1 && c.mcDob <= ye ? '1' : '0') : '';
        header.push(`${id},${sexCode(c)},${dob},${c.ethnic},${c.upn},${mother},${mother === '1' ? uk(c.mcDob) : ''}`);
        if (c.uasc) uasc.push(`${id},${sexCode(c)},${dob},${d(addYears(c.dob, 18))}`);
      }
    }
    const f = (name: string, rows: Lines): ReturnFile => ({ name: `${y}_${name}.csv`, text: rows.text() });
    return [
      f('header', header),
      f('episodes', episodes),
      f('uasc', uasc),
      f('reviews', reviews),
      f('oc2', oc2),
      f('oc3', oc3),
      f('ad1', ad1),
      f('placed_for_adoption', placed),
      f('prev_perm', prevPerm),
      f('missing', missing),
    ];
  }

  /** The children kept (in id order), then the children in need only, made again one at a time. */
  *censusChildren(children: Child[]): Iterable<Child> {
    yield* children;
    for (let k = 0; k < this.cinOnlyCount; k++) yield this.cinOnlyChild(k);
  }

  cinCensus(children: Child[], y: number, ys: number, ye: number): ReturnFile {
    const sex = (c: Child) => (y >= 2025 ? c.sex : c.sex === 'M' ? '1' : c.sex === 'F' ? '2' : '0');
    const parts = new Lines(
      '<?xml version="1.0" encoding="utf-8"?>',
      '<Message>',
      '<Header>',
      `<CollectionDetails><Collection>CIN</Collection><Year>${y}</Year><ReferenceDate>${iso(ye)}</ReferenceDate></CollectionDetails>`,
      `<Source><SourceLevel>L</SourceLevel><LEA>${this.la}</LEA><SoftwareCode>Fictional</SoftwareCode><Release>1</Release><SerialNo>${y - 2000}</SerialNo><DateTime>${iso(ye)}T18:00:00</DateTime></Source>`,
      '<Content><CBDSLevels><CBDSLevel>Child</CBDSLevel></CBDSLevels></Content>',
      '</Header>',
      '<Children>',
    );
    const el = (tag: string, v: string) => `<${tag}>${v}</${tag}>`;
    for (const c of this.censusChildren(children)) {
      let childParts: string[] | undefined;
      for (const f of c.referrals) {
        if (f.date > ye || (f.closure !== -1 && f.closure < ys)) continue;
        if (!childParts) {
          childParts = [
            '<Child>',
            `<ChildIdentifiers>${el('LAchildID', c.id)}${c.upn.startsWith('UN') ? el('UPNunknown', c.upn) : el('UPN', c.upn)}${el('PersonBirthDate', iso(c.dob))}${el('Sex', sex(c))}</ChildIdentifiers>`,
            `<ChildCharacteristics>${el('Ethnicity', c.ethnic)}</ChildCharacteristics>`,
          ];
        }
        const closed = f.closure !== -1 && f.closure <= ye;
        const x: string[] = [
          '<CINdetails>',
          el('CINreferralDate', iso(f.date)),
          el('ReferralSource', f.source),
          el('PrimaryNeedCode', f.need),
        ];
        if (closed) x.push(el('CINclosureDate', iso(f.closure)), el('ReasonForClosure', f.reason));
        x.push(el('ReferralNFA', f.nfa ? 'true' : 'false'));
        for (const [ps, pe] of f.cinPlans)
          if (ps <= ye)
            x.push(
              `<CINPlanDates>${el('CINPlanStartDate', iso(ps))}${pe <= ye ? el('CINPlanEndDate', iso(pe)) : ''}</CINPlanDates>`,
            );
        for (const [as, au, factors] of f.assessments) {
          if (as > ye) continue;
          const done = au <= ye;
          x.push(
            `<Assessments>${el('AssessmentActualStartDate', iso(as))}${done ? el('AssessmentAuthorisationDate', iso(au)) : ''}${done ? `<FactorsIdentifiedAtAssessment>${factors.map((t) => el('AssessmentFactors', t)).join('')}</FactorsIdentifiedAtAssessment>` : ''}</Assessments>`,
          );
        }
        for (const [ss, icpc] of f.s47)
          if (ss <= ye)
            x.push(
              `<Section47>${el('S47ActualStartDate', iso(ss))}${el('InitialCPCtarget', iso(addWorkingDays(ss, 15)))}${icpc <= ye ? el('DateOfInitialCPC', iso(icpc)) : ''}${el('ICPCnotRequired', 'false')}</Section47>`,
            );
        for (const p of f.plans) {
          if (p.start > ye) continue;
          const ended = p.end !== -1 && p.end <= ye;
          const rv = p.reviews.filter((d) => d <= ye);
          x.push(
            `<ChildProtectionPlans>${el('CPPstartDate', iso(p.start))}${ended ? el('CPPendDate', iso(p.end)) : ''}${el('InitialCategoryOfAbuse', p.initialCat)}${el('LatestCategoryOfAbuse', p.latestCat)}${el('NumberOfPreviousCPP', String(p.previous))}${rv.length ? `<Reviews>${rv.map((d) => el('CPPreviewDate', iso(d))).join('')}</Reviews>` : ''}</ChildProtectionPlans>`,
          );
        }
        x.push('</CINdetails>');
        childParts.push(x.join(''));
      }
      if (childParts) {
        childParts.push('</Child>');
        parts.push(childParts.join('\r\n'));
      }
    }
    parts.push('</Children>', '</Message>');
    return { name: `${y}_cin_census.xml`, text: parts.text() };
  }
}

function withDefaults(options: GenerateOptions): Required<GenerateOptions> {
  const cla = options.childrenLookedAfter ?? 400;
  const years = options.years ?? 3;
  return {
    seed: options.seed,
    asAt: options.asAt,
    childrenLookedAfter: cla,
    years,
    referrals: options.referrals ?? cla * years,
    la: options.la ?? '999',
  };
}

/** The files, and what the generator knows about them. */
export function generateReturnsWithFacts(options: GenerateOptions): { files: ReturnFile[]; facts: GeneratedFacts } {
  const g = new Generator(withDefaults(options));
  const facts = g.run();
  return { files: g.files(), facts };
}

/** SSDA903 tables as CSV (one file per table per collection year) and one CIN census XML per collection year. */
export function generateReturns(options: GenerateOptions): ReturnFile[] {
  return generateReturnsWithFacts(options).files;
}

// ---------------------------------------------------------------------------------------------------
// Faulty returns: small files, each with one kind of error the validator must find.

export const FAULT_KINDS = [
  'missing-column',
  'unparseable-date',
  'dec-before-decom',
  'overlapping-episodes',
  'chain-without-rne-s',
  'code-invalid-for-year',
  'child-missing-from-header',
  'assessment-authorised-before-start',
  'cp-plan-ends-before-start',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultyReturns {
  kind: FaultKind;
  files: ReturnFile[];
  /** Where the error is: the file, the table (`Episodes`, `Header`, `CIN`...) and the field(s) a finding may name. */
  expect: { file: string; table: string; fields: string[] };
}

/**
 * A small, otherwise valid set of collection-year 2024 files (Header, Episodes, CIN census) with one error
 * of the given kind. The seed varies the ids and dates, not the error.
 */
export function generateFaultyReturns(kind: FaultKind, seed = 1): FaultyReturns {
  const r = new Rng(seed);
  const base = dayOf(2023, 5, 1) + r.int(0, 20);
  const ids = [0, 1, 2].map((i) => String(2000000 + r.int(0, 99999) * 10 + i));
  const [c1, c2, c3] = ids as [string, string, string];
  const headerFile = '2024_header.csv';
  const episodesFile = '2024_episodes.csv';
  const cinFile = '2024_cin_census.xml';
  const header = [
    'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
    `${c1},1,${uk(base - 3000)},WBRI,UN1,,`,
    `${c2},2,${uk(base - 4100)},MWBC,UN1,0,`,
  ];
  const cols = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'.split(
    ',',
  );
  const e1 = [c1, uk(base), 'S', 'C1', 'N1', 'U6', 'PR1', uk(base + 120), 'X1', 'CARPL', 'NS1 1', 'NS2 2', 'XXXXXXX'];
  const e2 = [c1, uk(base + 120), 'P', 'C1', 'N1', 'U4', 'PR4', '', '', '', 'NS1 1', 'NS2 3', 'XXXXXXX'];
  const e3 = [c2, uk(base + 40), 'S', 'V2', 'N2', 'K2', 'PR4', uk(base + 200), 'E13', '', 'NS3 1', 'QQ1 1', 'SC123456'];
  const episodes = [e1, e2, e3];
  let cinAuth = base - 10;
  let cppEnd = base + 150;
  let expect: FaultyReturns['expect'];
  switch (kind) {
    case 'missing-column':
      expect = { file: episodesFile, table: 'Episodes', fields: ['PLACE'] };
      break;
    case 'unparseable-date':
      e3[1] = '31/02/2023';
      expect = { file: episodesFile, table: 'Episodes', fields: ['DECOM'] };
      break;
    case 'dec-before-decom':
      e3[7] = uk(base + 10);
      expect = { file: episodesFile, table: 'Episodes', fields: ['DEC', 'DECOM'] };
      break;
    case 'overlapping-episodes':
      e2[1] = uk(base + 100);
      expect = { file: episodesFile, table: 'Episodes', fields: ['DECOM', 'DEC'] };
      break;
    case 'chain-without-rne-s':
      e1[8] = 'E13';
      e1[9] = '';
      e2[1] = uk(base + 160);
      expect = { file: episodesFile, table: 'Episodes', fields: ['RNE'] };
      break;
    case 'code-invalid-for-year':
      e3[5] = 'K3';
      expect = { file: episodesFile, table: 'Episodes', fields: ['PLACE'] };
      break;
    case 'child-missing-from-header':
      episodes.push([
        c3,
        uk(base + 60),
        'S',
        'V2',
        'N1',
        'U6',
        'PR1',
        uk(base + 90),
        'E13',
        '',
        'NS4 1',
        'NS4 2',
        'XXXXXXX',
      ]);
      expect = { file: episodesFile, table: 'Episodes', fields: ['CHILD'] };
      break;
    case 'assessment-authorised-before-start':
      cinAuth = base - 40;
      expect = { file: cinFile, table: 'CIN', fields: ['AssessmentAuthorisationDate', 'AssessmentActualStartDate'] };
      break;
    case 'cp-plan-ends-before-start':
      cppEnd = base - 60;
      expect = { file: cinFile, table: 'CIN', fields: ['CPPendDate', 'CPPstartDate'] };
      break;
  }
  const drop = kind === 'missing-column' ? cols.indexOf('PLACE') : -1;
  const row = (xs: string[]) => xs.filter((_, i) => i !== drop).join(',');
  const episodesText = [row(cols), ...episodes.map(row)].join('\r\n') + '\r\n';
  const refDate = base - 30;
  const cin = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Message>',
    `<Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>999</LEA></Source></Header>`,
    '<Children>',
    '<Child>',
    `<ChildIdentifiers><LAchildID>${c1}</LAchildID><UPNunknown>UN1</UPNunknown><PersonBirthDate>${iso(base - 3000)}</PersonBirthDate><Sex>1</Sex></ChildIdentifiers>`,
    '<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>',
    `<CINdetails><CINreferralDate>${iso(refDate)}</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>` +
      `<Assessments><AssessmentActualStartDate>${iso(refDate + 1)}</AssessmentActualStartDate><AssessmentAuthorisationDate>${iso(cinAuth)}</AssessmentAuthorisationDate></Assessments>` +
      `<Section47><S47ActualStartDate>${iso(refDate + 2)}</S47ActualStartDate><DateOfInitialCPC>${iso(refDate + 15)}</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>` +
      `<ChildProtectionPlans><CPPstartDate>${iso(refDate + 15)}</CPPstartDate><CPPendDate>${iso(cppEnd)}</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>${iso(refDate + 95)}</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>`,
    '</Child>',
    '</Children>',
    '</Message>',
    '',
  ].join('\r\n');
  return {
    kind,
    files: [
      { name: headerFile, text: header.join('\r\n') + '\r\n' },
      { name: episodesFile, text: episodesText },
      { name: cinFile, text: cin },
    ],
    expect,
  };
}
