import type { Scorecard, ScorecardRow, Summary } from '@indicate/contracts';
import { BENCHMARK_KEY, formatFigure, quartileWords, WITHHELD, type Band, type Unit } from '@indicate/core';
import { useEffect, useId } from 'react';
import { DirectionText, QueryState, RagCell, RagKey } from '../../components/status.tsx';
import { Sparkline } from '../../components/sparkline.tsx';
import { Link, navigate, withQuery, type Location } from '../../lib/router.tsx';
import { useLocalAuthorities, usePeriods, useScorecard, useSummary, useThemes, type ScorecardFilters } from './api.ts';

/** The council the dashboard opens on: the one whose committee papers are bundled. */
export const DEFAULT_LA = '855';

export function filtersFrom(location: Location): ScorecardFilters {
  const s = location.search;
  return {
    la: s.get('la') ?? DEFAULT_LA,
    period: s.get('period') ?? undefined,
    theme: s.get('theme') ?? undefined,
    exceptions: s.get('rag') === 'exceptions',
    newOnly: s.get('new') === 'true',
  };
}

function pageUrl(f: ScorecardFilters): string {
  return withQuery('/', {
    la: f.la,
    period: f.period,
    theme: f.theme,
    rag: f.exceptions ? 'exceptions' : undefined,
    new: f.newOnly ? 'true' : undefined,
  });
}

export function indicatorUrl(id: string, la: string, period: string | undefined): string {
  return withQuery(`/indicators/${id}`, { la, period });
}

export function fmt(row: { indicator: { unit: string; decimals: number } }, value: number | null): string {
  return formatFigure(value, row.indicator.unit as Unit, row.indicator.decimals);
}

export function ScorecardPage({ location }: { location: Location }) {
  const filters = filtersFrom(location);
  const periods = usePeriods(filters.la);
  const latest = periods.data?.latest?.id;
  // The council's latest period is the default; it goes into the URL so the page can be shared.
  useEffect(() => {
    if (!filters.period && latest) navigate(pageUrl({ ...filters, period: latest }), { replace: true });
  }, [filters, latest]);
  const card = useScorecard(filters);
  const summary = useSummary(filters.la, filters.period);
  const change = (next: Partial<ScorecardFilters>) => navigate(pageUrl({ ...filters, ...next }));

  const heading = card.data
    ? `${card.data.la.name}: ${card.data.period.label}`
    : periods.data
      ? `${periods.data.la.name}`
      : 'Performance scorecard';
  useEffect(() => {
    document.title = `Scorecard, ${heading}: Indicate`;
  }, [heading]);

  return (
    <>
      <h1>
        <span className="h1-kicker">Performance scorecard</span> {heading}
      </h1>
      <Controls filters={filters} change={change} />
      {filters.period && (
        <p>
          <Link href={`/reports/${filters.la}/${filters.period}`}>Committee pack for this period</Link>
        </p>
      )}
      {periods.isError && (
        <div role="alert" className="notice notice--error">
          <p>The periods for this council could not be loaded: {periods.error.message}</p>
          <button type="button" onClick={() => void periods.refetch()}>
            Try again
          </button>
        </div>
      )}
      {periods.data && periods.data.periods.length === 0 && (
        <p className="notice">
          {periods.data.la.name} has no figures loaded yet. Analysts can load them on the Load data page.
        </p>
      )}
      {filters.period && (
        <>
          <QueryState query={summary} what="overview">
            {(data) => <Headline summary={data} />}
          </QueryState>
          <QueryState query={card} what="scorecard">
            {(data) => <ScorecardTables card={data} filters={filters} />}
          </QueryState>
        </>
      )}
    </>
  );
}

function Controls({
  filters,
  change,
}: {
  filters: ScorecardFilters;
  change: (next: Partial<ScorecardFilters>) => void;
}) {
  const las = useLocalAuthorities();
  const periods = usePeriods(filters.la);
  const id = useId();
  const themes = useThemes();
  return (
    <form className="controls" aria-label="Choose what the scorecard shows" onSubmit={(e) => e.preventDefault()}>
      <div className="control">
        <label htmlFor={`${id}-la`}>Council</label>
        <select id={`${id}-la`} value={filters.la} onChange={(e) => change({ la: e.target.value, period: undefined })}>
          {(las.data?.localAuthorities ?? [{ code: filters.la, name: filters.la }]).map((la) => (
            <option key={la.code} value={la.code}>
              {la.name}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={filters.period ?? ''} onChange={(e) => change({ period: e.target.value })}>
          {!filters.period && <option value="">Latest</option>}
          {periods.data?.periods.map((p) => (
            <option key={`${p.kind}-${p.id}`} value={p.id}>
              {p.label} ({p.indicators} indicator{p.indicators === 1 ? '' : 's'})
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={filters.theme ?? ''}
          onChange={(e) => change({ theme: e.target.value || undefined })}
        >
          <option value="">All themes</option>
          {(themes.data ?? []).map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.label}
            </option>
          ))}
        </select>
      </div>
      <div className="control control--check">
        <input
          id={`${id}-exceptions`}
          type="checkbox"
          checked={filters.exceptions}
          onChange={(e) => change({ exceptions: e.target.checked })}
        />
        <label htmlFor={`${id}-exceptions`}>Exceptions only (amber and red)</label>
      </div>
      <div className="control control--check">
        <input
          id={`${id}-new`}
          type="checkbox"
          checked={filters.newOnly}
          onChange={(e) => change({ newOnly: e.target.checked })}
        />
        <label htmlFor={`${id}-new`}>New data this period only</label>
      </div>
    </form>
  );
}

function Headline({ summary }: { summary: Summary }) {
  const d = summary.direction;
  const q = summary.quartiles;
  const r = summary.rag;
  return (
    <section aria-labelledby="overview-heading" className="headline">
      <h2 id="overview-heading">Overview</h2>
      <p>{summary.sentence}</p>
      <details className="rag-key-details">
        <summary>What the RAG statuses mean</summary>
        <RagKey rag={BENCHMARK_KEY} />
        <p>
          Indicators judged against a target are green at or better than it, amber within its tolerance and red beyond
          it; each indicator page states its rule. A head of service may override a status with a reason; both are
          shown.
        </p>
      </details>
      <dl className="headline__counts">
        <div>
          <dt>Improved</dt>
          <dd>{d.improved}</dd>
        </div>
        <div>
          <dt>Similar</dt>
          <dd>{d.similar}</dd>
        </div>
        <div>
          <dt>Declined</dt>
          <dd>{d.declined}</dd>
        </div>
        <div>
          <dt>No polarity</dt>
          <dd>{d.noPolarity}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd>{d.new}</dd>
        </div>
        <div>
          <dt>Green / amber / red</dt>
          <dd>
            {r.green} / {r.amber} / {r.red}
          </dd>
        </div>
        <div>
          <dt>Quartiles: top / 2nd / 3rd / 4th</dt>
          <dd>
            {q.top} / {q.second} / {q.third} / {q.fourth}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function ScorecardTables({ card, filters }: { card: Scorecard; filters: ScorecardFilters }) {
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
          <Link href={pageUrl({ la: filters.la, period: filters.period, exceptions: false, newOnly: false })}>
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
  const value =
    f.value !== null ? (
      <>
        {fmt(row, f.value)}
        {f.numerator !== null && f.denominator !== null && (
          <span className="parts">
            {' '}
            ({f.numerator.toLocaleString('en-GB')} of {f.denominator.toLocaleString('en-GB')})
          </span>
        )}
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
        <Link href={indicatorUrl(row.indicator.id, card.la.code, card.period.id)}>{row.indicator.label}</Link>
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
        <Sparkline points={row.sparkline} format={(v) => fmt(row, v)} />
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
            {fmt(row, a.statNeighbours.value)}
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
            {fmt(row, a.england.value)}
            <span className="parts"> ({a.england.period.label})</span>
          </>
        ) : (
          <Missing>{`None for ${benchmarkYear}`}</Missing>
        )}
      </td>
      <td className="num">{a.target ? fmt(row, a.target.value) : <Missing>None set</Missing>}</td>
    </tr>
  );
}

function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
