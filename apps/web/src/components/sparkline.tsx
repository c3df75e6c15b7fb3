import type { ScorecardRow } from '@indicate/contracts';

/** A tiny trend line; its text alternative lists the same values. */
export function Sparkline({ points, format }: { points: ScorecardRow['sparkline']; format: (v: number) => string }) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const description =
    points.length === 0
      ? 'No earlier values'
      : `Last ${points.length} values: ${points.map((p) => `${p.label} ${p.value === null ? 'no value' : format(p.value)}`).join(', ')}`;
  if (values.length < 2) {
    return (
      <span className="muted">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{points.length === 1 ? 'Only one value so far' : 'No values'}</span>
      </span>
    );
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = 80;
  const height = 24;
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * (width - 4) + 2);
  const y = (v: number) => (max === min ? height / 2 : height - 3 - ((v - min) / (max - min)) * (height - 6));
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const last = points[points.length - 1]!;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={description}
    >
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.5" />
      {last.value !== null && <circle cx={x(points.length - 1)} cy={y(last.value)} r="2.5" fill="currentColor" />}
    </svg>
  );
}
