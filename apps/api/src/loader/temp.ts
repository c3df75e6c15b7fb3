import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Uploads and unpacked workbooks live in private temporary folders named after the process that made
 * them (`indicate-upload-<pid>-XXXXXX`), removed when the request ends whatever its outcome. A process
 * that was killed cannot do that: the next server start removes folders whose process is gone.
 */
export const UPLOAD_DIR_PREFIX = 'indicate-upload-';

export function makeUploadDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${UPLOAD_DIR_PREFIX}${process.pid}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Folders without a process id (made before ids were recorded) count as stale after this long. */
const UNOWNED_STALE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes upload folders left behind by processes that no longer run (a killed server or CLI), and
 * returns how many it removed. Folders of live processes, this one included, are left alone.
 */
export function removeStaleUploadDirs(tmp = os.tmpdir(), now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(UPLOAD_DIR_PREFIX)) continue;
    const full = path.join(tmp, name);
    const owner = /^indicate-upload-(\d+)-/.exec(name);
    let stale: boolean;
    if (owner) {
      stale = Number(owner[1]) !== process.pid && !alive(Number(owner[1]));
    } else {
      try {
        stale = now - fs.statSync(full).mtimeMs > UNOWNED_STALE_MS;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    try {
      removeDir(full);
      removed += 1;
    } catch {
      // Another user's folder, or already gone: not ours to worry about.
    }
  }
  return removed;
}
