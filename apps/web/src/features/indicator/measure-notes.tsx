import type { IndicatorDetail } from '@indicate/contracts';
import { Fragment, type ReactNode } from 'react';

/**
 * What DfE's data dictionary says about a measure (methodology, where it explains it, its source), how the
 * council's own indicators get their national figures.
 */

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const BULLET = /^\s*[-*•]\s+/;

/**
 * Text as DfE writes it, in blocks: paragraphs are separated by a blank line, and lines (or paragraphs in a
 * row) that start with "- " make one list.
 */
export function blocksOf(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((line) => BULLET.test(line))) {
      const items = lines.map((line) => line.replace(BULLET, ''));
      const last = blocks.at(-1);
      if (last?.kind === 'list') last.items.push(...items);
      else blocks.push({ kind: 'list', items });
    } else {
      blocks.push({ kind: 'paragraph', text: lines.join(' ') });
    }
  }
  return blocks;
}

/** The web addresses in a sentence, as links. */
function linked(text: string): ReactNode {
  return text.split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:)])/).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="long-link">
        {part}
      </a>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

/** Paragraphs and lists; the first paragraph may be set apart (a definition's lead). */
export function TextBlocks({ text, firstClassName }: { text: string; firstClassName?: string }) {
  return (
    <>
      {blocksOf(text).map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{linked(item)}</li>
            ))}
          </ul>
        ) : (
          <p key={i} className={i === 0 ? firstClassName : undefined}>
            {linked(block.text)}
          </p>
        ),
      )}
    </>
  );
}

/** The facts beside the definition that come from DfE's dictionary: entries of the definition's list. */
export function MeasureFacts({ detail }: { detail: IndicatorDetail }) {
  return (
    <>
      {detail.origin === 'council' && detail.lait && (
        <div>
          <dt>National figures</dt>
          <dd>From DfE's LAIT measure “{detail.lait.label}”</dd>
        </div>
      )}
      {detail.sourceDetail && detail.sourceDetail !== 'NA' && (
        <div>
          <dt>DfE's source</dt>
          <dd className="long-text">{detail.sourceDetail}</dd>
        </div>
      )}
      {!detail.quartile && (
        <div>
          <dt>Quartiles</dt>
          <dd>DfE shows no quartiles for this measure</dd>
        </div>
      )}
    </>
  );
}

/** How DfE measures one of LAIT's measures, and where it explains it; nothing for the council's own. */
export function Methodology({ detail }: { detail: IndicatorDetail }) {
  if (!detail.methodology && !detail.link) return null;
  const host = detail.link ? hostOf(detail.link) : null;
  return (
    <section aria-labelledby="method-heading" className="methodology">
      <h2 id="method-heading">How it is measured</h2>
      {detail.methodology && <TextBlocks text={detail.methodology} />}
      {detail.link && (
        <p>
          <a href={detail.link}>Where DfE explains it</a>
          {host && <span className="muted"> (on {host})</span>}
        </p>
      )}
    </section>
  );
}

function hostOf(link: string): string | null {
  try {
    return new URL(link).host;
  } catch {
    return null;
  }
}
