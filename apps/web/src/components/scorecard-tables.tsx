import type { Scorecard, ScorecardRow } from '@indicate/contracts';
import { quartileWords, WITHHELD, type Band } from '@indicate/core';
import { Link } from '@tanstack/react-router';
import { figureFormat, partsOf } from '../lib/figures.ts';
import { capitalise } from '../lib/words.ts';
import { DirectionText } from './direction-text.tsx';
import { RagCell } from './rag.tsx';
import { Sparkline } from './sparkline.tsx';

/**
 * Appendix A: one table per theme, each row an indicator with its value, direction, sparkline, RAG,
 * quartile and benchmarks. The scorecard page and the committee pack both show it.
 */
export function ScorecardTables({ card }: { card: Scorecard }) {
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
      {themes.length === 0 && (
        <p className="notice">
          No indicator matches these filters for {card.period.label}.{' '}
          <Link to="/" search={{ la: card.la.code, period: card.period.id }}>
            Show every indicator
          </Link>
          .
        </p>
      )}
      {themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`theme-${theme.id}`} className="theme">
          <h2 id={`theme-${theme.id}`}>{theme.label}</h2>
          <div className="table-scroll">
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
                  <th scope="col">Since previous</th>
                  <th scope="col">Last 8</th>
                  <th scope="col">RAG</th>
                  <th scope="col">National quartile</th>
                  <th scope="col" className="num">
                    Statistical neighbours
                  </th>
                  <th scope="col" className="num">
                    England
                  </th>
                  <th scope="col" className="num">
                    Target
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
        </section>
      ))}
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

function Missing({ children }: { children: string }) {
  return <span className="missing">{children}</span>;
}

function Row({ row, card }: { row: ScorecardRow; card: Scorecard }) {
  const a = row.assessment;
  const f = row.figure;
  const format = figureFormat(row.indicator);
  const parts = partsOf(f);
  const value =
    f.value !== null ? (
      <>
        {format(f.value)}
        {parts && <span className="parts"> ({parts})</span>}
        {f.status === 'provisional' && <span className="parts"> provisional</span>}
        {f.smallNumber && <span className="parts"> small number</span>}
      </>
    ) : (
      <Missing>{f.symbolMeaning ? `Not shown: ${f.symbolMeaning}` : 'No value'}</Missing>
    );
  const benchmarkYear = a.benchmarkPeriod.label;
  return (
    <tr>
      <th scope="row">
        <Link
          to="/indicators/$id"
          params={{ id: row.indicator.id }}
          search={{ la: card.la.code, period: card.period.id }}
        >
          {row.indicator.label}
        </Link>
      </th>
      <td>
        {f.period.label}
        {!row.isNew && <span className="parts"> (latest)</span>}
      </td>
      <td className="num">{value}</td>
      <td>
        <DirectionText direction={a.vsPrevious} />
      </td>
      <td>
        <Sparkline points={row.sparkline} format={(v) => format(v)} />
      </td>
      <td>
        <RagCell rag={a.rag} />
      </td>
      <td>
        {a.quartile ? (
          <>
            {capitalise(quartileWords(a.quartile.band as Band))}
            <span className="parts">
              {' '}
              ({a.quartile.basis === 'published' ? 'as published' : a.quartile.period.label})
            </span>
          </>
        ) : (
          <Missing>
            {f.suppressed
              ? 'Not shown: small number'
              : row.indicator.polarity === 'none'
                ? 'Not ranked'
                : `No benchmark for ${benchmarkYear}`}
          </Missing>
        )}
      </td>
      <td className="num">
        {a.statNeighbours?.value != null ? (
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
        )}
      </td>
      <td className="num">
        {a.england?.value != null ? (
          <>
            {format(a.england.value)}
            <span className="parts"> ({a.england.period.label})</span>
          </>
        ) : (
          <Missing>{`None for ${benchmarkYear}`}</Missing>
        )}
      </td>
      <td className="num">{a.target ? format(a.target.value) : <Missing>None set</Missing>}</td>
    </tr>
  );
}
