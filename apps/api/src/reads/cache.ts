import zlib from 'node:zlib';

/** A response ready to send: its body, and the body compressed once (brotli and gzip) for clients that accept it. */
export type CachedResponse = {
  type: string;
  body: Buffer;
  /** Null when the body is too small to be worth compressing. */
  br: Buffer | null;
  gzip: Buffer | null;
  disposition: string | null;
};

/** Bodies smaller than this are sent as they are: gzip would save little and cost a header. */
const GZIP_FROM_BYTES = 1024;

/**
 * A response to cache. Compressed at once at brotli's quality 5 (a few milliseconds, so the first answer
 * after a load is quick), then again at quality 11 off the main thread (libuv's pool; about 85 ms for the
 * scorecard), and the smaller one kept: every later answer from the cache sends about an eighth fewer bytes,
 * and the socket write is most of a cached read's cost.
 */
export function cachedResponse(type: string, text: string, disposition: string | null = null): CachedResponse {
  const body = Buffer.from(text, 'utf8');
  const compress = body.length >= GZIP_FROM_BYTES;
  const entry: CachedResponse = {
    type,
    body,
    br: compress ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) : null,
    gzip: compress ? zlib.gzipSync(body, { level: 6 }) : null,
    disposition,
  };
  if (compress) {
    zlib.brotliCompress(
      body,
      { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } },
      (error, smaller) => {
        if (!error && entry.br && smaller.length < entry.br.length) entry.br = smaller;
      },
    );
  }
  return entry;
}

/**
 * Responses kept for one data version. A load, a revert or a RAG override changes the version (see
 * StoreReads.dataVersion), which empties the cache: a figure is never served stale, even when the change
 * came from the CLI in another process. Only successful responses are kept, so a request that hits the
 * cache is one whose exact URL was validated before.
 */
export class ResponseCache {
  private version = '';
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly limit = 2000) {}

  get(version: string, key: string): CachedResponse | undefined {
    this.sync(version);
    return this.entries.get(key);
  }

  set(version: string, key: string, entry: CachedResponse): void {
    this.sync(version);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  private sync(version: string): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }
}
