import { prepared, type Db } from '../db/client.ts';
import { audit } from './audit.ts';

export type Settings = {
  /** Anonymous visitors may read, with small numbers suppressed. Off by default. */
  publicRead: boolean;
  /** Counts below this (and percentages whose numerator is below it) are suppressed in public read. */
  suppressionThreshold: number;
};

export const DEFAULT_SETTINGS: Settings = { publicRead: false, suppressionThreshold: 5 };

export function readSettings(db: Db): Settings {
  const rows = prepared(db, 'select key, value from settings').all() as Array<{ key: string; value: string }>;
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    publicRead: map.has('publicRead') ? map.get('publicRead') === 'true' : DEFAULT_SETTINGS.publicRead,
    suppressionThreshold: map.has('suppressionThreshold')
      ? Number(map.get('suppressionThreshold'))
      : DEFAULT_SETTINGS.suppressionThreshold,
  };
}

export function writeSettings(db: Db, settings: Settings): void {
  const upsert = db.$client.prepare(
    'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  upsert.run('publicRead', String(settings.publicRead));
  upsert.run('suppressionThreshold', String(settings.suppressionThreshold));
}

/** Changes the settings, audited in the same transaction; returns them as stored. */
export function changeSettings(db: Db, settings: Settings, by: { email: string; address: string | null }): Settings {
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
