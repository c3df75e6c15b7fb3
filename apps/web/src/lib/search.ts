/**
 * Search parameters as plain text, the way the dashboard's links have always been written
 * (`?la=855&period=2018-19-Q1`): the router's default would write `la=%22855%22` and read `la=855` as a
 * number. Each route's zod schema then checks the text and gives the defaults.
 */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

/** Empty values are left out, so a link carries only the choices that were made. */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  // A list stays readable in the address (`la=855,830`): a comma needs no escaping in a query.
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}

/** An API path with these query parameters; empty ones are left out. */
export function withQuery(pathname: string, params: Record<string, string | null | undefined>): string {
  return `${pathname}${stringifySearch(params)}`;
}
