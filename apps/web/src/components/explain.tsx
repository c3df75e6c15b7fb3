import { GLOSSARY } from '@indicate/core';
import { Link } from '@tanstack/react-router';
import { useId, useState, type ReactNode } from 'react';

const TERMS = new Map(GLOSSARY.map((t) => [t.id, t]));

/**
 * A word with its plain-English explanation one click away: a "What is this?" button that opens the
 * glossary's definition in place (a disclosure, so it works by keyboard and is read by screen readers),
 * with a link to the whole glossary.
 */
export function Explain({ term, children }: { term: string; children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const entry = TERMS.get(term);
  if (!entry) return <>{children}</>;
  return (
    <span className="explain">
      {children}{' '}
      <button
        type="button"
        className="explain__button"
        aria-expanded={open}
        aria-controls={`${id}-definition`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">What is “{entry.term}”?</span>
      </button>
      <span id={`${id}-definition`} className="explain__definition" hidden={!open}>
        {entry.definition}{' '}
        <Link to="/glossary" hash={entry.id}>
          All terms in the glossary
        </Link>
      </span>
    </span>
  );
}
