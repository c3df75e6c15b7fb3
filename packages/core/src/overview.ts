import type { Direction } from './direction.ts';
import type { RagStatus } from './rag.ts';

/**
 * The overview: the counts a committee's covering report states ("From 43 measures ... 17 have improved")
 * and the one text that states them. The scorecard's headline and the committee pack both use these, so
 * they can never say different things about the same rows.
 */

/** What the overview needs to know of one scorecard row. */
export type OverviewRow = {
  isNew: boolean;
  /** Withheld from the public view as a small number. */
  withheld: boolean;
  direction: Direction | null;
  quartileBand: number | null;
  rag: RagStatus | 'none';
  overridden: boolean;
};

export type OverviewCounts = {
  indicators: number;
  newThisPeriod: number;
  withheld: number;
  direction: {
    improved: number;
    similar: number;
    declined: number;
    noPolarity: number;
    new: number;
    notComparable: number;
  };
  quartiles: { benchmarked: number; top: number; second: number; third: number; fourth: number };
  rag: { green: number; amber: number; red: number; none: number; overridden: number };
};

/** An exception, in the committee's sense: a figure rated amber or red, which needs commentary. */
export function isException(status: RagStatus | 'none'): boolean {
  return status === 'amber' || status === 'red';
}

export function countOverview(rows: readonly OverviewRow[]): OverviewCounts {
  const count = (test: (r: OverviewRow) => boolean) => rows.filter(test).length;
  const dir = (...d: Array<Direction | null>) => count((r) => d.includes(r.direction));
  const band = (b: number) => count((r) => r.quartileBand === b);
  const rag = (s: RagStatus | 'none') => count((r) => r.rag === s);
  return {
    indicators: rows.length,
    newThisPeriod: count((r) => r.isNew),
    withheld: count((r) => r.withheld),
    direction: {
      improved: dir('better'),
      similar: dir('similar'),
      declined: dir('worse'),
      noPolarity: dir('higher', 'lower', 'same'),
      new: dir('new'),
      notComparable: dir(null),
    },
    quartiles: {
      benchmarked: count((r) => r.quartileBand !== null),
      top: band(1),
      second: band(2),
      third: band(3),
      fourth: band(4),
    },
    rag: {
      green: rag('green'),
      amber: rag('amber'),
      red: rag('red'),
      none: rag('none'),
      overridden: count((r) => r.overridden),
    },
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The covering report's overview paragraphs, in the committee's own words, from the counts. */
export function overviewParagraphs(c: OverviewCounts, period: string): string[] {
  const d = c.direction;
  const q = c.quartiles;
  const r = c.rag;
  const compared = d.improved + d.similar + d.declined;
  return [
    `From ${compared} measures that have been reported for ${period} and can be compared with the previous period, ${d.improved} have improved, ${d.similar} show no significant change and ${d.declined} have declined. In addition, ${d.noPolarity} ${d.noPolarity === 1 ? 'is a context measure' : 'are context measures'} (neither higher nor lower is better), ${d.new} ${d.new === 1 ? 'is' : 'are'} new (no earlier figure at all)${d.notComparable ? ` and ${d.notComparable} cannot be compared with the previous period (its figure is missing, or it is the first of its kind)` : ''}.`,
    `Of the ${q.benchmarked} measures that can be benchmarked nationally, ${q.top} ${q.top === 1 ? 'is' : 'are'} in the top quartile, ${q.second} in the second, ${q.third} in the third and ${q.fourth} in the fourth.`,
    `RAG: ${r.green} green, ${r.amber} amber, ${r.red} red and ${r.none} without a RAG status${r.overridden ? ` (${plural(r.overridden, 'override', 'overrides')})` : ''}.${
      c.withheld
        ? ` ${plural(c.withheld, 'figure is', 'figures are')} not shown because ${c.withheld === 1 ? 'it is a small number' : 'they are small numbers'}.`
        : ''
    }`,
  ];
}
