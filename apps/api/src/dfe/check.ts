import type { EesSource } from '@indicate/contracts';
import { DfeRefused, type DfeClient } from './client.ts';

/**
 * `pnpm cli dfe check`: for each DfE source (data/dfe/sources.yaml), the release Indicate holds and the
 * version DfE publishes now. Asks, never writes. A source with no statistics API id cannot be asked (the
 * data catalogue's CSV carries no version): it says so. DfE out of reach stops the check with one message
 * (DfeUnreachable), since every other source would say the same.
 */
export interface SourceCheck {
  file: string;
  dataSet: string | null;
  held: string;
  /** What DfE publishes now, in words, or why it cannot be asked. */
  published: string;
  /** The API's latest version, when asked. */
  version: string | null;
}

export async function checkSources(sources: readonly EesSource[], client: DfeClient): Promise<SourceCheck[]> {
  const out: SourceCheck[] = [];
  for (const source of sources) {
    const row = { file: source.file, dataSet: source.dataSet, held: `${source.release}, as bundled` };
    if (!source.apiDataSetId) {
      out.push({
        ...row,
        version: null,
        published: source.dataCatalogueId
          ? `not on DfE's statistics API (data catalogue ${source.dataCatalogueId} only): no version to ask for`
          : "not yet found on EES: the data set's ids are still to be read from DfE's release page",
      });
      continue;
    }
    try {
      const answer = await client.dataSet(source.apiDataSetId);
      const latest = answer?.dataSet.latestVersion;
      out.push({
        ...row,
        version: latest?.version ?? null,
        published: latest
          ? `version ${latest.version}, published ${latest.published.slice(0, 10)}, ${latest.timePeriods.start} to ${latest.timePeriods.end}${answer.dataSet.status === 'Published' ? '' : ` (${answer.dataSet.status.toLowerCase()})`}`
          : `no published version (${answer?.dataSet.status ?? 'unknown'})`,
      });
    } catch (error) {
      if (!(error instanceof DfeRefused)) throw error;
      out.push({ ...row, version: null, published: error.message });
    }
  }
  return out;
}

export function checkText(rows: readonly SourceCheck[], apiUrl: string): string {
  const lines = [`DfE's sources (data/dfe/sources.yaml), asked of ${apiUrl}:`];
  for (const r of rows) {
    lines.push(
      '',
      `  ${r.file}${r.dataSet ? ` (${r.dataSet})` : ''}`,
      `    held:      ${r.held}`,
      `    published: ${r.published}`,
    );
  }
  return lines.join('\n');
}
