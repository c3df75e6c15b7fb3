import type { AssessmentOut } from '@indicate/contracts';
import { ragLabel } from '@indicate/core';
import type { ReactNode } from 'react';

type RagStatus = AssessmentOut['rag']['status'];

/** Shapes differ by status, so RAG never depends on colour alone; the word is always there too. */
const SHAPES: Record<RagStatus, ReactNode> = {
  green: <circle cx="7" cy="7" r="6" />,
  amber: <polygon points="7,1 13,13 1,13" />,
  red: <rect x="1.5" y="1.5" width="11" height="11" />,
  none: <rect x="1" y="6" width="12" height="2" />,
};

/** A RAG status as a shape and a word; the word is the status's own ("Amber", "No RAG") unless given. */
export function RagBadge({ status, label = ragLabel(status) }: { status: RagStatus; label?: string }) {
  return (
    <span className={`rag rag--${status}`}>
      <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" focusable="false">
        {SHAPES[status]}
      </svg>
      {label}
    </span>
  );
}

/** The RAG with its override: both proposed and final are shown when a head of service changed it. */
export function RagCell({ rag }: { rag: AssessmentOut['rag'] }) {
  if (!rag.override) return <RagBadge status={rag.status} label={rag.label} />;
  return (
    <span className="rag-override">
      <RagBadge status={rag.status} label={rag.label} />
      <span className="muted">overridden; proposed {rag.proposed.label.toLowerCase()}</span>
    </span>
  );
}

/** The committee's RAG key, as printed under Appendix A. */
export function RagKey({ rag }: { rag: { green: string; amber: string; red: string } }) {
  return (
    <dl className="rag-key">
      {(['green', 'amber', 'red'] as const).map((status) => (
        <div key={status}>
          <dt>
            <RagBadge status={status} />
          </dt>
          <dd>{rag[status]}</dd>
        </div>
      ))}
    </dl>
  );
}
