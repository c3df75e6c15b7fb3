import { COMPARE_MAX_COUNCILS, COMPARE_MAX_MEASURES, type Compare } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useLocation } from '@tanstack/react-router';
import { lazy, Suspense, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { compareUrl, useCompare } from '../../api/compare.ts';
import { indicatorsQuery } from '../../api/indicators.ts';
import { useLocalAuthorities } from '../../api/local-authorities.ts';
import { useSession } from '../../api/session.ts';
import { councilLabels, CouncilSelect } from '../../components/council-select.tsx';
import { Field } from '../../components/field.tsx';
import { MeasureSelect } from '../../components/measure-select.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { hasEveryCouncil } from '../../lib/every-council.ts';
import { figureFormat } from '../../lib/figures.ts';
import { useTitle } from '../../lib/title.ts';
import type { ComparePoint, CompareSeries } from './compare-chart.tsx';
import { compareSearch, CompareSearchSchema } from './routing.ts';
import { compareValueText } from './words.ts';

const CompareChart = lazy(() => import('./compare-chart.tsx'));

const route = getRouteApi('/compare');

const POLARITY_WORDS = {
  low: 'Lower is better.',
  high: 'Higher is better.',
  none: 'Neither higher nor lower is better.',
} as const;

/** LAIT's "create your own": chosen councils by chosen measures over the years, each as a chart and a table. */
export function ComparePage() {
  const address = route.useSearch();
  const navigate = route.useNavigate();
  // The lists show a change at once: the address changes before the figures for it have loaded.
  const chosen =
    useLocation({
      select: (location) =>
        location.pathname === '/compare' ? CompareSearchSchema.safeParse(location.search).data : undefined,
    }) ?? address;
  const las = chosen.la ?? [];
  const indicators = chosen.indicator ?? [];
  const view = useCompare({ las: address.la ?? [], indicators: address.indicator ?? [] });
  const [said, setSaid] = useState('');
  const choose = (next: { las?: string[]; indicators?: string[] }, words: string) => {
    setSaid(words);
    void navigate({ search: compareSearch(next.las ?? las, next.indicators ?? indicators), resetScroll: false });
  };
  useTitle('Compare councils');

  return (
    <>
      <h1>Compare councils over time</h1>
      <p className="lead">
        Choose up to {COMPARE_MAX_COUNCILS} councils and {COMPARE_MAX_MEASURES} measures: each measure&rsquo;s figures
        for every year DfE publishes are drawn as a chart and given in a table, with England&rsquo;s. The choice is in
        the page&rsquo;s address, so you can bookmark or share it.
      </p>
      <div className="compare-choosers">
        <CouncilChooser las={las} choose={(next, words) => choose({ las: next }, words)} />
        <MeasureChooser indicators={indicators} choose={(next, words) => choose({ indicators: next }, words)} />
      </div>
      <p role="status" className="visually-hidden">
        {said}
      </p>
      {address.la && address.indicator && (
        <p>
          <a href={compareUrl({ las: address.la, indicators: address.indicator }, 'csv')}>Download CSV</a>{' '}
          <span className="muted">(every council, measure and year shown below)</span>
        </p>
      )}
      <QueryState query={view} what="comparison">
        {(data) => <Measures data={data} />}
      </QueryState>
    </>
  );
}

/** A chosen list: each item with a Remove button (while more than one is left), then the form that adds. */
function ChosenList({
  title,
  headingRef,
  items,
  remove,
  children,
}: {
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  items: Array<{ key: string; label: string }>;
  remove: (key: string, label: string) => void;
  children: ReactNode;
}) {
  const headingId = `${title.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={headingId} className="chooser">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title} ({items.length})
      </h2>
      <ul className="chosen-list" aria-label={`Chosen ${title.toLowerCase()}`}>
        {items.map((item) => (
          <li key={item.key}>
            <span>{item.label}</span>
            {items.length > 1 && (
              <button type="button" onClick={() => remove(item.key, item.label)}>
                Remove<span className="visually-hidden"> {item.label}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}

function CouncilChooser({ las, choose }: { las: string[]; choose: (next: string[], words: string) => void }) {
  const all = useLocalAuthorities();
  const heading = useRef<HTMLHeadingElement>(null);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string>();
  const councils = all.data?.localAuthorities ?? [];
  const labels = councilLabels(councils);
  const labelOf = (code: string) => labels.get(code) ?? code;
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!adding) return setProblem('must be chosen first');
    setProblem(undefined);
    setAdding('');
    choose([...las, adding], `Added ${labelOf(adding)}.`);
  };
  return (
    <ChosenList
      title="Councils"
      headingRef={heading}
      items={las.map((code) => ({ key: code, label: labelOf(code) }))}
      remove={(code, label) => {
        choose(
          las.filter((c) => c !== code),
          `Removed ${label}.`,
        );
        heading.current?.focus();
      }}
    >
      {las.length >= COMPARE_MAX_COUNCILS ? (
        <p>That is the most: {COMPARE_MAX_COUNCILS} councils. Remove one to add another.</p>
      ) : (
        <form className="add-form" aria-label="Add a council" onSubmit={add} noValidate>
          <Field label="Council to add" name="The council to add" problem={problem}>
            {(control) => (
              <CouncilSelect
                councils={councils}
                value={adding}
                onChange={setAdding}
                include={(code) => !las.includes(code)}
                placeholder="Choose a council"
                control={control}
              />
            )}
          </Field>
          <button type="submit">Add council</button>
        </form>
      )}
    </ChosenList>
  );
}

function MeasureChooser({
  indicators,
  choose,
}: {
  indicators: string[];
  choose: (next: string[], words: string) => void;
}) {
  const list = useQuery(indicatorsQuery);
  const heading = useRef<HTMLHeadingElement>(null);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string>();
  const labelOf = (id: string) => list.data?.indicators.find((i) => i.id === id)?.label ?? id;
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!adding) return setProblem('must be chosen first');
    setProblem(undefined);
    setAdding('');
    choose([...indicators, adding], `Added ${labelOf(adding)}.`);
  };
  return (
    <ChosenList
      title="Measures"
      headingRef={heading}
      items={indicators.map((id) => ({ key: id, label: labelOf(id) }))}
      remove={(id, label) => {
        choose(
          indicators.filter((i) => i !== id),
          `Removed ${label}.`,
        );
        heading.current?.focus();
      }}
    >
      {indicators.length >= COMPARE_MAX_MEASURES ? (
        <p>That is the most: {COMPARE_MAX_MEASURES} measures. Remove one to add another.</p>
      ) : (
        list.data && (
          <form className="add-form" aria-label="Add a measure" onSubmit={add} noValidate>
            <Field label="Measure to add" name="The measure to add" problem={problem}>
              {(control) => (
                <MeasureSelect
                  list={list.data}
                  value={adding}
                  onChange={setAdding}
                  include={(i) => hasEveryCouncil(i) && !indicators.includes(i.id)}
                  placeholder="Choose a measure"
                  control={control}
                />
              )}
            </Field>
            <button type="submit">Add measure</button>
          </form>
        )
      )}
    </ChosenList>
  );
}

function Measures({ data }: { data: Compare }) {
  const labels = councilLabels(data.las);
  return (
    <>
      {data.measures.map((measure) => (
        <MeasureSection key={measure.indicator.id} measure={measure} labels={labels} firstLa={data.las[0]?.code} />
      ))}
    </>
  );
}

function MeasureSection({
  measure,
  labels,
  firstLa,
}: {
  measure: Compare['measures'][number];
  labels: Map<string, string>;
  firstLa: string | undefined;
}) {
  const { indicator, periods, lines } = measure;
  const session = useSession();
  const format = figureFormat(indicator);
  const headingId = `measure-${indicator.id}`;
  const nameOf = (line: (typeof lines)[number]) => (line.isEngland ? line.name : (labels.get(line.code) ?? line.name));
  const councils = lines.filter((l) => !l.isEngland).length;
  return (
    <section aria-labelledby={headingId} className="compare-measure">
      <h2 id={headingId}>{indicator.label}</h2>
      {periods.length === 0 ? (
        <p>
          DfE publishes no yearly figure for every council for this measure: it is a council&rsquo;s own.{' '}
          {firstLa && (
            <Link to="/indicators/$id" params={{ id: indicator.id }} search={{ la: firstLa }}>
              Its figures for {labels.get(firstLa)}
            </Link>
          )}
        </p>
      ) : (
        <>
          <p className="muted">
            {POLARITY_WORDS[indicator.polarity]} {indicator.themeLabel}.{' '}
            {firstLa && (
              <Link to="/all-councils" search={{ indicator: indicator.id, la: firstLa }}>
                Every council&rsquo;s figure, {periods.at(-1)!.label}
              </Link>
            )}
          </p>
          <Suspense fallback={<p role="status">Drawing the chart…</p>}>
            <CompareChart
              points={periods.map((period, i): ComparePoint => ({
                label: period.label,
                ...Object.fromEntries(lines.map((line) => [`c${line.code}`, line.values[i]!.value])),
              }))}
              series={lines.map((line): CompareSeries => ({
                key: `c${line.code}`,
                name: nameOf(line),
                isEngland: line.isEngland,
              }))}
              format={(v) => format(v)}
              description={`Line chart of ${indicator.shortLabel.toLowerCase()} from ${periods[0]!.label} to ${periods.at(-1)!.label} for ${councils} council${councils === 1 ? '' : 's'} and England. The table below gives every value.`}
            />
          </Suspense>
          <ScrollRegion label={`Table of ${indicator.shortLabel.toLowerCase()} by year`}>
            <table className="data-table compare-table">
              <caption className="visually-hidden">{indicator.label}: the chosen councils and England, by year</caption>
              <thead>
                <tr>
                  <th scope="col">Council</th>
                  {periods.map((period) => (
                    <th key={period.id} scope="col" className="num">
                      {period.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.code} className={line.isEngland ? 'totals__england' : undefined}>
                    <th scope="row">{nameOf(line)}</th>
                    {line.values.map((value, i) => (
                      <td key={periods[i]!.id} className={value.value === null ? 'num missing' : 'num'}>
                        {compareValueText(value, line.isEngland, format, session.suppressionThreshold)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
