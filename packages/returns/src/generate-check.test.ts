/**
 * An independent check of the rules. For generated returns, every indicator is computed a second way by a
 * deliberately simple reference written from the rules' text (`reference-rules.ts`: no code shared with
 * the package's readers or rules), and the package's `computeFromReturns` must give exactly the same
 * numerators and denominators.
 */
import { describe, expect, it } from 'vitest';
import type { ComputeResult, ReturnFile } from './types.ts';
import { episodesByChild, load, plusMonths, reference, workingDays, type RefFigure } from './reference-rules.ts';
import * as pkg from './index.ts';
import { EXAMPLE_PRESET, generateReturns, generateReturnsWithFacts, type GenerateOptions } from './generate.ts';

const CASES: GenerateOptions[] = [
  EXAMPLE_PRESET,
  { seed: 7, asAt: '2024-03-31', childrenLookedAfter: 250 },
  { seed: 11, asAt: '2023-12-31', childrenLookedAfter: 180, referrals: 500, la: '998' },
];
const POPULATION = 52_000;

describe('the generator', () => {
  it('gives the same bytes for the same options', () => {
    const a = generateReturns(EXAMPLE_PRESET);
    const b = generateReturns(EXAMPLE_PRESET);
    expect(a.map((f) => f.name)).toEqual(b.map((f) => f.name));
    expect(a.every((f, i) => f.text === (b[i] as ReturnFile).text)).toBe(true);
  });

  it('agrees with the test bank holiday list (two independent sources)', () => {
    // The generator places assessments at exactly 45 or 46 working days around Easter and Christmas; the
    // reference counts working days with its own written-out list. The two must agree on what a working day is.
    const { files } = generateReturnsWithFacts(EXAMPLE_PRESET);
    const { referrals } = load(files);
    const exact = referrals
      .flatMap((r) => r.assessments)
      .filter((a) => a.auth && [44, 45, 46].includes(workingDays(a.start, a.auth)));
    expect(exact.length).toBeGreaterThan(3);
  });

  for (const o of CASES) {
    describe(`seed ${o.seed} as at ${o.asAt}`, () => {
      const { files, facts } = generateReturnsWithFacts(o);
      const { tables, referrals } = load(files);
      const ref = reference(files, o.asAt, POPULATION);

      it('writes each table per collection year with CRLF line ends and the exact header rows', () => {
        for (const y of facts.collectionYears) {
          for (const t of [
            'header',
            'episodes',
            'uasc',
            'reviews',
            'oc2',
            'oc3',
            'ad1',
            'placed_for_adoption',
            'prev_perm',
            'missing',
          ])
            expect(files.some((f) => f.name === `${y}_${t}.csv`)).toBe(true);
          const cin = files.find((f) => f.name === `${y}_cin_census.xml`);
          expect(cin?.text).toContain(`<LEA>${o.la ?? '999'}</LEA>`);
        }
        for (const f of files) {
          expect(f.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
          expect(f.text.endsWith('\r\n')).toBe(true);
        }
      });

      it('matches the facts it knows (children looked after, missing, referrals, open plans)', () => {
        expect(ref['cic-count']?.numerator).toBe(facts.childrenLookedAfter);
        expect(ref['cic-count']?.numerator).toBe(o.childrenLookedAfter);
        expect(ref['missing-episodes-in-care']?.numerator).toBe(facts.missingEpisodes);
        expect(ref['rereferrals-12-months']?.denominator).toBe(facts.referralsInYear);
        expect(ref['cp-plans-2-years']?.denominator).toBe(facts.cpPlansOpen);
      });

      it('is consistent: no overlaps, chains start at RNE S, DEC after DECOM, children in Header, assessments after start', () => {
        const eps = episodesByChild(tables.Episodes ?? []);
        const firstYearStart = `${(facts.collectionYears[0] as number) - 1}-04-01`;
        for (const list of eps.values()) {
          list.forEach((e, i) => {
            if (e.dec) expect(e.dec > e.decom).toBe(true);
            const prev = list[i - 1];
            if (prev) expect(prev.dec !== '' && prev.dec <= e.decom).toBe(true);
            // A chain starts at RNE S, or before the first year in the files.
            if (!prev || prev.dec !== e.decom) expect(e.rne === 'S' || e.decom <= firstYearStart).toBe(true);
            else expect(e.rne).not.toBe('S');
          });
        }
        for (const f of files.filter((x) => x.name.endsWith('_episodes.csv'))) {
          const year = f.name.slice(0, 4);
          const header = new Set((tables.Header ?? []).filter((h) => h._file.startsWith(year)).map((h) => h.CHILD));
          for (const e of (tables.Episodes ?? []).filter((x) => x._file === f.name))
            expect(header.has(e.CHILD)).toBe(true);
        }
        for (const r of referrals) for (const a of r.assessments) if (a.auth) expect(a.auth >= a.start).toBe(true);
        for (const r of referrals) for (const p of r.plans) if (p.end) expect(p.end > p.start).toBe(true);
      });

      it('uses codes valid for each collection year', () => {
        for (const h of tables.Header ?? []) {
          const y = Number(h._file.slice(0, 4));
          expect(y >= 2025 ? ['M', 'F', 'U'] : ['1', '2']).toContain(h.SEX);
        }
        for (const e of tables.Episodes ?? []) {
          const y = Number(e._file.slice(0, 4));
          if (y < 2025) expect(e.PLACE).not.toBe('K3');
          // H5 and P2 only on an episode that ended on the year's first day (it was open in the year before).
          else if (e.PLACE === 'H5' || e.PLACE === 'P2') expect(e.DEC).toBe(`01/04/${y - 1}`);
        }
      });

      it("agrees with the package's computeFromReturns on every indicator's numerator and denominator", () => {
        const [y, m] = o.asAt.split('-').map(Number) as [number, number];
        const fyStart = m >= 4 ? y : y - 1;
        const result: ComputeResult = pkg.computeFromReturns(files, {
          asAt: o.asAt,
          population: [{ year: fyStart, population: POPULATION }],
        });
        expect(result.errors).toEqual([]);
        const got: Record<string, [number | null, number | null]> = {};
        const want: Record<string, [number | null, number | null]> = {};
        for (const f of result.figures) {
          got[f.indicator] = [f.numerator, f.denominator];
          if (f.perYear) got[`${f.indicator}/per-year`] = [f.perYear.numerator, f.perYear.denominator];
        }
        for (const [k, v] of Object.entries(ref)) want[k] = [v.numerator, v.denominator];
        expect(got).toEqual(want);
      });

      // At month-end as-at dates a review on d minus 6 months (clipped) is in time by RETURNS.md's wording.
      it("cp-reviews-in-timescale: the package agrees with RETURNS.md's wording 'the latest within 6 months before d'", () => {
        const result = pkg.computeFromReturns(files, { asAt: o.asAt });
        const f = result.figures.find((x) => x.indicator === 'cp-reviews-in-timescale');
        const r = ref['cp-reviews-in-timescale'] as RefFigure;
        expect([f?.numerator, f?.denominator]).toEqual([r.numerator, r.denominator]);
      });

      it('has the awkward cases in it', () => {
        const e = tables.Episodes ?? [];
        for (const rne of ['S', 'P', 'T', 'U', 'B', 'L']) expect(e.some((x) => x.RNE === rne)).toBe(true);
        expect(e.some((x) => x.LS === 'V4')).toBe(true);
        expect(e.some((x) => /^T[0-4]$/.test(x.PLACE as string))).toBe(true);
        expect(e.some((x) => /^A[3-6]$/.test(x.PLACE as string))).toBe(true);
        expect(e.some((x) => x.REC === 'E11' || x.REC === 'E12')).toBe(true);
        for (const p of ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'])
          expect(e.some((x) => x.PLACE_PROVIDER === p)).toBe(true);
        // Children leaving care and coming back: a second period (RNE S, not a short break) after an ended one.
        const regular = e.filter((x) => x.LS !== 'V3' && x.LS !== 'V4');
        const starts = new Map<string, Set<string>>();
        for (const x of regular)
          if (x.RNE === 'S')
            starts.set(x.CHILD as string, (starts.get(x.CHILD as string) ?? new Set()).add(x.DECOM as string));
        expect([...starts.values()].some((set) => set.size > 1)).toBe(true);
        for (const t of ['NO', 'REFU', 'RHOM']) expect((tables.OC3 ?? []).some((x) => x.IN_TOUCH === t)).toBe(true);
        // Assessments spanning Easter (Good Friday) and Christmas Day.
        const spans = (day: (y: number) => string) =>
          referrals.some((r) =>
            r.assessments.some(
              (a) => a.auth && [2022, 2023, 2024, 2025].some((y) => a.start < day(y) && a.auth >= day(y)),
            ),
          );
        expect(
          spans(
            (y) => ({ 2022: '2022-04-15', 2023: '2023-04-07', 2024: '2024-03-29', 2025: '2025-04-18' })[y] as string,
          ),
        ).toBe(true);
        expect(spans((y) => `${y}-12-25`)).toBe(true);
        const m = tables.Missing ?? [];
        expect(m.some((x) => x.MISSING === 'M') && m.some((x) => x.MISSING === 'A')).toBe(true);
        expect((tables.OC3 ?? []).some((x) => x.IN_TOUCH !== 'YES')).toBe(true);
        expect((tables.OC2 ?? []).length).toBeGreaterThan(0);
        // Re-referrals exactly twelve months after an earlier one.
        const exact = referrals.filter((r) =>
          referrals.some((x) => x.child === r.child && x.date === plusMonths(r.date, -12)),
        );
        expect(exact.length).toBeGreaterThan(0);
        // Late assessments, long plans, repeat plans.
        expect(referrals.some((r) => r.assessments.some((a) => a.auth && workingDays(a.start, a.auth) > 45))).toBe(
          true,
        );
        expect(referrals.some((r) => r.plans.some((p) => p.previous >= 1))).toBe(true);
        // Every indicator, and the adoption scorecard's four per year besides.
        expect(Object.keys(ref)).toHaveLength(pkg.RETURNS_INDICATORS.length + 4);
        expect(ref['adoption-a1-days']?.denominator).toBeGreaterThan(0);
      });
    });
  }
});
