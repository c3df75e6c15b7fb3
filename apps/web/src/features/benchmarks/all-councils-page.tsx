import type { AllCouncils, AllCouncilsRow } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useLocation } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { allCouncilsUrl, useAllCouncils } from '../../api/all-councils.ts';
import { indicatorsQuery } from '../../api/indicators.ts';
import { useLocalAuthorities } from '../../api/local-authorities.ts';
import { useSession } from '../../api/session.ts';
import { councilLabels, CouncilSelect } from '../../components/council-select.tsx';
import { MeasureSelect } from '../../components/measure-select.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { SortHeader } from '../../components/sort-header.tsx';
import { hasEveryCouncil } from '../../lib/every-council.ts';
import { figureFormat } from '../../lib/figures.ts';
import { useCouncilCode } from '../../lib/home-council.ts';
import { useTitle } from '../../lib/title.ts';
import { capitalise } from '../../lib/words.ts';
import { AllCouncilsSearchSchema, compareSearch, withNeighbours, type AllCouncilsSearch } from './routing.ts';
import {
  comparatorText,
  cutPointSentence,
  markWords,
  quartileText,
  rowValueText,
  sortRows,
  sortWords,
  type Sort,
  type SortKey,
} from './words.ts';

const route = getRouteApi('/all-councils');

/** LAIT's all-councils view: every council's value of one measure in one year, the chosen council marked. */
export function AllCouncilsPage() {
  const address = route.useSearch();
  const la = useCouncilCode(address.la);
  const navigate = route.useNavigate();
  // The controls show a choice at once: the address changes before the figures for it have loaded.
  const chosen =
    useLocation({
      select: (location) =>
        location.pathname === '/all-councils' ? AllCouncilsSearchSchema.safeParse(location.search).data : undefined,
    }) ?? address;
  const list = useQuery(indicatorsQuery);
  const indicator = address.indicator;
  const view = useAllCouncils({ indicator: indicator ?? '', period: address.period, la });
  const change = (next: Partial<AllCouncilsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), resetScroll: false });
  const label =
    view.data?.indicator.label ?? list.data?.indicators.find((i) => i.id === indicator)?.label ?? 'Every council';
  const heading = view.data ? `${label}, ${view.data.period.label}` : label;
  useTitle(`All councils: ${heading}`);

  return (
    <>
      <h1>
        <span className="h1-kicker">Every council&rsquo;s figure</span> {heading}
      </h1>
      <Controls
        search={{ ...chosen, la: chosen.la ?? la }}
        periods={view.data?.periods ?? []}
        period={chosen.period ?? view.data?.period.id}
        change={change}
      />
      {indicator && (
        <QueryState query={view} what="councils' figures">
          {(data) => <Body data={data} />}
        </QueryState>
      )}
    </>
  );
}

function Controls({
  search,
  periods,
  period,
  change,
}: {
  search: AllCouncilsSearch & { la: string };
  periods: AllCouncils['periods'];
  period: string | undefined;
  change: (next: Partial<AllCouncilsSearch>) => void;
}) {
  const id = useId();
  const list = useQuery(indicatorsQuery);
  const las = useLocalAuthorities();
  return (
    <form className="controls" aria-label="Choose what the table shows" onSubmit={(e) => e.preventDefault()}>
      <div className="control control--wide">
        <label htmlFor={`${id}-measure`}>Measure</label>
        {list.data ? (
          <MeasureSelect
            list={list.data}
            value={search.indicator ?? ''}
            include={hasEveryCouncil}
            // A new measure has its own years: its latest is shown.
            onChange={(indicator) => change({ indicator, period: undefined })}
            control={{ id: `${id}-measure` }}
          />
        ) : (
          <select id={`${id}-measure`} disabled>
            <option>Loading measures…</option>
          </select>
        )}
      </div>
      <div className="control">
        <label htmlFor={`${id}-period`}>Year</label>
        <select id={`${id}-period`} value={period ?? ''} onChange={(e) => change({ period: e.target.value })}>
          {period === undefined && <option value="">Latest</option>}
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${id}-la`}>Your council</label>
        <CouncilSelect
          councils={las.data?.localAuthorities ?? [{ code: search.la, name: search.la }]}
          value={search.la}
          onChange={(code) => change({ la: code })}
          control={{ id: `${id}-la` }}
        />
      </div>
    </form>
  );
}

function Body({ data }: { data: AllCouncils }) {
  const format = figureFormat(data.indicator);
  const session = useSession();
  const las = useLocalAuthorities();
  const council = data.rows.find((r) => r.isCouncil);
  const region = council?.regionName;
  const hiddenRanks =
    data.indicator.polarity !== 'none' &&
    data.rows.some((r) => r.suppressed) &&
    data.rows.every((r) => r.rank === null);
  return (
    <>
      <p>
        {data.la.name} is marked, with its statistical neighbours
        {data.neighbourModelYear !== null ? ` (DfE's ${data.neighbourModelYear} model)` : ''}
        {region ? ` and the other councils in ${region}` : ''}. {data.counted} councils have a figure for{' '}
        {data.period.longLabel}
        {data.missing > 0 ? `; ${data.missing} have none` : ''}.
      </p>
      <ul className="link-list">
        <li>
          <a href={allCouncilsUrl({ indicator: data.indicator.id, period: data.period.id, la: data.la.code }, 'csv')}>
            Download CSV
          </a>{' '}
          <span className="muted">(every council, England and the regions)</span>
        </li>
        {las.data && (
          <li>
            <Link to="/compare" search={compareSearch(withNeighbours(las.data, data.la.code), [data.indicator.id])}>
              Compare {data.la.name} with its statistical neighbours over the years
            </Link>
          </li>
        )}
        <li>
          <Link to="/indicators/$id" params={{ id: data.indicator.id }} search={{ la: data.la.code }}>
            {data.la.name}&rsquo;s figures for this measure
          </Link>
        </li>
      </ul>
      {data.cutPoints ? (
        <p>
          <strong>Quartiles, {data.period.label}:</strong>{' '}
          {cutPointSentence(data.cutPoints, data.indicator.polarity, format)}
        </p>
      ) : (
        <p>
          {data.indicator.polarity === 'none'
            ? 'Councils are not ranked on this measure: neither higher nor lower is better.'
            : 'The quartile cut points are not shown: one of them would reveal a small number (not shown: small number).'}
        </p>
      )}
      {hiddenRanks && (
        <p className="notice">
          Ranks are not shown here: with some councils&rsquo; figures suppressed, a rank would reveal where a suppressed
          figure lies.
        </p>
      )}
      <Explainer threshold={session.suppressionThreshold} />
      <div className="benchmarks-layout">
        <section aria-labelledby="councils-heading">
          <h2 id="councils-heading">Every council</h2>
          <CouncilTable data={data} threshold={session.suppressionThreshold} />
        </section>
        <section aria-labelledby="totals-heading">
          <h2 id="totals-heading">England and the regions</h2>
          <TotalsTable data={data} />
        </section>
      </div>
    </>
  );
}

function Explainer({ threshold }: { threshold: number }) {
  return (
    <details className="explainer">
      <summary>What is this?</summary>
      <p>
        Every council in England&rsquo;s figure for one measure in one year, as the Department for Education (DfE)
        publishes it, the same table as DfE&rsquo;s Local Authority Interactive Tool (LAIT).
      </p>
      <dl>
        <dt>Rank</dt>
        <dd>
          The council&rsquo;s place among every council with a figure: 1 is the best. Councils with the same figure
          share a rank. A measure where neither higher nor lower is better has no ranks.
        </dd>
        <dt>Quartile</dt>
        <dd>
          Councils are split into four equal groups by their figure. The top quartile is the best quarter of councils,
          the fourth quartile the quarter doing least well. The cut points are the figures where one group ends and the
          next begins.
        </dd>
        <dt>Statistical neighbour</dt>
        <dd>
          One of the ten councils DfE judges most like this one (in population, deprivation and other measures), so the
          fairest to compare with.
        </dd>
        <dt>Same region</dt>
        <dd>A council in the same English region as yours (London counts as one region).</dd>
        <dt>Not shown: small number</dt>
        <dd>
          A number below {threshold} is not shown in the public version, to protect the children it describes; DfE does
          the same in its files. A total that would give such a number back is not shown either.
        </dd>
      </dl>
    </details>
  );
}

const DEFAULT_SORT: Sort = { key: 'name', direction: 'ascending' };

function CouncilTable({ data, threshold }: { data: AllCouncils; threshold: number }) {
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const format = figureFormat(data.indicator);
  // Two councils can share a name (Dorset's county council and the unitary council that replaced it).
  const labels = councilLabels(data.rows.map((r) => r.la));
  const rows = sortRows(data.rows, sort);
  // A measure with no ranks or no quartiles (no better direction, or ranks hidden) has no such column.
  const columns = { rank: data.rows.some((r) => r.rank !== null), quartile: data.rows.some((r) => r.band !== null) };
  const sortBy = (key: SortKey) =>
    setSort((now) => ({
      key,
      direction: now.key === key && now.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const header = (key: SortKey, label: string, className?: string) => (
    <SortHeader
      label={label}
      direction={sort.key === key ? sort.direction : null}
      onSort={() => sortBy(key)}
      className={className}
    />
  );
  return (
    <>
      <p className="muted">
        {capitalise(sortWords(sort))}. Choose a column heading to sort by it; choose it again to reverse the order.
      </p>
      <ScrollRegion label="Table of every council's figure">
        <table className="data-table league">
          <caption className="visually-hidden">
            {data.indicator.shortLabel}, {data.period.label}: every council, {sortWords(sort)}
          </caption>
          <thead>
            <tr>
              {header('name', 'Council')}
              {header('value', 'Value', 'num')}
              {columns.rank && header('rank', 'Rank', 'num')}
              {columns.quartile && <th scope="col">Quartile</th>}
              {header('region', 'Region')}
              <th scope="col">Marked</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <CouncilRow
                key={row.la.code}
                row={row}
                name={labels.get(row.la.code)!}
                columns={columns}
                format={format}
                threshold={threshold}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function CouncilRow({
  row,
  name,
  columns,
  format,
  threshold,
}: {
  row: AllCouncilsRow;
  name: string;
  columns: { rank: boolean; quartile: boolean };
  format: (v: number) => string;
  threshold: number;
}) {
  const marks = markWords(row);
  const className = row.isCouncil ? 'mark--council' : row.isNeighbour ? 'mark--neighbour' : undefined;
  const missing = row.value === null;
  const quartile = quartileText(row.band);
  return (
    <tr className={className}>
      <th scope="row">{name}</th>
      <td className={missing ? 'num missing' : 'num'}>{rowValueText(row, format, threshold)}</td>
      {columns.rank && <td className="num nowrap">{row.rank ?? <span className="missing">None</span>}</td>}
      {columns.quartile && <td className="nowrap">{quartile ?? <span className="missing">None</span>}</td>}
      <td>{row.regionName}</td>
      <td>{marks.join('; ')}</td>
    </tr>
  );
}

function TotalsTable({ data }: { data: AllCouncils }) {
  const format = figureFormat(data.indicator);
  const councilRegion = data.rows.find((r) => r.isCouncil)?.regionCode;
  const places = [...(data.england ? [data.england] : []), ...data.regions];
  if (places.length === 0) return <p>DfE publishes no England or regional figure for this measure and year.</p>;
  return (
    <ScrollRegion label="Table of England and the regions">
      <table className="data-table totals">
        <caption className="visually-hidden">
          {data.indicator.shortLabel}, {data.period.label}: England and the regions
        </caption>
        <thead>
          <tr>
            <th scope="col">Place</th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {places.map((place) => (
            <tr key={place.code} className={place === data.england ? 'totals__england' : undefined}>
              <th scope="row">
                {place.name}
                {place.code === councilRegion && <span className="muted"> (your council&rsquo;s region)</span>}
              </th>
              <td className={place.value === null ? 'num missing' : 'num'}>{comparatorText(place, format)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
