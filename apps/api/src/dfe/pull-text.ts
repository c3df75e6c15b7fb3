import type { DfePull } from '@indicate/contracts';

/** A pull as `pnpm cli dfe pull` and `dfe show` print it: what DfE's release would change, in words. */
export function pullText(pull: DfePull, limit = 20): string {
  const r = pull.report;
  const c = r.counts;
  const lines = [
    `DfE pull ${pull.id}: ${pull.source}`,
    `  release:   ${r.release.releaseTitle}${r.release.via === 'api' ? `, data set ${r.release.dataSetId} version ${r.release.version}` : `, data catalogue file ${r.release.dataSetId}`}${r.release.published ? `, published ${r.release.published}` : ''}`,
    `  held:      ${r.held.releaseTitle}${r.held.version !== r.held.releaseTitle ? ` (version ${r.held.version})` : ''}`,
    `  state:     ${pull.state}${pull.loadId !== null ? ` (load ${pull.loadId})` : ''}`,
    `  figures:   ${c.revised} revised by DfE, ${c.newFigures} new, ${c.replaced} of the council's replaced, ${c.unchanged} unchanged; ${c.errors} errors, ${c.warnings} warnings`,
  ];
  if (r.newYears.length > 0) lines.push(`  new years: ${r.newYears.map((y) => y.label).join(', ')}`);
  if (r.las.gone.length > 0)
    lines.push(
      `  LAs gone:  ${r.las.gone.map((l) => `${l.name} (${l.code})`).join(', ')} (no figures in the release's latest year)`,
    );
  if (r.las.added.length > 0)
    lines.push(
      `  LAs new:   ${r.las.added.map((l) => `${l.name} (${l.code})${l.known ? '' : ", not in Indicate's register"}`).join(', ')}`,
    );
  if (r.columns.added.length > 0) lines.push(`  columns added:   ${r.columns.added.join(', ')}`);
  if (r.columns.removed.length > 0) lines.push(`  columns dropped: ${r.columns.removed.join(', ')}`);
  for (const note of r.notes) lines.push(`  note: ${note}`);
  for (const e of r.errors.slice(0, limit))
    lines.push(`  error: ${e.row === null ? '' : `row ${e.row}, `}${e.column ? `${e.column}: ` : ''}${e.message}`);
  if (r.revisions.length > 0) {
    lines.push(
      '',
      `  Figures DfE has revised${r.revisions.length > limit ? ` (first ${limit} of ${c.revised + c.replaced}; dfe show ${pull.id} --all lists every one)` : ''}:`,
    );
    for (const v of r.revisions.slice(0, limit))
      lines.push(
        `    ${v.label}, ${v.place}, ${v.periodLabel}: ${v.before} -> ${v.after}${v.heldFrom === 'council' ? " (the council's own figure)" : v.heldFrom === 'lait' ? ' (held from LAIT)' : ''}`,
      );
  }
  if (pull.approvable)
    lines.push('', `  Approve with: pnpm cli dfe approve ${pull.id}   (or discard: pnpm cli dfe discard ${pull.id})`);
  return lines.join('\n');
}
