import type { Catalogue, Indicator } from '@indicate/contracts';
import { audit } from '../auth/audit.ts';
import { prepared, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';

/**
 * The scorecard set (contracts/dashboard.ts): which catalogue indicators the scorecard, summary, pack and
 * exports show, in order. Stored as one settings row (`scorecardSet`, a JSON list of ids); absent means
 * the default, the catalogue's hand-written indicators in catalogue order. A change is audited.
 */

const KEY = 'scorecardSet';

export function defaultScorecardSet(catalogue: Catalogue): Indicator[] {
  return catalogue.indicators.filter((i) => i.origin === 'council');
}

/** The set now; ids no longer in the catalogue are skipped (the catalogue refuses to drop held figures). */
export function readScorecardSet(db: Db, catalogue: Catalogue): { indicators: Indicator[]; isDefault: boolean } {
  const row = prepared(db, 'select value from settings where key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return { indicators: defaultScorecardSet(catalogue), isDefault: true };
  const byId = new Map(catalogue.indicators.map((i) => [i.id, i]));
  const ids = JSON.parse(row.value) as string[];
  return { indicators: ids.flatMap((id) => byId.get(id) ?? []), isDefault: false };
}

/** Replaces the set (null: back to the default), audited in the same transaction. */
export function changeScorecardSet(
  db: Db,
  catalogue: Catalogue,
  ids: string[] | null,
  by: { email: string; address: string | null },
): { indicators: Indicator[]; isDefault: boolean } {
  if (ids) {
    const known = new Set(catalogue.indicators.map((i) => i.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new DomainError(
        'invalid',
        'unknown_indicator',
        `indicators: ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the catalogue (see /api/indicators)`,
      );
    }
  }
  const before = readScorecardSet(db, catalogue);
  db.$client.transaction(() => {
    if (ids) {
      prepared(
        db,
        'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      ).run(KEY, JSON.stringify(ids));
    } else {
      prepared(db, 'delete from settings where key = ?').run(KEY);
    }
    audit(db, {
      actor: by.email,
      action: 'scorecard-set-change',
      target: 'scorecard set',
      before: before.isDefault ? 'default' : before.indicators.map((i) => i.id),
      after: ids ?? 'default',
      address: by.address,
    });
  })();
  return readScorecardSet(db, catalogue);
}
