import type { AllCouncils, Breakdowns, Indicator } from '@indicate/contracts';
import { ENGLAND_CODE, halfLastPlace, relatedMeasures, totalsContaining, type MeasureRelation } from '@indicate/core';
import highsLoader from 'highs';
import type { ReadService } from '../reads/service.ts';

/**
 * THE DISCLOSURE AUDIT: an independent check of the public view, as an attacker with a linear-programming
 * solver (HiGHS, compiled to WebAssembly) would run it. It reads what the public sees through the same read
 * service the routes use (the all-councils view of every measure and year, every breakdown) beside the true
 * figures, writes every relation between the published cells as linear constraints, and for each withheld
 * cell asks the solver for the least and greatest value it could take given everything shown:
 *
 * - a region's (London's, Inner and Outer London's) and England's count is the sum of its councils', to
 *   within the gap the true figures themselves have (LAIT's regional counts are rounded at source) plus 5
 *   where the public sees the total rounded to 10;
 * - a percentage is scale x count / whole to within half its last decimal place; a withheld percentage
 *   still says the count is at most the whole; a rate is a count over a population the attacker knows
 *   (ONS publishes it): count within half the rate's last place times population / scale;
 * - a part is at most its whole;
 * - a breakdown's groups sum to the whole (for percentages, numerators to the numerator and denominators
 *   to the denominator, and no group's numerator above its denominator);
 * - every count is at least 0. Nothing else is assumed: not that a withheld cell is small.
 *
 * A withheld cell is exposed when the whole numbers it could be are fewer than the threshold (its interval
 * is narrower than the threshold). The audit reports every exposure; `pnpm audit:disclosure` runs it over
 * the bundled data and the example returns, and a test does the same.
 */

export type Exposure = { cell: string; interval: [number, number]; truth: number };
export type AuditReport = {
  threshold: number;
  tables: number;
  withheld: number;
  solved: number;
  exposures: Exposure[];
  /** Tables whose constraints the true figures do not meet (reported, not audited): should be none. */
  inconsistent: string[];
};

/** What the audit sees: the public view's all-councils table and breakdowns, and the signed-in (true) ones. */
export type AuditViews = {
  allCouncils(indicatorId: string, period: string, view: 'full' | 'public'): AllCouncils | null;
  breakdowns(indicatorId: string, la: string, period: string, view: 'full' | 'public'): Breakdowns | null;
};

export function viewsOf(service: ReadService): AuditViews {
  const attempt = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch {
      return null;
    }
  };
  return {
    allCouncils: (id, period, view) => attempt(() => service.allCouncils(id, { period }, view)),
    breakdowns: (id, la, period, view) => attempt(() => service.breakdowns(id, { la, period }, view)),
  };
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | null = null;

/** One small linear programme: variables, linear constraints, and the cells to bound. */
class Programme {
  private readonly names = new Map<string, string>();
  private readonly rows: string[] = [];
  readonly truth = new Map<string, number>();
  /** Variables that stand for a shown figure the public sees rounded: bounded, not audited. */
  private readonly shown = new Set<string>();

  variable(cell: string, truth: number, withheld = true): string {
    let name = this.names.get(cell);
    if (!name) {
      name = `x${this.names.size}`;
      this.names.set(cell, name);
      this.truth.set(cell, truth);
      if (!withheld) this.shown.add(cell);
    }
    return name;
  }

  has(cell: string): boolean {
    return this.names.has(cell);
  }

  /** lo <= sum(coefficient x term) + constant <= hi, where a term is a variable or a shown number. */
  constrain(terms: Array<[number, string | number]>, lo: number, hi: number): void {
    let constant = 0;
    const parts: string[] = [];
    for (const [k, term] of terms) {
      if (typeof term === 'number') constant += k * term;
      else if (k !== 0) parts.push(`${k >= 0 ? '+' : '-'} ${Math.abs(k)} ${term}`);
    }
    if (parts.length === 0) return;
    const expression = parts.join(' ');
    const n = this.rows.length;
    if (Number.isFinite(lo)) this.rows.push(` c${n}a: ${expression} >= ${lo - constant}`);
    if (Number.isFinite(hi)) this.rows.push(` c${n}b: ${expression} <= ${hi - constant}`);
  }

  /** The withheld cells, to be bounded. */
  cells(): string[] {
    return [...this.names.keys()].filter((c) => !this.shown.has(c));
  }

  text(objective: string, sense: 'Minimize' | 'Maximize'): string {
    // Every variable at most a billion: HiGHS reports some unbounded programmes as infeasible, so none is.
    const bounds = [...this.names.values()].map((v) => ` 0 <= ${v} <= ${LARGE}`).join('\n');
    return `${sense}\n obj: ${objective}\nSubject To\n${this.rows.join('\n') || ' c: x0 >= 0'}\nBounds\n${bounds}\nEnd\n`;
  }

  name(cell: string): string {
    return this.names.get(cell)!;
  }
}

/** Larger than any count of children: a bound this high means "no upper bound". */
const LARGE = 1e9;

/** Bounds a linear expression over the programme's variables: [min, max], or null when infeasible. */
function bound(highs: Highs, p: Programme, objective: string): [number, number] | null {
  const solve = (sense: 'Minimize' | 'Maximize'): number | null => {
    const result = highs.solve(p.text(objective, sense), {});
    if (result.Status !== 'Optimal') return null;
    return result.ObjectiveValue >= LARGE / 10 ? Infinity : result.ObjectiveValue;
  };
  const lo = solve('Minimize');
  const hi = solve('Maximize');
  return lo === null || hi === null ? null : [lo, hi];
}

/** Whole numbers an interval holds: fewer than the threshold is an exposure. */
const wholeNumbers = ([lo, hi]: [number, number]) =>
  hi === Infinity ? Infinity : Math.floor(hi + 1e-6) - Math.ceil(lo - 1e-6) + 1;

export async function auditDisclosure(
  views: AuditViews,
  catalogue: { indicators: readonly Indicator[]; relations: readonly MeasureRelation[] },
  options: {
    threshold: number;
    periodsOf: (indicatorId: string) => string[];
    breakdownKeys: Array<{ indicatorId: string; la: string; period: string }>;
    /** Only these measures (and what they relate to); all with council figures when absent. */
    measures?: readonly string[];
  },
): Promise<AuditReport> {
  solver ??= highsLoader();
  const highs = await solver;
  const report: AuditReport = {
    threshold: options.threshold,
    tables: 0,
    withheld: 0,
    solved: 0,
    exposures: [],
    inconsistent: [],
  };
  const indicators = new Map(catalogue.indicators.map((i) => [i.id, i]));
  const done = new Set<string>();
  const wanted = options.measures ?? catalogue.indicators.map((i) => i.id);
  for (const id of wanted) {
    const component = relatedMeasures(id, catalogue.relations);
    const key = [...component.measures].sort().join(' ');
    if (done.has(key)) continue;
    done.add(key);
    // A measure that is no count and relates to none has nothing a withheld cell could be worked back from
    // (a percentage's region is no sum of its councils' percentages): nothing to solve.
    if (component.relations.length === 0 && indicators.get(id)?.unit !== 'count') continue;
    const periods = new Set(component.measures.flatMap((m) => options.periodsOf(m)));
    for (const period of periods) {
      auditTable(highs, views, indicators, component, period, options.threshold, report);
    }
  }
  for (const b of options.breakdownKeys) {
    auditBreakdowns(highs, views, indicators.get(b.indicatorId)!, b, options.threshold, report);
  }
  return report;
}

function auditTable(
  highs: Highs,
  views: AuditViews,
  indicators: Map<string, Indicator>,
  component: { measures: string[]; relations: MeasureRelation[] },
  period: string,
  threshold: number,
  report: AuditReport,
): void {
  const tables = new Map<string, { full: AllCouncils; open: AllCouncils }>();
  for (const m of component.measures) {
    const full = views.allCouncils(m, period, 'full');
    const open = views.allCouncils(m, period, 'public');
    if (full && open && full.period.id === period) tables.set(m, { full, open });
  }
  if (tables.size === 0) return;
  report.tables++;
  const p = new Programme();
  // Each place's figure of each measure: a shown number, a variable (withheld or unknown), or absent.
  const cell = (m: string, place: string): string | number | null => {
    const t = tables.get(m);
    if (!t) return null;
    const pick = (v: AllCouncils) =>
      place === ENGLAND_CODE
        ? v.england
        : (v.regions.find((r) => r.code === place) ?? v.rows.find((r) => r.la.code === place) ?? null);
    const full = pick(t.full);
    const open = pick(t.open);
    if (!full || full.value === null) return null;
    if (open && open.value !== null) {
      if (open.value === full.value) return open.value;
      // Shown rounded to 10: the attacker knows it to within 5 either way.
      const name = p.variable(`${m} ${period} ${place} (rounded)`, full.value, false);
      p.constrain([[1, name]], open.value - 5, open.value + 5);
      return name;
    }
    return p.variable(`${m} ${period} ${place}`, full.value);
  };
  const truthOf = (m: string, place: string): number | null => {
    const t = tables.get(m);
    if (!t) return null;
    const v = t.full;
    const found =
      place === ENGLAND_CODE
        ? v.england
        : (v.regions.find((r) => r.code === place) ?? v.rows.find((r) => r.la.code === place));
    return found?.value ?? null;
  };

  for (const [m, t] of tables) {
    const indicator = indicators.get(m)!;
    const councils = t.full.rows.map((r) => ({ code: r.la.code, region: r.regionCode }));
    // Totals: region (Inner/Outer London and London) and England.
    if (indicator.unit === 'count') {
      const totals = new Map<string, string[]>();
      for (const c of councils) {
        for (const total of totalsContaining(c.region)) {
          if (!totals.has(total)) totals.set(total, []);
          totals.get(total)!.push(c.code);
        }
      }
      for (const [total, members] of totals) {
        const t = cell(m, total);
        if (t === null) continue;
        const memberCells = members.map((code) => cell(m, code));
        if (memberCells.some((c) => c === null)) continue; // a council with no figure: the sum says nothing exact
        const gap = Math.abs(members.reduce((s, code) => s + (truthOf(m, code) ?? 0), 0) - (truthOf(m, total) ?? 0));
        const slack = gap;
        p.constrain([...memberCells.map((c) => [1, c!] as [number, string | number]), [-1, t]], -slack, slack);
      }
    }
  }
  // Measures of the same children, council by council and total by total.
  const places = new Set<string>();
  for (const t of tables.values()) {
    for (const r of t.full.rows) places.add(r.la.code);
    for (const r of t.full.regions) places.add(r.code);
    places.add(ENGLAND_CODE);
  }
  for (const r of component.relations) {
    for (const place of places) {
      const count = cell(r.count, place);
      if (count === null) continue;
      if (r.kind === 'part') {
        const whole = cell(r.whole, place);
        if (whole !== null)
          p.constrain(
            [
              [1, count],
              [-1, whole],
            ],
            -Infinity,
            0,
          );
        continue;
      }
      const ratioIndicator = indicators.get(r.ratio)!;
      const ratio = cell(r.ratio, place);
      const half = typeof ratio === 'number' ? halfLastPlace(ratio, ratioIndicator.decimals) : 0;
      if (r.kind === 'percentage') {
        const whole = cell(r.whole, place);
        if (whole === null) continue;
        // Only where the true figures meet the relation (a council's do; a region's workforce figures, which
        // are not sums of its councils', need not): the attacker cannot lean on one that does not hold.
        const c = truthOf(r.count, place);
        const w = truthOf(r.whole, place);
        const shownRatio = typeof ratio === 'number' ? ratio : null;
        if (
          c === null ||
          w === null ||
          (shownRatio !== null && Math.abs(r.scale * c - shownRatio * w) > half * w + 1e-9)
        ) {
          continue;
        }
        if (typeof ratio === 'number') {
          // scale x count - (ratio +- half) x whole, between 0 and 0.
          p.constrain(
            [
              [r.scale, count],
              [-(ratio + half), whole],
            ],
            -Infinity,
            0,
          );
          p.constrain(
            [
              [r.scale, count],
              [-(ratio - half), whole],
            ],
            0,
            Infinity,
          );
        } else
          p.constrain(
            [
              [1, count],
              [-1, whole],
            ],
            -Infinity,
            0,
          );
      } else if (typeof ratio === 'number') {
        const trueCount = truthOf(r.count, place);
        const trueRate = truthOf(r.ratio, place);
        if (trueCount === null || !trueRate) continue;
        const population = (trueCount * r.scale) / trueRate;
        p.constrain([[1, count]], ((ratio - half) * population) / r.scale, ((ratio + half) * population) / r.scale);
      }
    }
  }
  audited(highs, p, threshold, report, `${[...tables.keys()].join('+')} ${period}`);
}

function audited(highs: Highs, p: Programme, threshold: number, report: AuditReport, table: string): void {
  for (const c of p.cells()) {
    report.withheld++;
    const interval = bound(highs, p, p.name(c));
    report.solved++;
    if (interval === null) {
      report.inconsistent.push(table);
      return;
    }
    if (wholeNumbers(interval) < threshold) {
      report.exposures.push({ cell: c, interval, truth: p.truth.get(c)! });
    }
  }
}

function auditBreakdowns(
  highs: Highs,
  views: AuditViews,
  indicator: Indicator,
  key: { indicatorId: string; la: string; period: string },
  threshold: number,
  report: AuditReport,
): void {
  const full = views.breakdowns(key.indicatorId, key.la, key.period, 'full');
  const open = views.breakdowns(key.indicatorId, key.la, key.period, 'public');
  if (!full || !open) return;
  for (const dimension of full.dimensions) {
    const shown = open.dimensions.find((d) => d.id === dimension.id);
    if (!shown || dimension.groups.length === 0) continue;
    report.tables++;
    const p = new Programme();
    const table = `${key.indicatorId} ${key.la} ${key.period} by ${dimension.id}`;
    const parts = (field: 'value' | 'numerator' | 'denominator') =>
      dimension.groups.map((g) => {
        const s = shown.groups.find((x) => x.group === g.group);
        const truth = g[field];
        if (truth === null) return null;
        return s && s[field] !== null ? s[field]! : p.variable(`${table} ${g.group} ${field}`, truth);
      });
    // The whole as the public sees it: a count, or a percentage written "x% (n of d)".
    const whole = open.total;
    const ofText = whole ? /\((\d+) of (\d+)\)/.exec(whole.text) : null;
    const sum = (terms: Array<string | number | null>, total: number | null) => {
      if (total === null || terms.some((t) => t === null)) return;
      p.constrain(
        terms.map((t) => [1, t!] as [number, string | number]),
        total,
        total,
      );
    };
    if (indicator.unit === 'count') sum(parts('value'), whole?.value ?? null);
    else {
      const numerators = parts('numerator');
      const denominators = parts('denominator');
      sum(numerators, ofText ? Number(ofText[1]) : null);
      sum(denominators, ofText ? Number(ofText[2]) : null);
      numerators.forEach((n, i) => {
        const d = denominators[i];
        if (n !== null && d !== null && d !== undefined)
          p.constrain(
            [
              [1, n],
              [-1, d],
            ],
            -Infinity,
            0,
          );
      });
    }
    audited(highs, p, threshold, report, table);
  }
}
