/**
 * Whether figures about to be loaded are plausibly the home council's: a computed load is for the council
 * whose returns they are, and a council figure that jumps far from the council's own last one is something
 * the analyst must look at and confirm before it is written (a neighbour's returns, a wrong file, a year's
 * extract given as a quarter's). Pure: the caller reads the settings, the lineage and the stored figures.
 */

/** One reorganisation: the area of `predecessor` passed (wholly or in part) to `successor`. */
export interface LineageLink {
  predecessor: string;
  successor: string;
}

/**
 * Why figures computed from returns may not be loaded as they stand, or null. `returnsCouncil` is the council
 * the returns say they are for (the CIN census's LEA), null when they do not say; `rowCouncils` the councils
 * the file's rows are for.
 */
export function computedCouncilProblem(input: {
  homeLa: string;
  returnsCouncil: string | null;
  rowCouncils: readonly string[];
  lineage: readonly LineageLink[];
}): string | null {
  const { homeLa, returnsCouncil } = input;
  const other = input.rowCouncils.find((la) => la !== homeLa);
  if (other !== undefined) {
    return `figures computed from returns are this Indicate's council's own (${homeLa}); this file has rows for council ${other}`;
  }
  if (returnsCouncil === null || returnsCouncil === homeLa) return null;
  if (input.lineage.some((l) => l.predecessor === returnsCouncil && l.successor === homeLa)) return null;
  return `the returns these figures were computed from are for council ${returnsCouncil} (their CIN census says so), not ${homeLa}, this Indicate's council: compute from ${homeLa}'s own returns`;
}
