import type { AssessmentOut } from '@indicate/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client.ts';

type RagStatus = AssessmentOut['rag']['status'];

/** Shapes differ by status, so RAG never depends on colour alone; the word is always there too. */
const SHAPES: Record<RagStatus, ReactNode> = {
  green: <circle cx="7" cy="7" r="6" />,
  amber: <polygon points="7,1 13,13 1,13" />,
  red: <rect x="1.5" y="1.5" width="11" height="11" />,
  none: <rect x="1" y="6" width="12" height="2" />,
};

export function RagBadge({ status, label }: { status: RagStatus; label: string }) {
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

const ARROWS: Record<string, string> = {
  better: '',
  worse: '',
  similar: '→',
  same: '→',
  higher: '↑',
  lower: '↓',
  new: '•',
};

/** Direction of travel as a word and an arrow: the arrow shows which way the figure moved. */
export function DirectionText({ direction }: { direction: AssessmentOut['vsPrevious'] }) {
  if (direction.direction === null) return <span className="muted">Not comparable</span>;
  const moved = direction.change === null ? '' : direction.change > 0 ? '↑' : direction.change < 0 ? '↓' : '→';
  const arrow = ARROWS[direction.direction] || moved;
  const word = direction.direction[0]!.toUpperCase() + direction.direction.slice(1);
  return (
    <span className={`direction direction--${direction.direction}`}>
      <span aria-hidden="true">{arrow} </span>
      {word}
    </span>
  );
}

/** Loading, error with retry, or the content: the three states every query has. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <p role="status">Loading {what}…</p>;
  if (query.isError) {
    return (
      <div role="alert" className="notice notice--error">
        <p>
          The {what} could not be loaded: {query.error.message}
        </p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}

/** A failed write, in the server's own words (the error envelope's message). */
export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <div role="alert" className="notice notice--error">
      <p>{error instanceof ApiError ? error.message : 'Something went wrong.'}</p>
    </div>
  );
}

/** The committee's RAG key, as printed under Appendix A. */
export function RagKey({ rag }: { rag: { green: string; amber: string; red: string } }) {
  return (
    <dl className="rag-key">
      {(['green', 'amber', 'red'] as const).map((status) => (
        <div key={status}>
          <dt>
            <RagBadge status={status} label={status[0]!.toUpperCase() + status.slice(1)} />
          </dt>
          <dd>{rag[status]}</dd>
        </div>
      ))}
    </dl>
  );
}
