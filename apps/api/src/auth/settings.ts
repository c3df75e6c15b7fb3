import { prepared, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { audit } from './audit.ts';

export type Settings = {
  /** Anonymous visitors may read, with small numbers suppressed. Off by default. */
  publicRead: boolean;
  /** Counts below this (and percentages whose numerator is below it) are suppressed in public read. */
  suppressionThreshold: number;
  /** The council the dashboard opens on: Leicestershire, whose committee papers are bundled. */
  homeLa: string;
  /** The service's name in the header and the committee pack's title. */
  serviceName: string;
  /** Ask DfE once a day for newer releases (the DfE data page shows what it found); never loads. */
  dfeDailyCheck: boolean;
};

export const DEFAULT_SETTINGS: Settings = {
  publicRead: false,
  suppressionThreshold: 5,
  homeLa: '855',
  serviceName: 'Children and Family Services',
  dfeDailyCheck: false,
};

export function readSettings(db: Db): Settings {
  const rows = prepared(db, 'select key, value from settings').all() as Array<{ key: string; value: string }>;
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    publicRead: map.has('publicRead') ? map.get('publicRead') === 'true' : DEFAULT_SETTINGS.publicRead,
    suppressionThreshold: map.has('suppressionThreshold')
      ? Number(map.get('suppressionThreshold'))
      : DEFAULT_SETTINGS.suppressionThreshold,
    homeLa: map.get('homeLa') ?? DEFAULT_SETTINGS.homeLa,
    serviceName: map.get('serviceName') ?? DEFAULT_SETTINGS.serviceName,
    dfeDailyCheck: map.has('dfeDailyCheck') ? map.get('dfeDailyCheck') === 'true' : DEFAULT_SETTINGS.dfeDailyCheck,
  };
}

/** The home council as the session describes it: its code and name (the code when it is unknown). */
export function homeLaRef(db: Db, code: string): { code: string; name: string } {
  const row = prepared(db, 'select name from local_authorities where old_la_code = ?').get(code) as
    { name: string } | undefined;
  return { code, name: row?.name ?? code };
}

/** Stores the settings given; the others keep their values. */
export function writeSettings(db: Db, settings: Partial<Settings>): void {
  const upsert = db.$client.prepare(
    'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  for (const [key, value] of Object.entries(settings)) upsert.run(key, String(value));
}

/** Changes the settings, audited in the same transaction; returns them as stored. */
export function changeSettings(db: Db, settings: Settings, by: { email: string; address: string | null }): Settings {
  const la = prepared(db, 'select 1 from local_authorities where old_la_code = ?').get(settings.homeLa);
  if (!la) {
    throw new DomainError(
      'invalid',
      'unknown_la',
      `homeLa: no local authority has the code ${settings.homeLa} (see /api/local-authorities)`,
    );
  }
  const ended = prepared(
    db,
    'select min(effective_from) as since from la_lineage where predecessor_code = ? having count(*) > 0',
  ).get(settings.homeLa) as { since: string } | undefined;
  if (ended && ended.since <= new Date().toISOString().slice(0, 10)) {
    throw new DomainError(
      'invalid',
      'abolished_la',
      `homeLa: ${settings.homeLa} was abolished on ${ended.since} (its area passed to other councils); choose a council that exists today.`,
    );
  }
  const before = readSettings(db);
  db.$client.transaction(() => {
    writeSettings(db, settings);
    audit(db, {
      actor: by.email,
      action: 'settings-change',
      target: 'settings',
      before,
      after: settings,
      address: by.address,
    });
  })();
  return readSettings(db);
}
