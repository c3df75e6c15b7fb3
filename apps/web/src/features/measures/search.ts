import { IndicatorsQuerySchema } from '@indicate/contracts';
import { z } from 'zod';

/**
 * The Measures page: its search parameters, and the search itself, over the whole catalogue in the
 * browser (GET /api/indicators gives every measure with its definition).
 */

export const MeasuresSearchSchema = z.object({
  /** Words that must all appear in the measure's name, short label, definition or theme. */
  q: z.string().max(200).optional().catch(undefined),
  theme: IndicatorsQuerySchema.shape.theme.catch(undefined),
});
export type MeasuresSearch = z.output<typeof MeasuresSearchSchema>;

/** What a measure is found by. */
export type Searchable = { label: string; shortLabel: string; definition: string; theme: string; themeLabel: string };

/**
 * Text as the words a search compares: lower case, accents and apostrophes dropped ("Children's" is
 * "childrens"), split at anything that is not a letter or digit ("16-17" is "16" and "17").
 */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

type Haystack = { name: string; all: string };
const haystacks = new WeakMap<Searchable, Haystack>();

/** Each measure's words, once: " word word …", so a word's start is found as " " + the word. */
function haystackOf(measure: Searchable): Haystack {
  let found = haystacks.get(measure);
  if (!found) {
    const name = ` ${wordsOf(`${measure.label} ${measure.shortLabel}`).join(' ')}`;
    found = { name, all: `${name} ${wordsOf(`${measure.definition} ${measure.themeLabel}`).join(' ')}` };
    haystacks.set(measure, found);
  }
  return found;
}

/**
 * The measures that match: in the theme, if one is chosen, and with every word of the query at the start
 * of a word of the name, short label, definition or theme ("child" finds "children", "road" does not find
 * "abroad"), in any case. Measures whose name holds every word come first; otherwise the catalogue's order.
 * No words: every measure in the theme.
 */
export function searchMeasures<T extends Searchable>(
  measures: readonly T[],
  query: { q?: string | undefined; theme?: string | undefined },
): T[] {
  const words = wordsOf(query.q ?? '').map((word) => ` ${word}`);
  const inTheme = query.theme ? measures.filter((m) => m.theme === query.theme) : [...measures];
  if (words.length === 0) return inTheme;
  const byName: T[] = [];
  const byText: T[] = [];
  for (const measure of inTheme) {
    const hay = haystackOf(measure);
    if (words.every((word) => hay.name.includes(word))) byName.push(measure);
    else if (words.every((word) => hay.all.includes(word))) byText.push(measure);
  }
  return [...byName, ...byText];
}

/**
 * A definition short enough for a list: its first paragraph, cut after the last whole sentence that fits
 * in `max` characters, or else at a word, with an ellipsis (as is a paragraph that introduces a list).
 */
export function shortDefinition(text: string, max = 220): string {
  const first = (text.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
  // A paragraph that leads into a list ("for example:") is cut short there.
  if (first.length <= max) return first.replace(/:$/, '…');
  let end = 0;
  for (const match of first.matchAll(/[.!?]["”’)]?(?=\s|$)/g)) {
    const after = match.index + match[0].length;
    if (after > max) break;
    end = after;
  }
  if (end >= max / 3) return first.slice(0, end);
  // One character more: a word that ends exactly at the limit is kept.
  const cut = first.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : max).replace(/[\s,;:–-]+$/, '')}…`;
}
