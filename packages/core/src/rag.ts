import { WITHHELD } from './disclosure.ts';
import { formatDifference, formatFigure } from './format.ts';
import type { Unit } from './units.ts';
import type { Direction, Polarity } from './direction.ts';
import { quartileWords, type Band, type QuartileResult } from './quartile.ts';
import { absenceReason, numericValue, type Reading } from './symbols.ts';

/**
 * RAG (red / amber / green) status. Councils differ, so each indicator names its rule. The engine
 * proposes; a head of service may override with a recorded reason, and both are shown.
 */

export type Tolerance = { kind: 'absolute' | 'relative'; amount: number };

export type RagRule = { rule: 'benchmark' } | { rule: 'target'; tolerance: Tolerance } | { rule: 'none' };

export type RagStatus = 'green' | 'amber' | 'red';

/** The council's RAG key, verbatim from the Q1 2018/19 pack (Appendix A). */
export const BENCHMARK_KEY: Record<RagStatus, string> = {
  green: 'Top quartile of local authorities or high in the second quartile with an improving trend',
  amber: 'Second or third quartile with room for improvement',
  red: 'Fourth quartile or low in the third quartile with a declining trend',
};

export const BENCHMARK_RULE_TEXT = `Benchmark rule. Green: ${BENCHMARK_KEY.green}. Amber: ${BENCHMARK_KEY.amber}. Red: ${BENCHMARK_KEY.red}.`;

export function targetRuleText(tolerance: Tolerance, polarity: Polarity): string {
  const side = polarity === 'low' ? 'at or below' : 'at or above';
  const within =
    tolerance.kind === 'absolute'
      ? `within ${tolerance.amount} of the target`
      : `within ${tolerance.amount}% of the target`;
  return `Target rule. Green: ${side} target. Amber: short of target but ${within}. Red: further from target than that.`;
}

export type RagInputs = {
  value: number | null;
  band?: number | null;
  positionInBand?: 'high' | 'low' | null;
  direction?: Direction | null;
  target?: number | null;
  tolerance?: Tolerance;
};

export type RagResult = {
  status: RagStatus | 'none';
  rule: RagRule['rule'];
  ruleText: string;
  /** Why this status, in words a councillor can read. */
  reason: string;
  /**
   * The same reason with the trend left out, where the reason names it: what the public sees when the
   * earlier figure is withheld (the trend would bound it). Null where the reason names no trend.
   */
  reasonWithoutTrend?: string | null;
  inputs: RagInputs;
};

export function ragLabel(status: RagStatus | 'none'): string {
  return status === 'none' ? 'No RAG' : status[0]!.toUpperCase() + status.slice(1);
}

export type RagInput = {
  rule: RagRule;
  polarity: Polarity;
  value: Reading | null;
  /** National quartile of the value, needed by the benchmark rule. */
  quartile?: QuartileResult | null;
  /**
   * A national quartile as a paper published it, used when no quartile can be computed: the band is
   * known but not where in it the value sits, so "high in the second quartile" cannot be judged.
   */
  publishedBand?: Band | null;
  /** Direction against the previous data point, needed by the benchmark rule. */
  direction?: Direction | null;
  /** The target for the period, needed by the target rule. */
  target?: number | null;
};

export function proposeRag(input: RagInput): RagResult {
  const value = numericValue(input.value);
  if (input.rule.rule === 'none') {
    return noRag('none', 'No RAG rule applies to this indicator.', 'No RAG: this indicator is reported for context.', {
      value,
    });
  }
  const ruleText =
    input.rule.rule === 'benchmark' ? BENCHMARK_RULE_TEXT : targetRuleText(input.rule.tolerance, input.polarity);
  if (input.polarity === 'none') {
    return noRag(input.rule.rule, ruleText, 'No RAG: this indicator has no polarity (context only).', { value });
  }
  if (value === null) {
    return noRag(input.rule.rule, ruleText, `No RAG: the figure has ${absenceReason(input.value)}.`, { value });
  }
  return input.rule.rule === 'benchmark'
    ? benchmarkRag(value, input, ruleText)
    : targetRag(value, input.polarity, input.target ?? null, input.rule.tolerance, ruleText);
}

function noRag(rule: RagRule['rule'], ruleText: string, reason: string, inputs: RagInputs): RagResult {
  return { status: 'none', rule, ruleText, reason, inputs };
}

function benchmarkRag(value: number, input: RagInput, ruleText: string): RagResult {
  const quartile = input.quartile;
  const direction = input.direction ?? null;
  if ((!quartile || !quartile.ok) && input.publishedBand) {
    return publishedBandRag(value, input.publishedBand, direction, ruleText);
  }
  if (!quartile || !quartile.ok) {
    const why = quartile && !quartile.ok ? quartile.reason : 'No national benchmark for this period.';
    return noRag('benchmark', ruleText, `No RAG: ${lowerFirst(why)}`, { value, direction });
  }
  const { band, positionInBand } = quartile.quartile;
  const inputs: RagInputs = { value, band, positionInBand, direction };
  const half = positionInBand === 'high' ? 'the better half' : 'the lower half';
  const where = `${capitalise(quartileWords(band))} nationally, in ${half} of it`;
  const trend = direction ? `${direction === 'new' ? 'new this period' : direction}` : 'no trend available';
  const result = (status: RagStatus, reason: string): RagResult => ({
    status,
    rule: 'benchmark',
    ruleText,
    reason,
    inputs,
  });

  if (band === 1) return result('green', 'Top quartile nationally.');
  if (band === 4) return result('red', 'Fourth quartile nationally.');
  if (band === 2 && positionInBand === 'high' && direction === 'better') {
    return result('green', `${where}, with an improving trend.`);
  }
  if (band === 3 && positionInBand === 'low' && direction === 'worse') {
    return result('red', `${where}, with a declining trend.`);
  }
  return {
    ...result('amber', `${where} (trend: ${trend}): room for improvement.`),
    reasonWithoutTrend: `${where} ${WITHHELD.trend}: room for improvement.`,
  };
}

function publishedBandRag(value: number, band: Band, direction: RagInputs['direction'], ruleText: string): RagResult {
  const inputs: RagInputs = { value, band, positionInBand: null, direction };
  const where = `${capitalise(quartileWords(band))} nationally, as published`;
  const result = (status: RagStatus, reason: string): RagResult => ({
    status,
    rule: 'benchmark',
    ruleText,
    reason,
    inputs,
  });
  if (band === 1) return result('green', `${where}.`);
  if (band === 4) return result('red', `${where}.`);
  return result(
    'amber',
    `${where}; where the figure sits within the quartile was not published, so the trend cannot lift or lower it.`,
  );
}

function targetRag(
  value: number,
  polarity: 'high' | 'low',
  target: number | null,
  tolerance: Tolerance,
  ruleText: string,
): RagResult {
  if (target === null) {
    return noRag('target', ruleText, 'No RAG: no target is set for this period.', { value, target, tolerance });
  }
  const inputs: RagInputs = { value, target, tolerance };
  // How far the value falls short of the target; zero or less means the target is met.
  const shortfall = polarity === 'high' ? target - value : value - target;
  const allowance = tolerance.kind === 'absolute' ? tolerance.amount : (Math.abs(target) * tolerance.amount) / 100;
  const gap = Number(Math.abs(shortfall).toFixed(6));
  const result = (status: RagStatus, reason: string): RagResult => ({
    status,
    rule: 'target',
    ruleText,
    reason,
    inputs,
  });
  if (shortfall <= 1e-9) return result('green', `On or better than the target of ${target}.`);
  if (shortfall <= allowance + 1e-9) {
    return result(
      'amber',
      `Short of the target of ${target} by ${gap}, within the tolerance of ${describe(tolerance)}.`,
    );
  }
  return result('red', `Short of the target of ${target} by ${gap}, beyond the tolerance of ${describe(tolerance)}.`);
}

function describe(tolerance: Tolerance): string {
  return tolerance.kind === 'absolute' ? String(tolerance.amount) : `${tolerance.amount}%`;
}

function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text[0]!.toLowerCase() + text.slice(1);
}

/** An indicator's RAG rule in words, for its definition page. */
export function ragRuleText(rule: RagRule, polarity: Polarity): string {
  if (rule.rule === 'none') return 'No RAG: this indicator is reported for context.';
  return rule.rule === 'benchmark' ? BENCHMARK_RULE_TEXT : targetRuleText(rule.tolerance, polarity);
}

export function polarityText(polarity: Polarity): string {
  if (polarity === 'none') return 'No polarity: neither higher nor lower is better; reported for context.';
  return polarity === 'high' ? 'Higher is better.' : 'Lower is better.';
}

/**
 * A target in words beside the figure, whichever rule gives the RAG: "Target 22.0% (± 3.0 percentage
 * points): missed by 7.0 percentage points", "met", or "short of it but within the tolerance". Tolerance
 * absolute is in the indicator's units; relative is a percentage of the target.
 */
export function targetWords(input: TargetInput): string {
  const { head, standing } = targetStanding(input);
  return standing ? `${head}: ${standing}` : head;
}

type TargetInput = {
  value: number | null;
  target: number;
  tolerance: Tolerance | null;
  polarity: Polarity;
  unit: Unit;
  decimals: number;
};

/**
 * A target in two parts: `head`, the target and its tolerance ("Target 22% (± 2 percentage points)"), and
 * `standing`, how the figure stands against it ("missed by 7 percentage points"), null where there is no
 * figure or no better direction. The public view gives only the head beside a withheld figure: the
 * distance from a target would give the figure back.
 */
export function targetStanding(input: TargetInput): { head: string; standing: string | null } {
  const { value, target, tolerance, polarity, unit, decimals } = input;
  const fmt = (v: number) => formatFigure(v, unit, decimals);
  const points = (v: number) => formatDifference(v, unit, decimals);
  const allowed = tolerance
    ? tolerance.kind === 'absolute'
      ? tolerance.amount
      : (Math.abs(target) * tolerance.amount) / 100
    : 0;
  const toleranceText = tolerance
    ? ` (± ${tolerance.kind === 'absolute' ? points(tolerance.amount) : `${tolerance.amount}% of the target`})`
    : '';
  const head = `Target ${fmt(target)}${toleranceText}`;
  if (value === null || polarity === 'none') return { head, standing: null };
  const short = polarity === 'low' ? value - target : target - value;
  if (short <= 1e-9) return { head, standing: 'met' };
  if (short <= allowed + 1e-9) return { head, standing: `short by ${points(short)}, within the tolerance` };
  return { head, standing: `missed by ${points(short)}` };
}

/** The RAG rules an analyst may choose for an indicator (ADR 0016). */
export type RagRuleChoice = 'benchmark' | 'target';

/**
 * The rules an indicator may be judged by: none for a context measure; the national quartile only where
 * DfE publishes every council's figure with quartiles; a target always.
 */
export function ragRuleChoices(indicator: {
  polarity: 'high' | 'low' | 'none';
  nationalBenchmark: boolean;
  quartile?: boolean;
}): RagRuleChoice[] {
  if (indicator.polarity === 'none') return [];
  return indicator.nationalBenchmark && indicator.quartile !== false ? ['benchmark', 'target'] : ['target'];
}

/**
 * The rule an indicator is judged by: the analyst's choice where one is made and allowed, else the
 * catalogue's. A benchmark-rule indicator moved to targets takes its "similar" threshold as the amber
 * tolerance (absolute, in its units) unless a target gives its own.
 */
export function effectiveRagRule(
  indicator: {
    polarity: 'high' | 'low' | 'none';
    nationalBenchmark: boolean;
    quartile?: boolean;
    rag: RagRule;
    similarThreshold: number;
  },
  chosen: RagRuleChoice | null | undefined,
): RagRule {
  if (!chosen || !ragRuleChoices(indicator).includes(chosen) || chosen === indicator.rag.rule) return indicator.rag;
  if (chosen === 'benchmark') return { rule: 'benchmark' };
  return { rule: 'target', tolerance: { kind: 'absolute', amount: indicator.similarThreshold } };
}
