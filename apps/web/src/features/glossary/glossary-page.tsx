import { GLOSSARY } from '@indicate/core';
import { useTitle } from '../../lib/title.ts';

/** Every word the dashboard and the pack use, in plain English, each with its own address (#id). */
export function GlossaryPage() {
  useTitle('Glossary');
  return (
    <>
      <h1>Glossary</h1>
      <p>What the words on the scorecard, the indicator pages and the committee pack mean.</p>
      <dl className="glossary">
        {GLOSSARY.map((t) => (
          <div key={t.id} id={t.id} className="glossary__entry">
            <dt>{t.term}</dt>
            <dd>{t.definition}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
