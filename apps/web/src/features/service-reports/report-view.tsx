import type { ReportDocument, ReportTable } from '@indicate/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Explain } from '../../components/explain.tsx';
import { RagBadge } from '../../components/rag.tsx';
import { GLOSSARY } from '@indicate/core';

const TERMS = new Map(GLOSSARY.map((t) => [t.id, t.term]));
const SERIES_COLOURS = ['#1d70b8', '#d4351c', '#00703c'];

/**
 * A report document as the page shows it: a heading per section, its paragraphs, each table with a caption
 * (on a phone each row stacks, every value under its column's name), a chart beside a table where the report
 * draws one (the table holds the same numbers), and "What is this?" for the section's terms.
 */
export function ReportView({
  doc,
  level = 2,
  idPrefix = '',
}: {
  doc: ReportDocument;
  level?: 2 | 3 | 4;
  /** Told apart when one page shows the same report twice (a pack's paper and its annex). */
  idPrefix?: string;
}) {
  const Heading = (['h2', 'h3', 'h4'] as const)[level - 2]!;
  return (
    <>
      {doc.sections.map((section) => (
        // Not a landmark each: a pack shows several reports, whose sections share names ("Two years of quarters").
        <div key={section.id} className="report-section">
          <Heading id={`${idPrefix}section-${doc.report}-${level}-${section.id}`}>{section.heading}</Heading>
          {section.terms.length > 0 && (
            <p className="muted report-terms">
              Terms used:{' '}
              {section.terms.map((t, i) => (
                <span key={t}>
                  {i > 0 ? ', ' : ''}
                  <Explain term={t}>{TERMS.get(t) ?? t}</Explain>
                </span>
              ))}
            </p>
          )}
          {section.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {section.tables.map((table) => (
            <div key={table.id}>
              {table.chart && <ReportChart table={table} />}
              <ReportTableView table={table} />
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function ReportTableView({ table }: { table: ReportTable }) {
  return (
    <table className="data-table report-table">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" data-label={table.columns[i]}>
                  {cell.text}
                </th>
              ) : (
                <td key={i} data-label={table.columns[i]} className={cell.withheld ? 'muted' : undefined}>
                  {cell.rag ? <RagBadge status={cell.rag} label={cell.text} /> : cell.text}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The table's numbers as a chart; a withheld number is a gap, never a guess. Described in words for screen readers. */
function ReportChart({ table }: { table: ReportTable }) {
  const series = table.chart!.series;
  const data = table.rows.map((row) => ({
    x: row[0]!.text.replace(/ \(.*\)$/, ''),
    ...Object.fromEntries(series.map((s) => [table.columns[s]!, row[s]!.value ?? null])),
  }));
  const names = series.map((s) => table.columns[s]!);
  const description = `${table.caption}, as a chart: ${names.join(' and ')} for ${data[0]?.x} to ${data.at(-1)?.x}. The table below gives every number.`;
  const Chart = table.chart!.kind === 'bar' ? BarChart : LineChart;
  return (
    <div role="img" aria-label={description} className="chart">
      <ResponsiveContainer width="100%" height={260}>
        <Chart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {names.map((name, i) =>
            table.chart!.kind === 'bar' ? (
              <Bar key={name} dataKey={name} fill={SERIES_COLOURS[i]} isAnimationActive={false} />
            ) : (
              <Line
                key={name}
                dataKey={name}
                stroke={SERIES_COLOURS[i]}
                strokeWidth={2}
                strokeDasharray={i === 1 ? '6 3' : undefined}
                isAnimationActive={false}
                connectNulls={false}
              />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}
