/**
 * Serialised responses, kept for one data version. A load, a revert or a RAG override changes the
 * version (see StoreReads.dataVersion), which empties the cache: a figure is never served stale, even
 * when the change came from the CLI in another process.
 */
export class ResponseCache {
  private version = '';
  private readonly entries = new Map<string, string>();

  constructor(private readonly limit = 2000) {}

  get(version: string, key: string): string | undefined {
    this.sync(version);
    return this.entries.get(key);
  }

  set(version: string, key: string, body: string): void {
    this.sync(version);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, body);
  }

  private sync(version: string): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }
}
