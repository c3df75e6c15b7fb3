/**
 * Commentary on a figure is a list of versions, newest first: each edit is a new version, and a withdrawal
 * is a version of its own (nothing is deleted, so the history shows who said what and when). What a reader
 * sees (ADR 0016):
 * - the current commentary is the newest version, unless it is a withdrawal (then there is none);
 * - someone who does not write commentary (a councillor, the public) sees no drafts, and nothing said
 *   before the latest withdrawal.
 */

export type CommentaryStatus = 'draft' | 'published' | 'withdrawn';
export type CommentaryVersion = { status: CommentaryStatus };

export function visibleCommentary<T extends CommentaryVersion>(newestFirst: readonly T[], drafts: boolean): T[] {
  if (drafts) return [...newestFirst];
  const shown: T[] = [];
  for (const c of newestFirst) {
    if (c.status === 'withdrawn') break;
    if (c.status === 'published') shown.push(c);
  }
  return shown;
}

/**
 * What a pack shows and freezes: the latest published version since the latest withdrawal; a draft written
 * on top of it waits for a service lead, so it shows only where nothing is published.
 */
export function commentaryForPack<T extends CommentaryVersion>(newestFirst: readonly T[]): T | null {
  return visibleCommentary(newestFirst, false)[0] ?? currentCommentary(newestFirst);
}

/** The commentary in force: the newest version, or none when that is a withdrawal. */
export function currentCommentary<T extends CommentaryVersion>(newestFirst: readonly T[]): T | null {
  const first = newestFirst[0];
  return first && first.status !== 'withdrawn' ? first : null;
}
