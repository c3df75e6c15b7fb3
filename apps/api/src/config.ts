import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';

/** The repository root, from which the bundled data and the built dashboard are found. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * The process environment, read and validated here and nowhere else.
 * PORT (default 3000), HOST (default 127.0.0.1), DB_PATH (default .var/indicate.sqlite, git-ignored),
 * DATA_DIR (the bundled data, default data/), WEB_DIST (the built dashboard), LOG_LEVEL, TRUST_PROXY (below),
 * DFE_API_URL (DfE's statistics API, default https://api.education.gov.uk/statistics; its paths begin /v1) and
 * DFE_CATALOGUE_URL (EES's content API for the data catalogue's CSV files): a mirror or a test server may stand in.
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
  TRUST_PROXY: z.string().optional(),
  DFE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.education.gov.uk/statistics'),
  DFE_CATALOGUE_URL: z
    .url({ protocol: /^https?$/ })
    .default('https://content.explore-education-statistics.service.gov.uk/api'),
});

/** Names proxy-addr (Fastify's trustProxy) accepts besides addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY says which peers may tell the server, through X-Forwarded-For and X-Forwarded-Proto, the
 * client's address and that the connection was HTTPS (which turns on the cookie's Secure flag and HSTS).
 * Default off: those headers are ignored, since anyone can send them. Values, as Fastify's `trustProxy`:
 * unset, empty or `false`: off; `true`: trust every peer (only when nothing but the proxy can reach the
 * server); a whole number N: trust the N nearest hops; otherwise a comma-separated list of addresses,
 * CIDR ranges or `loopback` / `linklocal` / `uniquelocal`, e.g. `127.0.0.1` or `loopback,10.0.0.0/8`.
 */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(v)) {
    // Fastify takes a hop count at run time but not in its types: the same rule as a function.
    const hops = Number(v);
    return (_address: string, hop: number) => hop < hops;
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((entry) => {
    if (PROXY_NAMES.includes(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const kind = net.isIP(address ?? '');
    if (kind === 0 || rest.length > 0) return true;
    if (bits === undefined) return false;
    return !/^\d+$/.test(bits) || Number(bits) > (kind === 4 ? 32 : 128);
  });
  if (bad.length > 0) {
    throw new Error(
      `Invalid environment: TRUST_PROXY: not an address, CIDR range or ${PROXY_NAMES.join('/')}: ${bad.join(', ')} ` +
        '(use false, true, a hop count, or a comma-separated list such as 127.0.0.1,10.0.0.0/8)',
    );
  }
  return entries;
}

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  dataDir: string;
  webDist: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: TrustProxy;
  dfeApiUrl: string;
  dfeCatalogueUrl: string;
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
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    dfeApiUrl: e.DFE_API_URL.replace(/\/+$/, ''),
    dfeCatalogueUrl: e.DFE_CATALOGUE_URL.replace(/\/+$/, ''),
  };
}

/** Where the person ran `pnpm cli` (pnpm sets INIT_CWD), so paths mean what they typed. */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}
