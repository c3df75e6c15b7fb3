import type { DfeSourceCheck, EesSource } from '@indicate/contracts';
import { DfeRefused } from './client.ts';
import { latestRelease, NotPullable, type DfeEndpoints, type HeldRelease } from './releases.ts';

/**
 * `pnpm cli dfe check` and the DfE data page's "Check now": for each DfE source (data/dfe/sources.yaml), the
 * release Indicate holds and the release DfE publishes now, from the statistics API (a data set's latest
 * version) or EES's data catalogue (whether the held file's release is still the latest). Asks, never loads.
 * DfE out of reach stops the check with one message (DfeUnreachable), since every other source would say the
 * same.
 */
export type SourceCheck = DfeSourceCheck;

export type Held = HeldRelease & { releaseTitle: string; pullId: number | null };

export async function checkSources(
  sources: readonly EesSource[],
  endpoints: DfeEndpoints,
  heldOf: (source: EesSource) => Held,
): Promise<SourceCheck[]> {
  const out: SourceCheck[] = [];
  for (const source of sources) {
    const held = heldOf(source);
    const row = {
      file: source.file,
      dataSet: source.dataSet,
      held:
        held.pullId === null
          ? `${held.releaseTitle}, as bundled`
          : `${held.releaseTitle} (${describeVersion(held)}), pulled`,
    };
    if (!source.apiDataSetId && !source.dataCatalogueId) {
      out.push({
        ...row,
        version: null,
        newer: false,
        published: "not yet found on EES: the data set's ids are still to be read from DfE's release page",
      });
      continue;
    }
    try {
      const latest = await latestRelease(source, held, endpoints);
      // The bundled file's API version is not known: its release's title is.
      const newer = held.pullId === null ? latest.releaseTitle !== held.releaseTitle : latest.version !== held.version;
      out.push({
        ...row,
        version: latest.version,
        newer,
        published: [
          latest.via === 'api'
            ? `version ${latest.version} (${latest.releaseTitle})`
            : `${latest.releaseTitle} (data catalogue)`,
          latest.published ? `published ${latest.published}` : null,
          newer ? 'newer than the release held: pull it to see what changed' : 'the release held',
          ...latest.notes,
        ]
          .filter(Boolean)
          .join(', '),
      });
    } catch (error) {
      if (!(error instanceof DfeRefused) && !(error instanceof NotPullable)) throw error;
      out.push({ ...row, version: null, newer: false, published: error.message });
    }
  }
  return out;
}

function describeVersion(held: Held): string {
  return held.via === 'api' ? `version ${held.version}` : 'data catalogue';
}

export function checkText(rows: readonly SourceCheck[], endpoints: DfeEndpoints): string {
  const lines = [`DfE's sources (data/dfe/sources.yaml), asked of ${endpoints.apiUrl} and ${endpoints.catalogueUrl}:`];
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
