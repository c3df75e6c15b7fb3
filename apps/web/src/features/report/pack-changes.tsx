import type { PackChange } from '@indicate/contracts';

const WORDS: Record<PackChange['kind'], string> = {
  revised: 'Value revised',
  rag: 'RAG changed',
  new: 'New indicator',
  dropped: 'No longer reported',
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
            <td>{WORDS[c.kind]}</td>
            <td>{c.before ?? '–'}</td>
            <td>{c.after ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
