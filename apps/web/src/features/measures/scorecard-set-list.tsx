import type { ScorecardSet } from '@indicate/contracts';
import { Link } from '@tanstack/react-router';
import { useRef, type ReactNode } from 'react';
import { audienceOf, capitalise } from '../../lib/words.ts';

/** Saves a new set (null: the default) and says what changed; resolves with the set saved, or null if refused. */
export type SaveSet = (
  indicators: string[] | null,
  said: (saved: ScorecardSet) => string,
) => Promise<ScorecardSet | null>;

/** The set with one indicator moved one place up (-1) or down (+1); unchanged at either end. */
export function moved(ids: readonly string[], id: string, by: -1 | 1): string[] {
  const next = [...ids];
  const from = next.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/**
 * The scorecard set in order. Those who may change it ('dashboard') move and remove measures here, and
 * can go back to the default; everyone else reads it, with who may change it.
 */
export function ScorecardSetList({
  set,
  canChange,
  pending,
  save,
  outcome,
}: {
  set: ScorecardSet;
  canChange: boolean;
  /** A change is being saved: further clicks wait (the buttons keep their focus). */
  pending: boolean;
  save: SaveSet;
  /** The message about the last change made here, or its error. */
  outcome: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const ids = set.indicators.map((i) => i.id);
  const count = set.indicators.length;
  // After a save the list is drawn again: keep the person where they were.
  const refocus = (selector: string | null) =>
    requestAnimationFrame(() =>
      ((selector && list.current?.querySelector<HTMLElement>(selector)) || heading.current)?.focus(),
    );

  const move = async (id: string, label: string, by: -1 | 1) => {
    if (pending) return;
    const next = moved(ids, id, by);
    if (next.indexOf(id) === ids.indexOf(id)) return;
    const saved = await save(next, (s) => {
      const place = s.indicators.findIndex((i) => i.id === id) + 1;
      return `“${label}” moved ${by < 0 ? 'up' : 'down'}: it is now number ${place} of ${s.indicators.length}.`;
    });
    if (saved) refocus(`[data-id="${id}"][data-action="${by < 0 ? 'up' : 'down'}"]`);
  };
  const remove = async (id: string, label: string) => {
    if (pending) return;
    const saved = await save(
      ids.filter((other) => other !== id),
      (s) => `“${label}” is no longer on the scorecard, which now shows ${s.indicators.length} measures.`,
    );
    if (saved) refocus(null);
  };
  const restore = async () => {
    if (pending) return;
    const saved = await save(
      null,
      (s) => `The scorecard shows the default set again: the council's ${s.indicators.length} indicators.`,
    );
    if (saved) refocus(null);
  };

  return (
    <section aria-labelledby="set-heading" className="scorecard-set">
      <h2 id="set-heading" ref={heading} tabIndex={-1}>
        {canChange ? 'Your scorecard' : "The scorecard's measures"}
      </h2>
      {outcome}
      <p>
        The scorecard shows {count === 1 ? 'this measure' : `these ${count} measures`}, grouped by theme in the order
        each theme first appears here.
        {set.isDefault && " This is the default set: the council's own indicators."}
      </p>
      {!canChange && (
        <p>{capitalise(audienceOf('dashboard'))} can change which measures the scorecard shows, and their order.</p>
      )}
      <ol className="set-list" ref={list}>
        {set.indicators.map((indicator, index) => (
          <li key={indicator.id} className="set-list__item">
            <span className="set-list__name">
              <Link to="/indicators/$id" params={{ id: indicator.id }}>
                {indicator.label}
              </Link>{' '}
              <span className="muted">({indicator.themeLabel})</span>
            </span>
            {canChange && (
              <span className="set-list__actions">
                <button
                  type="button"
                  data-id={indicator.id}
                  data-action="up"
                  aria-label={`Move up: ${indicator.label}`}
                  aria-disabled={index === 0 || pending || undefined}
                  onClick={() => void (index > 0 && move(indicator.id, indicator.label, -1))}
                >
                  Move up
                </button>
                <button
                  type="button"
                  data-id={indicator.id}
                  data-action="down"
                  aria-label={`Move down: ${indicator.label}`}
                  aria-disabled={index === count - 1 || pending || undefined}
                  onClick={() => void (index < count - 1 && move(indicator.id, indicator.label, 1))}
                >
                  Move down
                </button>
                <button
                  type="button"
                  aria-label={`Remove: ${indicator.label}`}
                  aria-disabled={pending || undefined}
                  onClick={() => void remove(indicator.id, indicator.label)}
                >
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {canChange && !set.isDefault && (
        <p>
          <button type="button" aria-disabled={pending || undefined} onClick={() => void restore()}>
            Restore the default set
          </button>
        </p>
      )}
    </section>
  );
}
