import type { Access } from '@indicate/contracts';
import { Link, SearchParamError, useRouter, useRouterState, type ErrorComponentProps } from '@tanstack/react-router';
import type { z } from 'zod';
import { useTitle } from '../lib/title.ts';
import { audienceOf } from '../lib/words.ts';

/** A signed-in person whose role lacks the page's grant: said in words, not as a failure. */
export class Forbidden extends Error {
  constructor(readonly access: Access) {
    super(`This page is for ${audienceOf(access)} only.`);
  }
}

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** "la must be a DfE 3-digit local authority code …": each refused parameter, in the contract's words. */
function inWords(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const name = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
      return name ? `${name} ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A path parameter the route's contract schema refused (the router keeps it as the cause of its own error). */
export class AddressProblem extends Error {
  constructor(issues: readonly Issue[]) {
    super(inWords(issues));
  }
}

/** Reads a route's path parameters with a contract schema, or says which one is wrong. */
export function paramsWith<T>(schema: z.ZodType<T>): (raw: Record<string, string>) => T {
  return (raw) => {
    const result = schema.safeParse(raw);
    if (!result.success) throw new AddressProblem(result.error.issues);
    return result.data;
  };
}

/** What is wrong with the address, or null when the error is about something else. */
function addressProblem(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof AddressProblem) return error.message;
  if (error.cause instanceof AddressProblem) return error.cause.message;
  if (error instanceof SearchParamError) {
    const issues = (error.cause as { issues?: Issue[] } | undefined)?.issues;
    return issues?.length ? inWords(issues) : error.message;
  }
  return null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Which errors are expected and already said on screen, so not reported to the console as faults. */
export function isExpected(error: unknown): boolean {
  return error instanceof Forbidden || addressProblem(error) !== null;
}

/** One page's error screen: a role without the grant, an address the page cannot read, or data that failed. */
export function RouteError({ title, error, reset }: ErrorComponentProps & { title: string }) {
  useTitle(title);
  if (error instanceof Forbidden) {
    return (
      <>
        <h1>{title}</h1>
        <p>
          {error.message} <Link to="/">Go to the scorecard</Link>.
        </p>
      </>
    );
  }
  const problem = addressProblem(error);
  if (problem !== null) {
    return (
      <>
        <h1>{title}</h1>
        <div role="alert" className="notice notice--error">
          <p>This address cannot be shown: {problem}.</p>
        </div>
        <p>
          <Link to="/">Go to the scorecard</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <RetryAlert message={`This page could not be loaded: ${messageOf(error)}`} reset={reset} />
    </>
  );
}

/** An address that is no page of the dashboard. */
export function NotFound() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at {pathname}. <Link to="/">Go to the scorecard</Link>.
      </p>
    </>
  );
}

/** The session could not be read, so no page can be chosen: the server is down or unreachable. */
export function Unreachable({ error, reset }: ErrorComponentProps) {
  useTitle('Server unreachable');
  return <RetryAlert message={`The server could not be reached: ${messageOf(error)}`} reset={reset} />;
}

/** A failure said in words, with a button that asks the router to load the page again. */
function RetryAlert({ message, reset }: { message: string; reset: () => void }) {
  const router = useRouter();
  return (
    <div role="alert" className="notice notice--error">
      <p>{message}</p>
      <button
        type="button"
        onClick={() => {
          reset();
          void router.invalidate();
        }}
      >
        Try again
      </button>
    </div>
  );
}
