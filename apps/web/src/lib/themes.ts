/** A theme as the catalogue names it. */
export type ThemeRef = { id: string; label: string };

/**
 * The themes of these indicators, each once, in the order each first appears: the order in which the
 * scorecard groups its rows.
 */
export function themesInOrder(indicators: ReadonlyArray<{ theme: string; themeLabel: string }>): ThemeRef[] {
  const seen = new Map<string, ThemeRef>();
  for (const indicator of indicators) {
    if (!seen.has(indicator.theme)) seen.set(indicator.theme, { id: indicator.theme, label: indicator.themeLabel });
  }
  return [...seen.values()];
}
