import type { LoadReport, LoadSummary } from '@indicate/contracts';

const FORMATS: Record<string, string> = {
  'indicate-template-csv': 'Indicate template, CSV',
  'indicate-template-xlsx': 'Indicate template, Excel',
  'dfe-csv': 'DfE published file',
  'lait-parquet': "DfE's LAIT data set",
};

function figure(f: LoadReport['changes'][number]['after'] | null): string {
  if (!f) return '(none)';
  const main = f.value ?? f.symbol ?? '?';
  const parts =
    f.numerator !== null || f.denominator !== null ? ` (${f.numerator ?? '?'}/${f.denominator ?? '?'})` : '';
  return `${main}${parts}${f.status === 'provisional' ? ' provisional' : ''}`;
}

/** The load report as a person reads it in a terminal. */
export function reportText(report: LoadReport, shown = 20): string {
  const lines: string[] = [];
  const kind = report.format ? FORMATS[report.format] : 'unrecognised';
  lines.push(`${report.dryRun ? 'Dry run of' : 'Load of'} ${report.fileName} (${kind})`);
  lines.push(`sha256 ${report.sha256}`);
  const c = report.counts;
  lines.push(`Rows read ${c.rowsRead}${c.rowsNotUsed ? `, not used ${c.rowsNotUsed}` : ''}`);
  lines.push(`New ${c.new}, changed ${c.changed}, unchanged ${c.unchanged}`);
  lines.push(`Errors ${c.errors}, warnings ${c.warnings}`);
  const where = (p: { row: number | null; column: string | null }) =>
    [p.row !== null ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ') ||
    'file';
  if (report.errors.length) {
    lines.push('', 'Errors:');
    for (const e of report.errors.slice(0, shown)) lines.push(`  ${where(e)}: ${e.message}`);
    if (c.errors > shown) lines.push(`  ... and ${c.errors - shown} more`);
  }
  if (report.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of report.warnings.slice(0, shown)) lines.push(`  ${where(w)}: ${w.message}`);
    if (c.warnings > shown) lines.push(`  ... and ${c.warnings - shown} more`);
  }
  if (report.changes.length) {
    lines.push('', 'New and changed figures:');
    for (const ch of report.changes.slice(0, shown)) {
      lines.push(
        `  row ${ch.row}: ${ch.indicatorId} ${ch.geographyCode}${ch.breakdown ? ` [${ch.breakdown}]` : ''} ${ch.periodId}: ${figure(ch.before)} -> ${figure(ch.after)}`,
      );
    }
    if (c.new + c.changed > shown) lines.push(`  ... and ${c.new + c.changed - shown} more`);
  }
  const unjudged = report.judgements.filter((j) => !j.rag);
  if (report.judgements.length) {
    const years = new Map<string, number>();
    for (const j of report.judgements) if (j.benchmark) years.set(j.benchmark, (years.get(j.benchmark) ?? 0) + 1);
    lines.push('', 'Judgements:');
    for (const [year, n] of years) lines.push(`  ${n} figure${n === 1 ? '' : 's'} benchmarked against ${year}`);
    const rag = report.judgements.filter((j) => j.ragRule !== 'none');
    lines.push(`  ${rag.filter((j) => j.rag).length} of ${rag.length} figures with a RAG rule will have a RAG status`);
    if (unjudged.length) lines.push(`  ${unjudged.length} will have no RAG status: see the warnings`);
  }
  lines.push('');
  if (c.errors > 0) lines.push('Nothing was written: correct the errors and load the file again.');
  else if (report.dryRun) lines.push(`Nothing was written (dry run). Plan ${report.planHash}`);
  else lines.push(`Committed as load ${report.loadId}.`);
  return lines.join('\n');
}

export function loadLine(load: LoadSummary): string {
  const what = load.revertsLoadId
    ? `reverted load ${load.revertsLoadId}: ${load.rowsChanged} restored, ${load.rowsRemoved} removed`
    : `${load.rowsNew} new, ${load.rowsChanged} changed, ${load.rowsUnchanged} unchanged`;
  return `${String(load.id).padStart(4)}  ${load.loadedAt}  ${load.state.padEnd(9)}  ${load.fileName}  (${what}; by ${load.loadedBy})`;
}
