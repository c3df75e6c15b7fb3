import { may, type Summary } from '@indicate/contracts';
import { BENCHMARK_KEY } from '@indicate/core';
import { getRouteApi, Link, useLocation } from '@tanstack/react-router';
import { useId } from 'react';
import { useThemes } from '../../api/indicators.ts';
import { useLocalAuthorities } from '../../api/local-authorities.ts';
import { usePeriods } from '../../api/periods.ts';
import { useScorecardThemes } from '../../api/scorecard-set.ts';
import { useScorecard } from '../../api/scorecard.ts';
import { useSession } from '../../api/session.ts';
import { useCouncilPacks } from '../report/api/get-packs.ts';
import { useSummary } from '../../api/summary.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RagKey } from '../../components/rag.tsx';
import { Explain } from '../../components/explain.tsx';
import { ScorecardTables } from '../../components/scorecard-tables.tsx';
import { KeyMessages } from '../key-messages/key-messages.tsx';
import { useCouncilCode } from '../../lib/home-council.ts';
import { useTitle } from '../../lib/title.ts';
import { ScorecardSearchSchema, type ScorecardSearch as Search } from './search.ts';

const route = getRouteApi('/');

export function ScorecardPage() {
  const address = route.useSearch();
  // The loader puts the council in the address; until it has, the home council.
  const search = { ...address, la: useCouncilCode(address.la) };
  const navigate = route.useNavigate();
  // The controls show a choice at once: the address changes before the figures for it have loaded.
  const chosen =
    useLocation({
      select: (location) =>
        location.pathname === '/' ? ScorecardSearchSchema.safeParse(location.search).data : undefined,
    }) ?? address;
  const periods = usePeriods(search.la);
  const period = search.period;
  const card = useScorecard({ ...search, period: period ?? '' }, { enabled: period !== undefined });
  // Every choice goes into the address, so the page can be shared; the list stays where it was scrolled to.
  const change = (next: Partial<Search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), resetScroll: false });
  const heading = card.data
    ? `${card.data.la.name}: ${card.data.period.label}`
    : periods.data
      ? periods.data.la.name
      : 'Performance scorecard';
  useTitle(`Scorecard, ${heading}`);

  return (
    <>
      <h1>
        <span className="h1-kicker">Performance scorecard</span> {heading}
      </h1>
      <Controls search={{ ...chosen, la: chosen.la ?? search.la }} change={change} />
      {period && <CommitteePacks la={search.la} period={period} />}
      <QueryState query={periods} what="periods for this council">
        {(data) =>
          data.periods.length === 0 ? (
            <p className="notice">
              {data.la.name} has no figures loaded yet. Analysts can load them on the Load data page.
            </p>
          ) : null
        }
      </QueryState>
      {period && (
        <>
          {/* Key messages first: they read the whole scorecard, so they show when no filter narrows it. */}
          {!search.theme && !search.themes && !search.rag && !search.new && !search.worse && card.data && (
            <KeyMessages la={card.data.la.code} period={card.data.period.id} rows={card.data.rows} />
          )}
          <Overview la={search.la} period={period} />
          <QueryState query={card} what="scorecard">
            {(data) => <ScorecardTables card={data} />}
          </QueryState>
        </>
      )}
    </>
  );
}

const packDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/**
 * The council's published committee packs, latest first (a link that only ever leads to a pack); those
 * who draft packs also get the way to this period's.
 */
function CommitteePacks({ la, period }: { la: string; period: string }) {
  const packs = useCouncilPacks(la);
  const role = useSession().user?.role;
  const published = (packs.data ?? []).filter((p) => p.state === 'published').slice(0, 4);
  return (
    <nav aria-label="Committee packs" className="pack-links">
      {published.length > 0 ? (
        <p>
          Published committee packs:{' '}
          {published.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ', '}
              <Link to="/reports/$la/$period" params={{ la, period: p.period.id }}>
                {p.period.label}
                {p.version > 1 ? ` (version ${p.version})` : ''}
              </Link>{' '}
              <span className="muted">({packDate.format(new Date(p.stateChangedAt))})</span>
            </span>
          ))}
          .
        </p>
      ) : (
        <p className="muted">No committee pack has been published for this council yet.</p>
      )}
      {may(role, 'pack') && (
        <p>
          <Link to="/reports/$la/$period" params={{ la, period }}>
            Draft or open the committee pack for this period
          </Link>
        </p>
      )}
    </nav>
  );
}

function Overview({ la, period }: { la: string; period: string }) {
  const summary = useSummary(la, period);
  return (
    <QueryState query={summary} what="overview">
      {(data) => <Headline summary={data} />}
    </QueryState>
  );
}

const PERIOD_GROUPS: Record<string, string> = {
  'financial-quarter': 'Quarters',
  month: 'Months',
  'financial-year': 'Financial years (DfE reporting years)',
  'academic-year': 'Academic years',
  'calendar-year': 'Calendar years',
  'three-financial-years': 'Three-year periods',
  'three-calendar-years': 'Three-year periods (calendar)',
};

/** The periods by kind, in the order above, each kind's periods as the API lists them (latest first). */
function groupByKind<T extends { kind: string }>(periods: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const p of periods) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
  const order = Object.keys(PERIOD_GROUPS);
  return [...groups].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

function Controls({ search, change }: { search: Search & { la: string }; change: (next: Partial<Search>) => void }) {
  const las = useLocalAuthorities();
  const periods = usePeriods(search.la);
  const id = useId();
  // A service lead's own themes: "my themes" puts them in the address, so the view can be shared.
  const mine = useSession().user?.themes ?? [];
  // The themes the scorecard has rows in, in its order; a theme in the address that is not among them
  // (a shared link from before the set changed) stays choosable, so the filter shows what the page shows.
  const setThemes = useScorecardThemes().data ?? [];
  const chosenTheme = useThemes().data?.find((t) => t.id === search.theme);
  const themes =
    chosenTheme && !setThemes.some((t) => t.id === chosenTheme.id) ? [...setThemes, chosenTheme] : setThemes;
  return (
    <form className="controls" aria-label="Choose what the scorecard shows" onSubmit={(e) => e.preventDefault()}>
      <div className="control">
        <label htmlFor={`${id}-la`}>Council</label>
        <select id={`${id}-la`} value={search.la} onChange={(e) => change({ la: e.target.value, period: undefined })}>
          {/* Councils today first; those a reorganisation ended apart, named with when (two were "Dorset"). */}
          {(las.data?.localAuthorities ?? [{ code: search.la, name: search.la, abolished: null }])
            .filter((la) => la.abolished === null)
            .map((la) => (
              <option key={la.code} value={la.code}>
                {la.name}
              </option>
            ))}
          {las.data && las.data.localAuthorities.some((la) => la.abolished !== null) && (
            <optgroup label="Former councils (ended by a reorganisation)">
              {las.data.localAuthorities
                .filter((la) => la.abolished !== null)
                .map((la) => (
                  <option key={la.code} value={la.code}>
                    {la.name} (until {la.abolished!.slice(0, 4)})
                  </option>
                ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={search.period ?? ''} onChange={(e) => change({ period: e.target.value })}>
          {!search.period && <option value="">Latest</option>}
          {/* Grouped by kind (the council's quarters first), each latest first. */}
          {groupByKind(periods.data?.periods ?? []).map(([kind, list]) => (
            <optgroup key={kind} label={PERIOD_GROUPS[kind] ?? kind}>
              {list.map((p) => (
                <option key={`${p.kind}-${p.id}`} value={p.id}>
                  {p.label} ({p.indicators} with a figure for this period)
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={search.theme ?? ''}
          onChange={(e) => change({ theme: e.target.value || undefined })}
        >
          <option value="">All themes</option>
          {themes.map((theme) => (
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
          checked={search.rag === 'exceptions'}
          onChange={(e) => change({ rag: e.target.checked ? 'exceptions' : undefined })}
        />
        <label htmlFor={`${id}-exceptions`}>Exceptions only (amber and red)</label>
      </div>
      <div className="control control--check">
        <input
          id={`${id}-new`}
          type="checkbox"
          checked={search.new === 'true'}
          onChange={(e) => change({ new: e.target.checked ? 'true' : undefined })}
        />
        <label htmlFor={`${id}-new`}>New data this period only</label>
      </div>
      <div className="control control--check">
        <input
          id={`${id}-worse`}
          type="checkbox"
          checked={search.worse === 'true'}
          onChange={(e) => change({ worse: e.target.checked ? 'true' : undefined })}
        />
        <label htmlFor={`${id}-worse`}>Got worse since the previous period</label>
      </div>
      {mine.length > 0 && (
        <div className="control control--check">
          <input
            id={`${id}-mine`}
            type="checkbox"
            checked={search.themes === mine.join(',')}
            onChange={(e) => change({ themes: e.target.checked ? mine.join(',') : undefined })}
          />
          <label htmlFor={`${id}-mine`}>My themes only</label>
        </div>
      )}
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
      {summary.paragraphs.map((paragraph) => (
        <p key={paragraph.slice(0, 40)}>{paragraph}</p>
      ))}
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
          <dt>
            <Explain term="polarity">Context measures</Explain>
          </dt>
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
