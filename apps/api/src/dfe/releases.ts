import crypto from 'node:crypto';
import type { EesSource } from '@indicate/contracts';
import { z } from 'zod';
import { dfeClient, DfeRefused, DfeUnreachable, resilientFetch, type DfeClientOptions } from './client.ts';

/**
 * Where DfE's newest release of a source is, and its bytes. A source on the statistics API is asked for its
 * latest version (and its CSV); a source only in the data catalogue is found through EES's content API: the
 * data set file held says whether its release is still the latest, and if not the publication's latest data
 * set files are searched for the same title. The content API is not in DfE's OpenAPI document, so the two
 * answers read from it are checked here with zod, field by field, as EES's DataSetFileViewModel and
 * DataSetFileSummaryViewModel name them.
 */

export type DfeEndpoints = {
  /** DFE_API_URL, without /v1. */
  apiUrl: string;
  /** DFE_CATALOGUE_URL: EES's content API, ending in /api. */
  catalogueUrl: string;
} & Omit<DfeClientOptions, 'baseUrl'>;

/** What a source's newest release is, and where its CSV is. */
export type LatestRelease = {
  via: 'api' | 'catalogue';
  dataSetId: string;
  version: string;
  releaseTitle: string;
  published: string | null;
  csvUrl: string;
  /** What DfE says that the analyst should know (the version held withdrawn, a data set deprecated). */
  notes: string[];
};

/** The release Indicate holds of a source: the bundled one, or the last approved pull. */
export type HeldRelease = { via: 'api' | 'catalogue' | 'bundled'; dataSetId: string | null; version: string };

/** A source DfE's answers do not let Indicate pull, in words. */
export class NotPullable extends Error {}

const DataSetFile = z.object({
  id: z.string(),
  title: z.string(),
  release: z.object({
    title: z.string(),
    slug: z.string(),
    isLatestPublishedRelease: z.boolean(),
    published: z.string().nullish(),
    publication: z.object({ id: z.string(), title: z.string() }),
  }),
});

const DataSetFileList = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      latestData: z.boolean(),
      published: z.string().nullish(),
      release: z.object({ id: z.string(), title: z.string() }),
    }),
  ),
  paging: z.object({ page: z.number(), totalPages: z.number() }),
});

/** Hosts a redirect may lead to: DfE's own services and the blob storage EES serves files from. */
const ALLOWED_HOST = /(^|\.)(education\.gov\.uk|service\.gov\.uk|blob\.core\.windows\.net)$/i;

/**
 * A GET that follows at most three redirects, and only to DfE's own hosts, the configured addresses' hosts or
 * EES's blob storage: a redirect elsewhere (an address inside the council's network, say) is refused.
 */
async function fetchFollowing(
  url: string,
  endpoints: DfeEndpoints,
  accept: string,
  timeoutMs?: number,
): Promise<Response> {
  const configured = new Set([new URL(endpoints.apiUrl).host, new URL(endpoints.catalogueUrl).host]);
  const fetchIt = resilientFetch({ ...endpoints, baseUrl: url, ...(timeoutMs ? { timeoutMs } : {}) });
  let target = url;
  for (let hop = 0; hop <= 3; hop++) {
    const response = await fetchIt(new Request(target, { headers: { accept }, redirect: 'manual' }));
    if (response.status < 300 || response.status >= 400 || !response.headers.get('location')) return response;
    await response.body?.cancel();
    const next = new URL(response.headers.get('location')!, target);
    if (next.protocol !== 'https:' && !configured.has(next.host))
      throw new DfeRefused(response.status, `the address ${url}`, `it redirects to ${next.origin}, which is not DfE's`);
    if (!configured.has(next.host) && !ALLOWED_HOST.test(next.hostname))
      throw new DfeRefused(response.status, `the address ${url}`, `it redirects to ${next.origin}, which is not DfE's`);
    target = next.href;
  }
  throw new DfeRefused(310, `the address ${url}`, 'it redirects more than three times');
}

async function contentJson<T>(endpoints: DfeEndpoints, path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const response = await fetchFollowing(`${endpoints.catalogueUrl}${path}`, endpoints, 'application/json');
  if (!response.ok) {
    await response.body?.cancel();
    throw new DfeRefused(response.status, what, response.statusText);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new DfeRefused(response.status, what, 'the answer is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DfeRefused(
      response.status,
      what,
      `the answer is not as EES's content API describes it (${issue.path.join('.')}: ${issue.message})`,
    );
  }
  return parsed.data;
}

/**
 * What a pull reads of the statistics API's answers, checked: openapi-fetch types them from DfE's OpenAPI
 * document but does not look at them, and a server answering otherwise must be a message, not a crash.
 */
const ApiDataSet = z.object({
  status: z.string(),
  latestVersion: z.object({ version: z.string(), published: z.string().nullish() }).nullish(),
});
const ApiVersions = z.array(
  z.object({
    version: z.string(),
    status: z.string(),
    withdrawn: z.string().nullish(),
    notes: z.string().nullish(),
    release: z.object({ title: z.string() }).nullish(),
  }),
);

function checked<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DfeRefused(
    200,
    what,
    `the answer is not as DfE's API describes it (${issue.path.join('.')}: ${issue.message})`,
  );
}

/** The newest release of a source, asked of DfE; NotPullable when the source has no id to ask by. */
export async function latestRelease(
  source: EesSource,
  held: HeldRelease,
  endpoints: DfeEndpoints,
): Promise<LatestRelease> {
  if (source.apiDataSetId) {
    const client = dfeClient({ ...endpoints, baseUrl: endpoints.apiUrl });
    const answer = await client.dataSet(source.apiDataSetId);
    const dataSet = checked(ApiDataSet, answer?.dataSet, `the data set ${source.apiDataSetId}`);
    const latest = dataSet.latestVersion;
    if (!latest) throw new NotPullable(`DfE publishes no version of ${source.apiDataSetId} (${dataSet.status})`);
    const notes: string[] = [];
    if (dataSet.status !== 'Published') notes.push(`DfE marks this data set ${dataSet.status.toLowerCase()}.`);
    const versions = checked(
      ApiVersions,
      await client.versions(source.apiDataSetId),
      `the versions of ${source.apiDataSetId}`,
    );
    if (held.via === 'api' && held.version !== latest.version) {
      const heldVersion = versions.find((v) => v.version === held.version);
      if (!heldVersion) notes.push(`DfE no longer lists version ${held.version}, the one Indicate holds.`);
      else if (heldVersion.status === 'Withdrawn')
        notes.push(
          `DfE has withdrawn version ${held.version}, the one Indicate holds${heldVersion.withdrawn ? ` (on ${heldVersion.withdrawn.slice(0, 10)})` : ''}${heldVersion.notes ? `: ${heldVersion.notes.trim().replace(/\.$/, '')}` : ''}.`,
        );
      else if (heldVersion.status === 'Deprecated')
        notes.push(`DfE has deprecated version ${held.version}, the one Indicate holds.`);
    }
    const latestListed = versions.find((v) => v.version === latest.version);
    return {
      via: 'api',
      dataSetId: source.apiDataSetId,
      version: latest.version,
      releaseTitle: latestListed?.release?.title ?? `version ${latest.version}`,
      published: latest.published ? latest.published.slice(0, 10) : null,
      csvUrl: `${endpoints.apiUrl}/v1/data-sets/${encodeURIComponent(source.apiDataSetId)}/csv?dataSetVersion=${encodeURIComponent(latest.version)}`,
      notes,
    };
  }
  const heldId = held.via === 'catalogue' && held.dataSetId ? held.dataSetId : source.dataCatalogueId;
  if (!heldId)
    throw new NotPullable("the data set's ids are still to be read from DfE's release page (data/dfe/sources.yaml)");
  const file = await contentJson(
    endpoints,
    `/data-set-files/${encodeURIComponent(heldId)}`,
    DataSetFile,
    `the data set file ${heldId}`,
  );
  const catalogueRelease = (id: string, title: string, releaseTitle: string, published: string | null | undefined) => ({
    via: 'catalogue' as const,
    dataSetId: id,
    version: releaseTitle,
    releaseTitle,
    published: published ? published.slice(0, 10) : null,
    csvUrl: `${endpoints.catalogueUrl}/data-set-files/${encodeURIComponent(id)}/download`,
    notes: title === file.title ? [] : [`DfE now titles the data set "${title}" (it was "${file.title}").`],
  });
  if (file.release.isLatestPublishedRelease)
    return catalogueRelease(file.id, file.title, file.release.title, file.release.published);
  // A newer release: its data set files, every page, and the one with the held file's title.
  const publicationId = file.release.publication.id;
  for (let page = 1; page <= 50; page++) {
    const list = await contentJson(
      endpoints,
      `/data-set-files?publicationId=${encodeURIComponent(publicationId)}&latestOnly=true&page=${page}&pageSize=100`,
      DataSetFileList,
      `the data sets of publication ${publicationId}`,
    );
    const same = list.results.find((r) => r.title.trim().toLowerCase() === file.title.trim().toLowerCase());
    if (same) return catalogueRelease(same.id, same.title, same.release.title, same.published);
    if (page >= list.paging.totalPages) break;
  }
  throw new NotPullable(
    `DfE's latest release of "${file.release.publication.title}" has no data set titled "${file.title}": find its new title on DfE's release page and record its id in data/dfe/sources.yaml`,
  );
}

/** Refuses a download larger than this: DfE's largest children's social care file is a few megabytes (3.3 MB). */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

/** A download whose bytes are not what the server said they would be. */
export class DownloadMismatch extends Error {}

/**
 * A release's CSV, read with a size limit; where the server states a Content-MD5 (Azure's blob storage, behind
 * EES's downloads, does) the bytes are checked against it, and a body shorter or longer than its
 * Content-Length is refused.
 */
export async function download(url: string, endpoints: DfeEndpoints, limit = MAX_DOWNLOAD_BYTES): Promise<Buffer> {
  const response = await fetchFollowing(url, endpoints, 'text/csv', endpoints.timeoutMs ?? 120_000);
  if (!response.ok) {
    await response.body?.cancel();
    throw new DfeRefused(response.status, `the CSV at ${url}`, response.statusText);
  }
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit && !response.headers.get('content-encoding')) {
    await response.body?.cancel();
    throw new DownloadMismatch(`DfE's file is ${declared} bytes, over Indicate's limit of ${limit}.`);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response.body ?? []) {
      bytes += (chunk as Uint8Array).length;
      if (bytes > limit)
        throw new DownloadMismatch(`DfE's file is over Indicate's limit of ${limit} bytes: not read further.`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (error) {
    if (error instanceof DownloadMismatch) throw error;
    throw new DfeUnreachable(new URL(url).origin, `the file stopped arriving (${(error as Error).message})`);
  }
  const body = Buffer.concat(chunks);
  // fetch decodes gzip; Content-Length and Content-MD5 then describe the encoded bytes, not these.
  if (!response.headers.get('content-encoding')) {
    if (declared !== null && Number(declared) !== body.length)
      throw new DownloadMismatch(
        `DfE's server said the file is ${declared} bytes and sent ${body.length}: not loaded.`,
      );
    const md5 = response.headers.get('content-md5');
    if (md5 !== null) {
      const actual = crypto.createHash('md5').update(body).digest('base64');
      if (actual !== md5.trim())
        throw new DownloadMismatch(
          `the file's checksum (MD5 ${actual}) is not the one DfE's server gave (${md5.trim()}): it was damaged on the way, so nothing is staged. Pull again.`,
        );
    }
  }
  return body;
}
