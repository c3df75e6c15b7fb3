import type { z } from 'zod';

/** What is wrong with a form, by field (`reason`, `tolerance.amount`): the words shown beside each. */
export type FieldProblems = Partial<Record<string, string>>;

export type Checked<T> = { ok: true; body: T } | { ok: false; problems: FieldProblems };

/**
 * Checks a form's body with the contract the server validates the same request with, before sending it.
 * The contract's own messages are kept ("must say why, in at least 10 characters"); zod's generic ones
 * are put in plain words.
 */
export function checkForm<S extends z.ZodType>(schema: S, body: z.input<S>): Checked<z.output<S>> {
  const result = schema.safeParse(body, { error: plainWords });
  if (result.success) return { ok: true, body: result.data };
  const problems: FieldProblems = {};
  for (const issue of result.error.issues) problems[issue.path.join('.') || 'form'] ??= issue.message;
  return { ok: false, problems };
}

function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      }
      return issue.origin === 'number' ? `must be ${issue.minimum} or more` : undefined;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'number') return `must be ${issue.maximum} or less`;
      return issue.origin === 'array' ? `must have at most ${issue.maximum}` : undefined;
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected === 'number' ? 'must be a number' : undefined;
    default:
      return undefined;
  }
}
