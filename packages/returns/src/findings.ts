import type { Finding } from './types.ts';

/** At most this many findings of one kind (same check, file, table and field); then one "and N more". */
export const FINDINGS_PER_KIND = 50;

interface KindCount {
  first: Finding;
  listed: number;
  unlisted: number;
}

/**
 * Collects findings. A bad export can repeat the same mistake on every row, so each kind of finding is
 * listed a limited number of times and then counted, which keeps the list readable and the memory small.
 */
export class FindingList {
  readonly errors: Finding[] = [];
  readonly warnings: Finding[] = [];
  private readonly kinds = new Map<string, KindCount>();

  /** `kind` names the check ("date-does-not-parse"); with the file, table and field it groups findings for the limit. */
  add(kind: string, finding: Finding): void {
    const key = `${finding.severity}|${kind}|${finding.file ?? ''}|${finding.table ?? ''}|${finding.field ?? ''}`;
    const count = this.kinds.get(key) ?? { first: finding, listed: 0, unlisted: 0 };
    this.kinds.set(key, count);
    if (count.listed >= FINDINGS_PER_KIND) {
      count.unlisted++;
      return;
    }
    count.listed++;
    (finding.severity === 'error' ? this.errors : this.warnings).push(finding);
  }

  /** Adds the "and N more" findings and puts each list in a fixed order (file, table, row, ...), so the files' order does not change it; call once at the end. */
  close(): void {
    for (const { first, unlisted } of this.kinds.values()) {
      if (unlisted === 0) continue;
      const { row: _row, child: _child, ...where } = first;
      const summary: Finding = {
        ...where,
        message: `... and ${unlisted} more like this (only the first ${FINDINGS_PER_KIND} are listed)`,
      };
      (summary.severity === 'error' ? this.errors : this.warnings).push(summary);
    }
    this.kinds.clear();
    this.errors.sort(byPlace);
    this.warnings.sort(byPlace);
  }
}

const text = (value: string | undefined) => value ?? '';

/** Findings in the order an analyst reads them: by file, table, row (a summary after the rows), child, field, rule, message. */
function byPlace(a: Finding, b: Finding): number {
  return (
    text(a.file).localeCompare(text(b.file)) ||
    text(a.table).localeCompare(text(b.table)) ||
    (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER) ||
    text(a.child).localeCompare(text(b.child)) ||
    text(a.field).localeCompare(text(b.field)) ||
    text(a.rule).localeCompare(text(b.rule)) ||
    a.message.localeCompare(b.message)
  );
}
