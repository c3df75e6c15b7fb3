import type { Scorecard, ScorecardRow } from '@indicate/contracts';
import { quartileWords, WITHHELD, type Band } from '@indicate/core';
import { Link } from '@tanstack/react-router';
import { figureFormat, partsOf } from '../lib/figures.ts';
import { capitalise } from '../lib/words.ts';
import { DirectionText } from './direction-text.tsx';
import { Explain } from './explain.tsx';
import { RagCell } from './rag.tsx';
import { Sparkline } from './sparkline.tsx';

/**
 * Appendix A: one table per theme, each row an indicator with its value, direction, sparkline, RAG,
 * quartile and benchmarks. The scorecard page and the committee pack both show it.
 */
export function ScorecardTables({ card, within }: { card: Scorecard; within?: string }) {
  const themes: Array<{ id: string; label: string; rows: ScorecardRow[] }> = [];
  for (const row of card.rows) {
    let theme = themes.find((t) => t.id === row.indicator.theme);
    if (!theme) {
      theme = { id: row.indicator.theme, label: row.indicator.themeLabel, rows: [] };
      themes.push(theme);
    }
    theme.rows.push(row);
  }
  return (
    <>
      <BenchmarkYears card={card} />
      {themes.length === 0 && (
        <p className="notice">
          No indicator matches these filters for {card.period.label}.{' '}
          <Link to="/" search={{ la: card.la.code, period: card.period.id }}>
            Show every indicator
          </Link>
          .
        </p>
      )}
      {themes.map((theme) => {
        // Inside another part of a page (the pack's members-only annex) the themes are sub-headings, not
        // landmarks of their own: two "Child protection" regions on one page would be two of the same name.
        const Section = within ? 'div' : 'section';
        const Heading = within ? 'h3' : 'h2';
        const id = `${within ? `${within}-` : ''}theme-${theme.id}`;
        return (
          <Section key={theme.id} aria-labelledby={within ? undefined : id} className="theme">
            <Heading id={id}>{theme.label}</Heading>
            {/* On a phone each indicator is a card (the table below is for wider screens); one is shown. */}
            <ul className="scorecard-cards" aria-label={`${theme.label}: ${card.la.name}, ${card.period.label}`}>
              {theme.rows.map((row) => (
                <Card key={row.indicator.id} row={row} card={card} />
              ))}
            </ul>
            <div className="table-scroll scorecard-wide">
              <table className="data-table scorecard">
                <caption className="visually-hidden">
                  {theme.label}: {card.la.name}, {card.period.label}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Indicator</th>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col">
                      <Explain term="direction">Since previous</Explain>
                    </th>
                    <th scope="col">Last 8</th>
                    <th scope="col">
                      <Explain term="rag">RAG</Explain>
                    </th>
                    <th scope="col">
                      <Explain term="quartile">National quartile</Explain>
                    </th>
                    <th scope="col" className="num">
                      <Explain term="statistical-neighbours">Statistical neighbours</Explain>
                    </th>
                    <th scope="col" className="num">
                      <Explain term="england">England</Explain>
                    </th>
                    <th scope="col" className="num">
                      <Explain term="target">Target</Explain>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {theme.rows.map((row) => (
                    <Row key={row.indicator.id} row={row} card={card} />
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        );
      })}
      {card.notReported.length > 0 && (
        <details className="not-reported">
          <summary>
            {card.notReported.length} indicator{card.notReported.length === 1 ? ' has' : 's have'} no figure yet
          </summary>
          <ul>
            {card.notReported.map((n) => (
              <li key={n.indicator.id}>
                {n.indicator.label}: {n.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * Which DfE year the rows are benchmarked against, in words with its age, once per year: a councillor reads
 * at the top that the quarter is compared with 2024/25 because 2025/26 is not out yet.
 */
function BenchmarkYears({ card }: { card: Scorecard }) {
  const years = new Map<string, number>();
  for (const row of card.rows) {
    if (row.indicator.polarity === 'none' || row.assessment.quartile?.basis !== 'computed') continue;
    years.set(row.assessment.benchmarkLabel, (years.get(row.assessment.benchmarkLabel) ?? 0) + 1);
  }
  if (years.size === 0) return null;
  return (
    <div className="benchmark-years">
      <p>
        <Explain term="benchmark-year">Benchmark year</Explain>, for the indicators DfE publishes for every council:
      </p>
      <ul>
        {[...years].map(([label, count]) => (
          <li key={label}>
            {label} ({count} indicator{count === 1 ? '' : 's'})
          </li>
        ))}
      </ul>
    </div>
  );
}

function Missing({ children }: { children: string }) {
  return <span className="missing">{children}</span>;
}

/** Each cell's content, shared by the table row and the phone card. */
function cellsOf(row: ScorecardRow) {
  const a = row.assessment;
  const f = row.figure;
  const format = figureFormat(row.indicator);
  const parts = partsOf(f, row.indicator.unit);
  const benchmarkYear = a.benchmarkPeriod.label;
  return {
    period: (
      <>
        {f.period.label}
        {!row.isNew && <span className="parts"> (latest)</span>}
      </>
    ),
    value:
      f.value !== null ? (
        <>
          {format(f.value)}
          {parts && <span className="parts"> ({parts})</span>}
          {f.status === 'provisional' && <span className="parts"> provisional</span>}
          {f.smallNumber && <span className="parts"> small number</span>}
        </>
      ) : (
        <Missing>{f.symbolMeaning ? `Not shown: ${f.symbolMeaning}` : 'No value'}</Missing>
      ),
    direction: (
      <>
        <DirectionText direction={a.vsPrevious} />
        {/* "Not comparable" says why: no figure for the previous period, or the first of its kind. */}
        {a.vsPrevious.direction === null && (
          <span className="parts parts--wrap">
            {' '}
            ({a.vsPrevious.reason.replace(/^No direction: /, '').replace(/\.$/, '')})
          </span>
        )}
      </>
    ),
    sparkline: <Sparkline points={row.sparkline} format={(v) => format(v)} />,
    rag: <RagCell rag={a.rag} />,
    quartile: a.quartile ? (
      <>
        {capitalise(quartileWords(a.quartile.band as Band))}
        <span className="parts">
          {' '}
          ({a.quartile.basis === 'published' ? 'as published' : a.benchmarkLabel.split(';')[0]})
        </span>
      </>
    ) : (
      <Missing>
        {f.suppressed
          ? 'Not shown: small number'
          : row.indicator.polarity === 'none'
            ? 'Not ranked: neither higher nor lower is better'
            : `No benchmark for ${benchmarkYear}`}
      </Missing>
    ),
    neighbours:
      a.statNeighbours?.value != null ? (
        <>
          {format(a.statNeighbours.value)}
          <span className="parts">
            {' '}
            ({a.statNeighbours.basis === 'published' ? 'as published' : a.statNeighbours.period.label})
          </span>
        </>
      ) : (
        <Missing>
          {a.missing.statNeighbours === WITHHELD.neighbours
            ? 'Not shown: a neighbour’s figure is a small number'
            : `None for ${benchmarkYear}`}
        </Missing>
      ),
    // A council's count is not set against England's total (1,024 children against 81,770).
    england:
      row.indicator.unit === 'count' ? (
        <Missing>Not compared: a count</Missing>
      ) : a.england?.value != null ? (
        <>
          {format(a.england.value)}
          <span className="parts"> ({a.england.period.label})</span>
        </>
      ) : (
        <Missing>{`None for ${benchmarkYear}: no England figure is loaded for it`}</Missing>
      ),
    target: a.target ? format(a.target.value) : <Missing>None set</Missing>,
  };
}

function IndicatorLink({ row, card }: { row: ScorecardRow; card: Scorecard }) {
  return (
    <Link to="/indicators/$id" params={{ id: row.indicator.id }} search={{ la: card.la.code, period: card.period.id }}>
      {row.indicator.label}
    </Link>
  );
}

function Row({ row, card }: { row: ScorecardRow; card: Scorecard }) {
  const c = cellsOf(row);
  return (
    <tr>
      <th scope="row">
        <IndicatorLink row={row} card={card} />
      </th>
      <td>{c.period}</td>
      <td className="num">{c.value}</td>
      <td>{c.direction}</td>
      <td>{c.sparkline}</td>
      <td>{c.rag}</td>
      <td>{c.quartile}</td>
      <td className="num">{c.neighbours}</td>
      <td className="num">{c.england}</td>
      <td className="num">{c.target}</td>
    </tr>
  );
}

/** One indicator as a card, for a phone: the name, the value and RAG first, then how it compares. */
function Card({ row, card }: { row: ScorecardRow; card: Scorecard }) {
  const c = cellsOf(row);
  return (
    <li className="scorecard-card">
      <h3>
        <IndicatorLink row={row} card={card} />
      </h3>
      <p className="scorecard-card__headline">
        <span className="scorecard-card__value">{c.value}</span> {c.rag}
      </p>
      <dl>
        <div>
          <dt>Period</dt>
          <dd>{c.period}</dd>
        </div>
        <div>
          <dt>
            <Explain term="direction">Since previous</Explain>
          </dt>
          <dd>{c.direction}</dd>
        </div>
        <div>
          <dt>
            <Explain term="quartile">National quartile</Explain>
          </dt>
          <dd>{c.quartile}</dd>
        </div>
        <div>
          <dt>
            <Explain term="statistical-neighbours">Statistical neighbours</Explain>
          </dt>
          <dd>{c.neighbours}</dd>
        </div>
        <div>
          <dt>
            <Explain term="england">England</Explain>
          </dt>
          <dd>{c.england}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{c.target}</dd>
        </div>
      </dl>
    </li>
  );
}
