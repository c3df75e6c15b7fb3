import { formatFigure } from './format.ts';
import { isException } from './overview.ts';
import type { RagStatus } from './rag.ts';
import type { Unit } from './units.ts';

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
};

export type PackChangeKind = 'revised' | 'rag' | 'new' | 'dropped';
export type PackChangeOut = {
  indicatorId: string;
  label: string;
  kind: PackChangeKind;
  before: string | null;
  after: string | null;
};

function shown(r: ChangeRow): string {
  const value = r.value === null ? (r.symbolMeaning ?? 'no value') : formatFigure(r.value, r.unit, r.decimals);
  return `${value} (${r.period.label})`;
}

/** What changed between two versions of a pack: revised figures, RAG changes, new and dropped indicators. */
export function whatChanged(before: readonly ChangeRow[], after: readonly ChangeRow[]): PackChangeOut[] {
  const changes: PackChangeOut[] = [];
  const old = new Map(before.map((r) => [r.indicatorId, r]));
  const now = new Map(after.map((r) => [r.indicatorId, r]));
  for (const [id, r] of now) {
    const was = old.get(id);
    if (!was) {
      changes.push({ indicatorId: id, label: r.label, kind: 'new', before: null, after: shown(r) });
      continue;
    }
    if (was.period.id !== r.period.id || was.value !== r.value || was.symbol !== r.symbol) {
      changes.push({ indicatorId: id, label: r.label, kind: 'revised', before: shown(was), after: shown(r) });
    }
    if (was.ragStatus !== r.ragStatus) {
      changes.push({ indicatorId: id, label: r.label, kind: 'rag', before: was.ragLabel, after: r.ragLabel });
    }
  }
  for (const [id, r] of old) {
    if (!now.has(id)) changes.push({ indicatorId: id, label: r.label, kind: 'dropped', before: shown(r), after: null });
  }
  return changes;
}
