import { describe, expect, it } from 'vitest';
import { currentCommentary, visibleCommentary, type CommentaryStatus } from './commentary.ts';

const v = (id: number, status: CommentaryStatus) => ({ id, status });

describe('commentary versions', () => {
  const history = [v(4, 'draft'), v(3, 'withdrawn'), v(2, 'published'), v(1, 'published')];
  it('shows a writer every version, and the newest as current unless withdrawn', () => {
    expect(visibleCommentary(history, true).map((c) => c.id)).toEqual([4, 3, 2, 1]);
    expect(currentCommentary(history)?.id).toBe(4);
    expect(currentCommentary(history.slice(1))).toBeNull();
  });
  it('shows a reader no drafts and nothing said before the latest withdrawal', () => {
    expect(visibleCommentary(history, false)).toEqual([]);
    expect(visibleCommentary([v(5, 'published'), ...history], false).map((c) => c.id)).toEqual([5]);
    expect(visibleCommentary([v(2, 'published'), v(1, 'published')], false).map((c) => c.id)).toEqual([2, 1]);
  });
});
