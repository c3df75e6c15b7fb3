import type { PackChange } from '@indicate/contracts';

const WORDS: Record<PackChange['kind'], string> = {
  'new-figure': 'New figure for a later period',
  revised: 'Earlier figure revised',
  rag: 'RAG changed',
  missing: 'No figure this time (missing data, not a change in performance)',
  new: 'New indicator',
  dropped: 'No longer reported',
};

const VERDICT: Record<NonNullable<PackChange['verdict']>, string> = {
  better: 'better',
  worse: 'worse',
  similar: 'no change',
};

/** Revised values, RAG changes and new or dropped indicators, each with before and after. */
export function PackChanges({ changes }: { changes: PackChange[] }) {
  if (changes.length === 0) return <p>Nothing has changed.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Changes</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Change</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.indicatorId}-${c.kind}`}>
            <th scope="row">{c.label}</th>
            <td>
              {WORDS[c.kind]}
              {c.verdict ? `: ${VERDICT[c.verdict]}` : ''}
            </td>
            <td>{c.before ?? '–'}</td>
            <td>{c.after ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
