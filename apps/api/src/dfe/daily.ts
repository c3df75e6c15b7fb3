import { readSettings } from '../auth/settings.ts';
import type { Db } from '../db/client.ts';
import type { DfeService } from './service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The optional daily check (the admin setting dfeDailyCheck, off by default): every `everyMs` (an hour) the
 * server looks whether the setting is on and the last check is a day old, and if so asks DfE, as "Check now"
 * does. It only asks and records; a newer release waits on the DfE data page for an analyst to pull and
 * approve. A failure (DfE out of reach) is logged and tried again next time.
 */
export function scheduleDailyCheck(
  db: Db,
  dfe: DfeService,
  options: { everyMs?: number; now?: () => Date; log?: (message: string) => void } = {},
): () => void {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const tick = async () => {
    if (!readSettings(db).dfeDailyCheck) return;
    // Due when any source of the manifest as it is now was never asked, or was asked a day ago.
    const files = dfe.sourceFiles();
    const last = db.$client
      .prepare(
        'select count(*) as n, min(checked_at) as at from dfe_checks where source_file in (select value from json_each(?))',
      )
      .get(JSON.stringify(files)) as { n: number; at: string | null };
    if (last.n === files.length && last.at !== null && now().getTime() - Date.parse(last.at) < DAY_MS) return;
    try {
      const rows = await dfe.check();
      const newer = rows.filter((r) => r.newer).map((r) => r.file);
      log(newer.length > 0 ? `Daily DfE check: newer releases of ${newer.join(', ')}` : 'Daily DfE check: nothing new');
    } catch (error) {
      log(`Daily DfE check failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
