import { formatFigure } from './format.ts';
import { isException } from './overview.ts';
import type { RagStatus } from './rag.ts';
import type { Unit } from './units.ts';
import { changeVerdict, type Polarity } from './direction.ts';

/**
 * A committee pack's life: drafted from the data, made ready, published by a head of service, then frozen
 * (a change is a new version, a revision, listing what changed). These rules decide every move; the API
 * only stores the result.
 */

export const PACK_STATES = ['draft', 'ready', 'published'] as const;
export type PackState = (typeof PACK_STATES)[number];

/** Where a pack may move from each state. Published is final: a revision is a new pack. */
export const PACK_MOVES: Record<PackState, readonly PackState[]> = {
  draft: ['ready'],
  ready: ['draft', 'published'],
  published: [],
};

/** Why a pack may not be changed or moved, or null when it may. */
export type PackProblem = {
  code: 'pack_published' | 'invalid_state' | 'forbidden' | 'commentary_missing';
  message: string;
};

/** A pack's text may be edited until it is published. */
export function packEditProblem(packId: number, state: PackState): PackProblem | null {
  return state === 'published'
    ? { code: 'pack_published', message: `Pack ${packId} is published and frozen; draft a revision to change it.` }
    : null;
}

/** What publishing depends on, per paragraph. */
export type PublishParagraph = { label: string; ragStatus: RagStatus | 'none'; hasCommentary: boolean };

/** Amber and red indicators without the service's commentary: each blocks publishing. */
export function publishBlockers(paragraphs: readonly PublishParagraph[]): PublishParagraph[] {
  return paragraphs.filter((p) => isException(p.ragStatus) && !p.hasCommentary);
}

/** Whether a pack may move from one state to another, by someone who may or may not publish. */
export function packMoveProblem(input: {
  packId: number;
  from: PackState;
  to: PackState;
  mayPublish: boolean;
  paragraphs: readonly PublishParagraph[];
}): PackProblem | null {
  const frozen = packEditProblem(input.packId, input.from);
  if (frozen) return frozen;
  const allowed = PACK_MOVES[input.from];
  if (!allowed.includes(input.to)) {
    return {
      code: 'invalid_state',
      message: `A ${input.from} pack can move to ${allowed.join(' or ')}, not ${input.to}.`,
    };
  }
  if (input.to === 'published') {
    if (!input.mayPublish) return { code: 'forbidden', message: 'Only a service lead may publish a pack.' };
    const missing = publishBlockers(input.paragraphs);
    if (missing.length) {
      return {
        code: 'commentary_missing',
        message: `Amber and red indicators need published commentary (a service lead's) before publishing: ${missing.map((p) => p.label).join('; ')}.`,
      };
    }
  }
  return null;
}

/** One row of a pack's snapshot, as far as "what changed" needs it. */
export type ChangeRow = {
  indicatorId: string;
  label: string;
  unit: Unit;
  decimals: number;
  period: { id: string; label: string };
  value: number | null;
  symbol: string | null;
  symbolMeaning: string | null;
  ragStatus: RagStatus | 'none';
  ragLabel: string;
  /** Which way is good, to say whether a changed figure is better or worse. */
  polarity?: Polarity;
  /** A change no bigger than this is "similar", as on the scorecard (0 for snapshots taken before it was kept). */
  similarThreshold?: number;
};

/**
 * `new-figure`: a figure for a later period than before; `revised`: the same period's figure changed;
 * `rag`: the RAG status changed; `missing`: no figure now where there was one (a RAG lost for missing data is
 * this, not a change in performance); `new`: an indicator the previous pack did not have; `dropped`: one it had.
 */
export type PackChangeKind = 'new-figure' | 'revised' | 'rag' | 'missing' | 'new' | 'dropped';
export type PackChangeOut = {
  indicatorId: string;
  label: string;
  kind: PackChangeKind;
  before: string | null;
  after: string | null;
  /** Whether the figure or the RAG got better or worse (null where neither applies). */
  verdict: 'better' | 'worse' | 'similar' | null;
};

function shown(r: ChangeRow): string {
  const value = r.value === null ? (r.symbolMeaning ?? 'no value') : formatFigure(r.value, r.unit, r.decimals);
  return `${value} (${r.period.label})`;
}

const RAG_ORDER: Record<string, number> = { red: 0, amber: 1, green: 2 };

/** Core's one "similar" rule (changeVerdict), as the scorecard and the paragraphs judge the same change. */
function valueVerdict(was: ChangeRow, now: ChangeRow): PackChangeOut['verdict'] {
  return changeVerdict({
    polarity: now.polarity ?? 'none',
    similarThreshold: now.similarThreshold ?? 0,
    before: was.value,
    after: now.value,
  });
}

/**
 * What changed since the previous pack: new figures for a new period kept apart from revisions of earlier
 * ones, each said better or worse; RAG changes said better or worse; a RAG lost because the figure is
 * missing said as missing data.
 */
export function whatChanged(before: readonly ChangeRow[], after: readonly ChangeRow[]): PackChangeOut[] {
  const changes: PackChangeOut[] = [];
  const old = new Map(before.map((r) => [r.indicatorId, r]));
  const now = new Map(after.map((r) => [r.indicatorId, r]));
  for (const [id, r] of now) {
    const was = old.get(id);
    const base = { indicatorId: id, label: r.label };
    if (!was) {
      changes.push({ ...base, kind: 'new', before: null, after: shown(r), verdict: null });
      continue;
    }
    if (r.value === null && was.value !== null) {
      changes.push({
        ...base,
        kind: 'missing',
        before: `${shown(was)}, ${was.ragLabel}`,
        after: shown(r),
        verdict: null,
      });
      continue;
    }
    if (was.period.id !== r.period.id) {
      changes.push({ ...base, kind: 'new-figure', before: shown(was), after: shown(r), verdict: valueVerdict(was, r) });
    } else if (was.value !== r.value || was.symbol !== r.symbol) {
      changes.push({ ...base, kind: 'revised', before: shown(was), after: shown(r), verdict: valueVerdict(was, r) });
    }
    if (was.ragStatus !== r.ragStatus) {
      const a = RAG_ORDER[was.ragStatus];
      const b = RAG_ORDER[r.ragStatus];
      const verdict = a === undefined || b === undefined ? null : b > a ? 'better' : 'worse';
      changes.push({ ...base, kind: 'rag', before: was.ragLabel, after: r.ragLabel, verdict });
    }
  }
  for (const [id, r] of old) {
    if (!now.has(id)) {
      changes.push({ indicatorId: id, label: r.label, kind: 'dropped', before: shown(r), after: null, verdict: null });
    }
  }
  return changes;
}

/** One pack row as the readiness check reads it. */
export type ReadinessRow = {
  label: string;
  periodLabel: string;
  /** The rule that judges it ('none': a context measure). */
  ragRule: 'benchmark' | 'target' | 'none';
  ragStatus: RagStatus | 'none';
  /** Why it has no RAG status, in the rule's words, when it has none. */
  ragReason?: string;
  /** DfE publishes every council's figure for it, so it should have a national benchmark. */
  benchmarkable: boolean;
  hasBenchmark: boolean;
  hasTarget: boolean;
  /** Core's unusualMovement for the change since the previous period, or null. */
  movement: string | null;
};

export type Readiness = {
  /** Each stops the pack moving on ("ready" or "publish") until dealt with. */
  blockers: string[];
  /** Each is shown to whoever moves it on, to check before the committee does. */
  warnings: string[];
};

/**
 * The check before a pack is made ready or published (ADR 0016). A draft whose figures have been undone
 * since it was drafted (stale) cannot move on until it is refreshed from the data. Rows the committee
 * would see without a benchmark or a RAG status, and figures that moved more than they usually do, are
 * named, so they are explained before the meeting rather than at it.
 */
export function packReadiness(input: { stale: string | null; rows: readonly ReadinessRow[] }): Readiness {
  const blockers: string[] = [];
  const warnings: string[] = [];
  if (input.stale)
    blockers.push(`${input.stale} Refresh the pack from the data before making it ready or publishing it.`);
  for (const r of input.rows) {
    const name = `${r.label} (${r.periodLabel})`;
    if (r.benchmarkable && !r.hasBenchmark) {
      warnings.push(`${name} has no national benchmark: load DfE's figures or type them as published.`);
    }
    if (r.ragRule === 'target' && !r.hasTarget) {
      warnings.push(`${name} is judged against a target and has none: set one, so it has a RAG status.`);
    } else if (r.ragRule !== 'none' && r.ragStatus === 'none' && !(r.benchmarkable && !r.hasBenchmark)) {
      warnings.push(`${name} has no RAG status${r.ragReason ? `: ${r.ragReason.replace(/^No RAG: /, '')}` : '.'}`);
    }
    if (r.movement) warnings.push(`${name} ${r.movement}: explain it in the commentary.`);
  }
  return { blockers, warnings };
}
