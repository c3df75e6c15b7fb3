import { BreakdownSection } from './breakdowns.tsx';
import {
  may,
  type AssessmentOut,
  type IndicatorDetail,
  type Neighbours,
  type ScorecardRow,
  type Series,
} from '@indicate/contracts';
import { formatChange, parsePeriodId, periodId, previousPeriod, type PeriodKind } from '@indicate/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense, useId, useState } from 'react';
import { useIndicator } from '../../api/indicator.ts';
import { useIndicatorFigure } from '../../api/indicator-figure.ts';
import { useNeighbours } from '../../api/neighbours.ts';
import { useSeries } from '../../api/series.ts';
import { useSession } from '../../api/session.ts';
import { DirectionText } from '../../components/direction-text.tsx';
import { QuartileBand } from '../../components/quartile-band.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { RagCell } from '../../components/rag.tsx';
import { hasEveryCouncil } from '../../lib/every-council.ts';
import { figureFormat, partsOf, sourceWords } from '../../lib/figures.ts';
import { useTitle } from '../../lib/title.ts';
import { useZeroAxis, ZeroAxisOption } from './axis-option.tsx';
import type { NeighbourBar, TrendPoint } from './charts.tsx';
import { Judgements } from './judgements.tsx';
import { MeasureFacts, Methodology, TextBlocks } from './measure-notes.tsx';

const TrendChart = lazy(() => import('./charts.tsx'));
const NeighbourChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.NeighbourChart })));

const route = getRouteApi('/indicators/$id');

export function IndicatorPage() {
  const { id } = route.useParams();
  const { period } = route.useSearch();
  // The council (the address's, else the home council) and the period to judge: the one in the address,
  // or else the council's latest, which the loader found.
  const { figurePeriod, la } = route.useLoaderData();
  const indicator = useIndicator(id);
  // The figure the page judges: the server's latest by the period's end (in the scorecard set or not).
  const figure = useIndicatorFigure(id, la, figurePeriod);
  useTitle(indicator.data?.label ?? 'Indicator');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/" search={{ la, period }}>
          Back to the scorecard
        </Link>
      </p>
      <QueryState query={indicator} what="indicator">
        {(detail) => {
          const row = figure.data?.row ?? undefined;
          return (
            <>
              <h1>{detail.label}</h1>
              <Definition detail={detail} />
              {figurePeriod === null ? (
                <p className="notice">This council has no figures loaded yet.</p>
              ) : (
                <QueryState query={figure} what="latest figure">
                  {(data) =>
                    data.row ? (
                      <>
                        <HowAreWeDoing row={data.row} councilName={data.la.name} />
                        <Judgements row={data.row} la={la} />
                      </>
                    ) : (
                      <p className="notice">{data.reason}</p>
                    )
                  }
                </QueryState>
              )}
              <BreakdownSection id={id} la={la} period={row?.figure.period.id ?? figurePeriod} />
              <Trend id={id} la={la} detail={detail} row={row} />
              <NeighbourComparison id={id} la={la} period={period} detail={detail} />
              <Methodology detail={detail} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function Definition({ detail }: { detail: IndicatorDetail }) {
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading" className="visually-hidden">
        About this indicator
      </h2>
      <TextBlocks text={detail.definition} firstClassName="lead" />
      {detail.whyItMatters && (
        <p>
          <strong>Why it matters:</strong> {detail.whyItMatters}
        </p>
      )}
      <dl className="facts facts--inline">
        <div>
          <dt>Which way is good</dt>
          <dd>{detail.polarityText}</dd>
        </div>
        <div>
          <dt>Theme</dt>
          <dd>{detail.themeLabel}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            {detail.source}
            {detail.dfe ? '; national figures from DfE' : ''}
          </dd>
        </div>
        <MeasureFacts detail={detail} />
      </dl>
      {detail.dfe?.note && <p className="muted">{detail.dfe.note}</p>}
    </section>
  );
}

function HowAreWeDoing({ row, councilName }: { row: ScorecardRow; councilName: string }) {
  const format = figureFormat(row.indicator);
  // Analysts (who load figures) see the loader's references; everyone else sees where a figure comes from.
  const analyst = may(useSession().user?.role, 'load');
  const a = row.assessment;
  const f = row.figure;
  const change = (d: AssessmentOut['vsPrevious']) =>
    d.change !== null ? ` (${formatChange(d.change, row.indicator.unit, row.indicator.decimals)})` : '';
  return (
    <section aria-labelledby="now-heading" className="panel">
      <h2 id="now-heading">How are we doing: {f.period.label}</h2>
      <p className="big-figure">
        {f.value !== null ? format(f.value) : `No value: ${f.symbolMeaning ?? 'not available'}`}
        {partsOf(f, row.indicator.unit) && <span className="parts"> {partsOf(f, row.indicator.unit)}</span>}
        {f.status === 'provisional' && <span className="parts"> (provisional)</span>}
      </p>
      <dl className="facts">
        <div>
          <dt>RAG</dt>
          <dd>
            <RagCell rag={a.rag} />
            <p>
              {a.rag.override ? `Override: ${a.rag.override.reason} (${a.rag.override.by})` : a.rag.proposed.reason}
            </p>
            {a.rag.override && <p className="muted">Proposed by the rule: {a.rag.proposed.reason}</p>}
            <p className="muted">{a.rag.proposed.ruleText}</p>
          </dd>
        </div>
        <div>
          <dt>Getting better?</dt>
          <dd>
            <p>
              Since {a.vsPrevious.against.label}: <DirectionText direction={a.vsPrevious} />
              {change(a.vsPrevious)}
              {a.vsPrevious.direction === null && <span className="muted"> ({a.vsPrevious.reason})</span>}
            </p>
            {/* For a yearly figure the previous period is the same period last year: said once. */}
            {a.vsLastYear.against.id !== a.vsPrevious.against.id && (
              <p>
                Since {a.vsLastYear.against.label}: <DirectionText direction={a.vsLastYear} />
                {change(a.vsLastYear)}
                {a.vsLastYear.direction === null && <span className="muted"> ({a.vsLastYear.reason})</span>}
              </p>
            )}
          </dd>
        </div>
        <div>
          <dt>Compared with similar councils and England</dt>
          <dd>
            <p>
              Statistical neighbours:{' '}
              {a.statNeighbours?.value != null
                ? `${format(a.statNeighbours.value)} (${a.statNeighbours.basis === 'published' ? 'as published' : `${a.statNeighbours.method} of ${a.statNeighbours.used.length}, ${a.statNeighbours.period.label}`})`
                : (a.missing.statNeighbours ?? 'not available')}
            </p>
            <p>
              England:{' '}
              {a.england?.value != null
                ? `${format(a.england.value)} (${a.england.period.label})`
                : (a.missing.england ?? 'not available')}
            </p>
            <p className="muted">{a.benchmarkRule}</p>
          </dd>
        </div>
        <div>
          <dt>What success looks like</dt>
          <dd>
            {a.target ? (
              <>
                <p>
                  {a.target.words}
                  {a.target.setFor ? ` (set for ${a.target.setFor}, applying until a new target replaces it)` : ''}.
                </p>
                {a.rag.proposed.rule === 'benchmark' && (
                  <p className="muted">
                    The RAG comes from the benchmark key ({a.rag.proposed.label}), not from the target.
                  </p>
                )}
              </>
            ) : (
              <p>{a.missing.target ?? 'No target set.'}</p>
            )}
            <p className="muted">{row.indicator.polarity === 'none' ? 'Reported for context.' : ''}</p>
          </dd>
        </div>
      </dl>
      {a.quartile ? (
        <QuartileBand
          quartile={a.quartile}
          format={format}
          councilName={councilName}
          unit={row.indicator.unit}
          decimals={row.indicator.decimals}
        />
      ) : (
        <p>{a.missing.quartile}</p>
      )}
      {/* The loader's note and reference (file and line) are for analysts; councillors see where it comes from. */}
      {analyst && f.note && (
        <p>
          <strong>Analyst&apos;s note on the data:</strong> {f.note}
        </p>
      )}
      <p className="muted">Source: {analyst ? f.sourceRef : sourceWords(f.sourceRef, f.period.label)}</p>
    </section>
  );
}

function Trend({
  id,
  la,
  detail,
  row,
}: {
  id: string;
  la: string;
  detail: IndicatorDetail;
  row: ScorecardRow | undefined;
}) {
  const series = useSeries(id, la);
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">Over time</h2>
      <QueryState query={series} what="series">
        {(data) => (
          <TrendKinds series={data} detail={detail} preferred={row?.figure.period.kind ?? detail.periodType} />
        )}
      </QueryState>
    </section>
  );
}

const KIND_WORDS: Record<string, string> = {
  'financial-quarter': 'Quarters',
  'financial-year': 'Years (April to March)',
  'calendar-year': 'Calendar years',
  'academic-year': 'Academic years',
  month: 'Months',
  'three-financial-years': 'Three-year periods (April to March)',
  'three-calendar-years': 'Three-year periods (calendar years)',
};

/** The series has one kind of period per chart; when there are several (the council's quarters and DfE's years), a choice. */
function TrendKinds({ series, detail, preferred }: { series: Series; detail: IndicatorDetail; preferred: string }) {
  // The kind with most points first (the council's quarters, or DfE's years when they are the longer run).
  const count = (k: string) => series.points.filter((p) => p.figure.period.kind === k).length;
  const kinds = [...new Set(series.points.map((p) => p.figure.period.kind))].sort((a, b) => count(b) - count(a));
  const [kind, setKind] = useState(kinds[0] ?? preferred);
  const name = useId();
  return (
    <>
      {kinds.length > 1 && (
        <fieldset className="kind-choice">
          <legend>Show</legend>
          {kinds.map((k) => (
            <div key={k} className="control--check">
              <input
                type="radio"
                id={`${name}-${k}`}
                name={name}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <label htmlFor={`${name}-${k}`}>
                {KIND_WORDS[k] ?? k} ({series.points.filter((p) => p.figure.period.kind === k).length})
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <TrendBody series={series} detail={detail} kind={kind} />
    </>
  );
}

/** Whether `later` is the period straight after `earlier` (Q4 2017/18 then Q1 2018/19). */
function followsOn(earlier: { id: string; kind: string }, later: { id: string; kind: string }): boolean {
  const parsed = parsePeriodId(later.id, later.kind as PeriodKind);
  return parsed.ok && periodId(previousPeriod(parsed.period)) === earlier.id;
}

function TrendBody({ series, detail, kind }: { series: Series; detail: IndicatorDetail; kind: string }) {
  const format = figureFormat(detail);
  const zero = useZeroAxis();
  const points = series.points.filter((p) => p.figure.period.kind === kind);
  if (points.length === 0) return <p>No figures of this kind are loaded yet.</p>;
  // Periods that do not follow one another (quarters years apart) are not joined: a gap point breaks the lines.
  const trend: TrendPoint[] = points.flatMap((p, i) => {
    const point: TrendPoint = {
      label: p.figure.period.label,
      council: p.figure.value,
      provisional: p.figure.status === 'provisional',
      target: p.assessment.target?.value ?? null,
      neighbours: p.assessment.statNeighbours?.value ?? null,
      england: p.assessment.england?.value ?? null,
    };
    const before = points[i - 1];
    if (!before || followsOn(before.figure.period, p.figure.period)) return [point];
    const gap: TrendPoint = {
      label: '…',
      council: null,
      provisional: false,
      target: null,
      neighbours: null,
      england: null,
    };
    return [gap, point];
  });
  const first = points[0]!.figure.period.label;
  const last = points[points.length - 1]!;
  const description = `Line chart of ${series.la.name}'s ${detail.shortLabel.toLowerCase()} from ${first} to ${last.figure.period.label}, latest ${format(last.figure.value) || 'not available'}, with target, statistical neighbours and England where available${trend.some((t) => t.provisional) ? '; provisional values are hollow points' : ''}.${zero ? '' : ' The value axis does not start at zero.'} The table below gives every value.`;
  return (
    <>
      <p className="muted">
        Benchmarks for each period are for the latest DfE year that had ended by then, shown beside each value.
        Statistical neighbours: {series.method} of the ten.
      </p>
      <ZeroAxisOption />
      <Suspense fallback={<p role="status">Drawing the chart…</p>}>
        <TrendChart
          points={trend}
          councilName={series.la.name}
          format={(v) => format(v)}
          description={description}
          zero={zero}
        />
      </Suspense>
      <ScrollRegion label={`${detail.shortLabel}: ${series.la.name}, with benchmarks`}>
        <table className="data-table">
          <caption>
            {detail.shortLabel}: {series.la.name}, with benchmarks
          </caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                {series.la.name}
              </th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col" className="num">
                Statistical neighbours
              </th>
              <th scope="col" className="num">
                England
              </th>
              <th scope="col">RAG</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => {
              const a = p.assessment;
              return (
                <tr key={p.figure.period.id}>
                  <th scope="row">{p.figure.period.label}</th>
                  <td className="num">
                    {p.figure.value !== null ? format(p.figure.value) : (p.figure.symbolMeaning ?? 'No value')}
                    {p.figure.status === 'provisional' && ' (provisional)'}
                  </td>
                  <td className="num">{a.target ? format(a.target.value) : '–'}</td>
                  <td className="num">
                    {a.statNeighbours?.value != null
                      ? `${format(a.statNeighbours.value)} (${a.statNeighbours.basis === 'published' ? 'as published' : a.statNeighbours.period.label})`
                      : '–'}
                  </td>
                  <td className="num">
                    {a.england?.value != null ? `${format(a.england.value)} (${a.england.period.label})` : '–'}
                  </td>
                  <td>
                    <RagCell rag={a.rag} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function NeighbourComparison({
  id,
  la,
  period,
  detail,
}: {
  id: string;
  la: string;
  period: string | undefined;
  detail: IndicatorDetail;
}) {
  const neighbours = useNeighbours(id, la, period);
  return (
    <section aria-labelledby="neighbours-heading">
      <h2 id="neighbours-heading">Compared with similar councils</h2>
      {hasEveryCouncil(detail) && (
        <p>
          <Link to="/all-councils" search={{ indicator: id, la }}>
            See every council&rsquo;s figure
          </Link>
        </p>
      )}
      <QueryState query={neighbours} what="statistical neighbours">
        {(data) => <NeighbourBody data={data} detail={detail} />}
      </QueryState>
    </section>
  );
}

function NeighbourBody({ data, detail }: { data: Neighbours; detail: IndicatorDetail }) {
  const format = figureFormat(detail);
  const councilValue = data.selfAtBenchmark?.value ?? null;
  const bars: NeighbourBar[] = [
    ...data.neighbours
      .filter((n) => n.value !== null)
      .map((n) => ({ name: n.name, value: n.value!, kind: 'neighbour' as const })),
    ...(councilValue !== null
      ? [{ name: `${data.la.name} (this council)`, value: councilValue, kind: 'council' as const }]
      : []),
    ...(data.england?.value != null ? [{ name: 'England', value: data.england.value, kind: 'england' as const }] : []),
  ];
  // Best first: lower is better puts the smallest first; otherwise the largest.
  bars.sort((x, y) => (detail.polarity === 'low' ? x.value - y.value : y.value - x.value));
  if (data.neighbours.every((n) => n.value === null)) {
    return (
      <p>
        No all-council figures are loaded for {data.benchmarkPeriod.label}, so the neighbours cannot be compared one by
        one.
        {data.aggregate.value !== null && ` The published neighbour average is ${format(data.aggregate.value)}.`}
      </p>
    );
  }
  const description = `Bar chart of ${detail.shortLabel.toLowerCase()} in ${data.benchmarkPeriod.label} for ${data.la.name}, its ten statistical neighbours and England, best first. The table below gives every value.`;
  return (
    <>
      <p className="muted">
        {data.benchmarkPeriod.longLabel}; DfE's {data.modelYear} statistical-neighbour model. Neighbour {data.method}:{' '}
        {format(data.aggregate.value) || data.aggregate.reason}.
      </p>
      <Suspense fallback={<p role="status">Drawing the chart…</p>}>
        <NeighbourChart bars={bars} format={(v) => format(v)} description={description} />
      </Suspense>
      <ScrollRegion label={`${detail.shortLabel}, ${data.benchmarkPeriod.label}: neighbours and England`}>
        <table className="data-table">
          <caption>
            {detail.shortLabel}, {data.benchmarkPeriod.label}: {data.la.name}, its statistical neighbours and England
          </caption>
          <thead>
            <tr>
              <th scope="col">Council</th>
              <th scope="col">Closeness</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="highlight">
              <th scope="row">{data.la.name} (this council)</th>
              <td>–</td>
              <td className="num">{councilValue !== null ? format(councilValue) : 'Not loaded for this year'}</td>
            </tr>
            {data.neighbours.map((n) => (
              <tr key={n.code}>
                <th scope="row">{n.name}</th>
                <td>{n.closeness}</td>
                <td className="num">{n.value !== null ? format(n.value) : (n.reason ?? 'No value')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Statistical neighbours ({data.method})</th>
              <td>–</td>
              <td className="num">{format(data.aggregate.value) || data.aggregate.reason}</td>
            </tr>
            <tr>
              <th scope="row">England</th>
              <td>–</td>
              <td className="num">{data.england?.value != null ? format(data.england.value) : 'Not loaded'}</td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
