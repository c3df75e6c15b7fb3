import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * The charts, in their own module so recharts is loaded only on an indicator page. Each chart is an image
 * with a text alternative; the page puts a table of the same numbers under it.
 */

export type TrendPoint = {
  label: string;
  council: number | null;
  target: number | null;
  neighbours: number | null;
  england: number | null;
  /** Drawn as a hollow point, and said in the table and the description. */
  provisional: boolean;
};

/** The council's points: filled when final, hollow when provisional. */
function CouncilDot(props: { cx?: number; cy?: number; payload?: TrendPoint }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || payload?.council == null) return null;
  return payload.provisional ? (
    <circle cx={cx} cy={cy} r={5} fill="#ffffff" stroke={COLOURS.council} strokeWidth={2} />
  ) : (
    <circle cx={cx} cy={cy} r={4} fill={COLOURS.council} />
  );
}

const COLOURS = { council: '#1d3f6e', target: '#0b0c0c', neighbours: '#b35900', england: '#505a5f' };

export default function TrendChart({
  points,
  councilName,
  format,
  description,
  zero = true,
}: {
  points: TrendPoint[];
  councilName: string;
  format: (v: number) => string;
  description: string;
  /** The value axis from zero (or below, for negative figures); otherwise fitted to the figures. */
  zero?: boolean;
}) {
  const has = (key: keyof TrendPoint) => points.some((p) => p[key] !== null);
  return (
    <div role="img" aria-label={description} className="chart">
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={points} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid stroke="#dddddd" />
          <XAxis dataKey="label" tick={{ fill: '#0b0c0c' }} />
          <YAxis
            tickFormatter={(v: number) => format(v)}
            tick={{ fill: '#0b0c0c' }}
            width={80}
            domain={zero ? [0, 'auto'] : ['auto', 'auto']}
          />
          <Legend />
          <Line
            name={councilName}
            dataKey="council"
            stroke={COLOURS.council}
            strokeWidth={3}
            dot={<CouncilDot />}
            isAnimationActive={false}
            connectNulls={false}
          />
          {has('target') && (
            <Line
              name="Target"
              dataKey="target"
              stroke={COLOURS.target}
              strokeDasharray="2 4"
              dot={{ r: 3, strokeWidth: 2 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          )}
          {has('neighbours') && (
            <Line
              name="Statistical neighbours"
              dataKey="neighbours"
              stroke={COLOURS.neighbours}
              strokeDasharray="8 4"
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          )}
          {has('england') && (
            <Line
              name="England"
              dataKey="england"
              stroke={COLOURS.england}
              strokeDasharray="3 3"
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export type NeighbourBar = { name: string; value: number; kind: 'council' | 'england' | 'neighbour' };

export function NeighbourChart({
  bars,
  format,
  description,
}: {
  bars: NeighbourBar[];
  format: (v: number) => string;
  description: string;
}) {
  return (
    <div role="img" aria-label={description} className="chart">
      <ResponsiveContainer width="100%" height={Math.max(240, bars.length * 30 + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 5, right: 60, bottom: 5, left: 10 }}>
          <CartesianGrid stroke="#dddddd" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => format(v)} tick={{ fill: '#0b0c0c' }} />
          <YAxis type="category" dataKey="name" width={170} tick={{ fill: '#0b0c0c' }} />
          <Bar dataKey="value" isAnimationActive={false}>
            {bars.map((bar) => (
              <Cell
                key={bar.name}
                fill={bar.kind === 'council' ? COLOURS.council : bar.kind === 'england' ? '#ffffff' : '#8eb8dc'}
                stroke={bar.kind === 'england' ? '#0b0c0c' : COLOURS.council}
                strokeWidth={bar.kind === 'neighbour' ? 0 : 2}
              />
            ))}
            <LabelList dataKey="value" position="right" formatter={(v: unknown) => format(Number(v))} fill="#0b0c0c" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
