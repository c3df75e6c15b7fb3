import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';

/** The repository root, from which the bundled data and the built dashboard are found. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * The process environment, read and validated here and nowhere else.
 * PORT (default 3000), HOST (default 127.0.0.1), DB_PATH (default .var/indicate.sqlite, git-ignored),
 * DATA_DIR (the bundled data, default data/), WEB_DIST (the built dashboard), LOG_LEVEL.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DB_PATH: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, '.var', 'indicate.sqlite')),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
  WEB_DIST: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, 'apps', 'web', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  dataDir: string;
  webDist: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: path.resolve(e.DB_PATH),
    dataDir: path.resolve(e.DATA_DIR),
    webDist: path.resolve(e.WEB_DIST),
    logLevel: e.LOG_LEVEL,
  };
}
