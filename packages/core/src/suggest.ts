/**
 * "Did you mean": the known ids nearest a misspelt one, by edit distance (insertions, deletions,
 * substitutions and swaps of neighbouring letters), within a third of its length, nearest first.
 */
export function didYouMean(input: string, known: Iterable<string>, max = 3): string[] {
  const text = input.trim().toLowerCase();
  if (text === '') return [];
  const limit = Math.max(2, Math.floor(text.length / 3));
  const scored: Array<{ id: string; distance: number }> = [];
  for (const id of known) {
    const distance = editDistance(text, id.toLowerCase(), limit);
    if (distance <= limit) scored.push({ id, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}

/** Optimal string alignment distance, stopping early once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]!;
}
