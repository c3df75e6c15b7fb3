import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/**
 * The compare view's line chart, in its own module so recharts is loaded only when a chart is drawn. It is
 * an image with a text alternative; the page puts a table of the same numbers under it.
 */

export type CompareSeries = { key: string; name: string; isEngland: boolean };
export type ComparePoint = { label: string } & Record<string, number | string | null>;

/** Line colours with at least 3:1 contrast on white; past the tenth council they repeat with a dash. */
const COLOURS = [
  '#1d3f6e',
  '#b35900',
  '#00703c',
  '#912b88',
  '#b10e1e',
  '#005ea5',
  '#6f5500',
  '#28594e',
  '#d53880',
  '#4c2c92',
];
const ENGLAND = '#0b0c0c';

export default function CompareChart({
  points,
  series,
  format,
  description,
}: {
  points: ComparePoint[];
  series: CompareSeries[];
  format: (v: number) => string;
  description: string;
}) {
  let council = 0;
  // The legend wraps to a line or two on a wide screen and to one a line or so on a phone; the plot keeps
  // its height either way.
  const narrow = window.matchMedia('(max-width: 40rem)').matches;
  const height = narrow ? 240 + series.length * 26 : 320 + Math.ceil(series.length / 5) * 24;
  return (
    <div role="img" aria-label={description} className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 10, right: 30, bottom: 10, left: 0 }}>
          <CartesianGrid stroke="#dddddd" />
          <XAxis dataKey="label" tick={{ fill: '#0b0c0c' }} />
          <YAxis tickFormatter={(v: number) => format(v)} tick={{ fill: '#0b0c0c' }} width={70} />
          {/* In the table's order: the councils as chosen, then England. */}
          <Legend itemSorter={null} />
          {series.map((s) => {
            if (s.isEngland) {
              return (
                <Line
                  key={s.key}
                  name={s.name}
                  dataKey={s.key}
                  stroke={ENGLAND}
                  strokeWidth={2}
                  strokeDasharray="6 3"
                  dot={{ r: 2 }}
                  isAnimationActive={false}
                />
              );
            }
            const i = council++;
            return (
              <Line
                key={s.key}
                name={s.name}
                dataKey={s.key}
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={i === 0 ? 3 : 1.5}
                strokeDasharray={i >= COLOURS.length ? '2 2' : undefined}
                dot={{ r: i === 0 ? 3 : 2 }}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
