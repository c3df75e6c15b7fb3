/**
 * An audit entry's change as a person reads it, not JSON: "role: Viewer → Analyst; themes: (none) →
 * Adoption", or for a new value "text: …". Values that are lists or objects are written out briefly.
 */

const ACTION_WORDS: Record<string, string> = {
  load: 'Loaded a file',
  revert: 'Undid a load',
  reapply: 'Re-applied an undone load',
  'target-set': 'Set a target',
  'rag-override': 'Overrode a RAG status',
  'commentary-published': 'Published commentary',
  'commentary-draft': 'Drafted commentary',
  'pack-draft': 'Drafted a pack',
  'pack-paragraph': 'Edited a pack paragraph',
  'pack-commentary': 'Wrote pack commentary',
  'pack-ready': 'Marked a pack ready',
  'pack-published': 'Published a pack',
  'user-create': 'Added a user',
  'user-change': 'Changed a user',
  'settings-change': 'Changed the settings',
  'scorecard-set-change': 'Changed the scorecard set',
  'password-reset': 'Reset a password',
  'password-change': 'Changed their password',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed to sign in',
  'sign-out': 'Signed out',
  'dfe-pull': 'Pulled a DfE release (staged, not loaded)',
  'dfe-discard': 'Discarded a pulled DfE release',
};

export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function say(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(say).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${say(v)}`)
      .join(', ');
  }
  return String(value);
}

/** The fields that changed, "field: before → after"; a value only before or after is said alone. */
export function changeWords(before: string | null, after: string | null): string {
  const a = parse(before);
  const b = parse(after);
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const changed = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    return changed.map((k) => `${k}: ${say(a[k])} → ${say(b[k])}`).join('; ') || 'no change';
  }
  if (a === undefined && b === undefined) return '';
  if (a === undefined)
    return isRecord(b)
      ? Object.entries(b)
          .map(([k, v]) => `${k}: ${say(v)}`)
          .join('; ')
      : say(b);
  if (b === undefined) return `was ${say(a)}`;
  return `${say(a)} → ${say(b)}`;
}
