import { may, type IndicatorDetail, type IndicatorList, type ScorecardSet } from '@indicate/contracts';
import { unitWords } from '@indicate/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { indicatorsQuery } from '../../api/indicators.ts';
import { useScorecardSet } from '../../api/scorecard-set.ts';
import { useSession } from '../../api/session.ts';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { useTitle } from '../../lib/title.ts';
import { capitalise } from '../../lib/words.ts';
import { useChangeScorecardSet } from './api/change-scorecard-set.ts';
import { ScorecardSetList, type SaveSet } from './scorecard-set-list.tsx';
import { searchMeasures, shortDefinition, type MeasuresSearch } from './search.ts';

const route = getRouteApi('/measures');

/** Where the last change was made, so its message is shown beside it. */
type Outcome = { where: 'results' | 'set'; said: string | null; error: unknown };

export function MeasuresPage() {
  const search = route.useSearch();
  const catalogue = useQuery(indicatorsQuery);
  const set = useScorecardSet();
  const session = useSession();
  const canChange = may(session.user?.role, 'dashboard');
  const change = useChangeScorecardSet();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useTitle(search.q ? `Measures matching “${search.q}”` : 'Measures');

  const saveFrom =
    (where: Outcome['where']): SaveSet =>
    async (indicators, said) => {
      setOutcome(null);
      try {
        const saved = await change.mutateAsync({ indicators });
        setOutcome({ where, said: said(saved), error: null });
        return saved;
      } catch (error) {
        setOutcome({ where, said: null, error });
        return null;
      }
    };
  const outcomeAt = (where: Outcome['where']) =>
    outcome?.where === where &&
    (outcome.said ? (
      <p role="status" className="notice notice--success">
        {outcome.said}
      </p>
    ) : (
      <ErrorNotice error={outcome.error} />
    ));

  return (
    <>
      <h1>Measures</h1>
      <p className="lead">
        Every measure Indicate holds: the council's own indicators and the measures of DfE's Local Authority Interactive
        Tool (LAIT).{canChange && ' Choose the ones the scorecard shows.'}
      </p>
      <QueryState query={catalogue} what="measures">
        {(list) => (
          <QueryState query={set} what="scorecard's measures">
            {(current) => (
              <div className="measures-layout">
                <Results
                  list={list}
                  search={search}
                  set={current}
                  canChange={canChange}
                  pending={change.isPending}
                  save={saveFrom('results')}
                  outcome={outcomeAt('results')}
                />
                <ScorecardSetList
                  set={current}
                  canChange={canChange}
                  pending={change.isPending}
                  save={saveFrom('set')}
                  outcome={outcomeAt('set')}
                />
              </div>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}

function Results({
  list,
  search,
  set,
  canChange,
  pending,
  save,
  outcome,
}: {
  list: IndicatorList;
  search: MeasuresSearch;
  set: ScorecardSet;
  canChange: boolean;
  pending: boolean;
  save: SaveSet;
  outcome: ReactNode;
}) {
  // A theme id that is not in the catalogue filters nothing, and says so.
  const theme = list.themes.find((t) => t.id === search.theme);
  const found = useMemo(
    () => searchMeasures(list.indicators, { q: search.q, theme: theme?.id }),
    [list.indicators, search.q, theme?.id],
  );
  const ids = set.indicators.map((i) => i.id);
  const toggle = (measure: IndicatorDetail) => {
    if (pending) return;
    const on = ids.includes(measure.id);
    void save(on ? ids.filter((id) => id !== measure.id) : [...ids, measure.id], (saved) =>
      on
        ? `“${measure.label}” is no longer on the scorecard, which now shows ${saved.indicators.length} measures.`
        : `“${measure.label}” is on the scorecard now, at the end of its ${saved.indicators.length} measures.`,
    );
  };
  const words = search.q?.trim();
  return (
    <section aria-labelledby="results-heading" className="measures-results">
      <h2 id="results-heading" className="visually-hidden">
        Find a measure
      </h2>
      <SearchForm list={list} search={search} />
      {search.theme && !theme && <p className="notice">There is no theme “{search.theme}”: every theme is shown.</p>}
      <p role="status" className="measures-count">
        {found.length === 0 ? 'No measure' : found.length === 1 ? '1 measure' : `${found.length} measures`}
        {words ? ` ${found.length > 1 ? 'match' : 'matches'} “${words}”` : ''}
        {theme ? ` in ${theme.label}` : ''}.
      </p>
      {outcome}
      {found.length === 0 && (
        <p>
          Try fewer words, or another spelling: each word must start a word of the measure's name, definition or theme.
        </p>
      )}
      <ul className="measure-list">
        {found.map((measure) => {
          const place = ids.indexOf(measure.id);
          return (
            <li key={measure.id} className="measure">
              <h3 className="measure__name">
                <Link to="/indicators/$id" params={{ id: measure.id }}>
                  {measure.label}
                </Link>
              </h3>
              <dl className="measure__facts">
                <div>
                  <dt>Theme</dt>
                  <dd>{measure.themeLabel}</dd>
                </div>
                <div>
                  <dt>Unit</dt>
                  <dd>{capitalise(unitWords(measure.unit))}</dd>
                </div>
                <div>
                  <dt>From</dt>
                  <dd>{measure.origin === 'council' ? "The council's indicators" : "DfE's LAIT"}</dd>
                </div>
                <div>
                  <dt>On the scorecard</dt>
                  <dd>{place < 0 ? 'No' : `Yes, number ${place + 1} of ${ids.length}`}</dd>
                </div>
              </dl>
              <p className="measure__definition">{shortDefinition(measure.definition)}</p>
              {canChange && (
                <button
                  type="button"
                  // The visible words first, then which measure: the name a voice command would say.
                  aria-label={`${place < 0 ? 'Add to the scorecard' : 'Remove from the scorecard'}: ${measure.label}`}
                  aria-disabled={pending || undefined}
                  onClick={() => toggle(measure)}
                >
                  {place < 0 ? 'Add to the scorecard' : 'Remove from the scorecard'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Words and a theme, each put in the address as it changes, so a search can be shared and gone back to. */
function SearchForm({ list, search }: { list: IndicatorList; search: MeasuresSearch }) {
  const id = useId();
  const navigate = route.useNavigate();
  // What is typed shows at once and the address follows; the address's words come back into the box only
  // when they are not ones typed here (Back, Forward, a link).
  const [text, setText] = useState(search.q ?? '');
  const typed = useRef<Array<string | undefined>>([]);
  useEffect(() => {
    const at = typed.current.indexOf(search.q);
    if (at >= 0) {
      typed.current = typed.current.slice(at + 1);
      return;
    }
    typed.current = [];
    setText(search.q ?? '');
  }, [search.q]);
  const go = (next: Partial<MeasuresSearch>, replace: boolean) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace, resetScroll: false });
  // The themes under their outcome, the council's first and LAIT's topics after, as the catalogue orders them.
  const groups = new Map<string, IndicatorList['themes']>();
  for (const theme of list.themes) groups.set(theme.outcome, [...(groups.get(theme.outcome) ?? []), theme]);
  return (
    <form role="search" aria-label="Measures" className="controls" onSubmit={(e) => e.preventDefault()}>
      <div className="control control--search">
        <label htmlFor={`${id}-q`}>Words to find</label>
        <p id={`${id}-hint`} className="hint">
          In the name, definition or theme, such as “road traffic”
        </p>
        <input
          id={`${id}-q`}
          type="search"
          aria-describedby={`${id}-hint`}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const q = e.target.value.trim() || undefined;
            if (q === (typed.current.length > 0 ? typed.current.at(-1) : search.q)) return;
            typed.current.push(q);
            // The address is replaced as letters are typed: Back leaves the search rather than unpicking it.
            go({ q }, true);
          }}
        />
      </div>
      <div className="control">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={list.themes.some((t) => t.id === search.theme) ? search.theme : ''}
          onChange={(e) => go({ theme: e.target.value || undefined }, false)}
        >
          <option value="">All themes</option>
          {[...groups].map(([outcome, themes]) => (
            <optgroup key={outcome} label={outcome}>
              {themes.map((theme) => (
                <option key={theme.id} value={theme.id}>
                  {theme.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </form>
  );
}
