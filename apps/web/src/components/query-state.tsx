import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client.ts';

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
