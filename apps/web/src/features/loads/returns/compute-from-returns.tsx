import type { IndicatorList } from '@indicate/contracts';

type Indicator = IndicatorList['indicators'][number];
import { computedCouncilProblem, csvLine, formatFigure, periodRef, readBreakdownKey } from '@indicate/core';
import {
  quarterEndingOn,
  toAggregates,
  toTemplateCsv,
  type ComputedFigure,
  type ComputeResult,
  type Finding,
} from '@indicate/returns';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { indicatorsQuery } from '../../../api/indicators.ts';
import { useSession } from '../../../api/session.ts';
import { reportOf, useCommit, useDryRun } from '../api/load-file.ts';
import { usePopulation } from '../api/population.ts';
import { CommitControl } from '../commit-control.tsx';
import { LoadReportView } from '../load-report.tsx';
import { useComputeFromReturns } from './use-compute.ts';

/**
 * "Compute from returns": the analyst picks the council's SSDA903 CSVs and CIN census XML (files or a
 * folder), chooses the quarter, and the figures are computed in a web worker on this machine. The
 * validation report, the figures with their rules, the breakdowns and the children behind each figure are
 * shown here only; what is sent is the Indicate template of the aggregates, through the normal dry run and
 * commit.
 */

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The last twelve quarter ends up to today, newest first, as ISO dates. */
function recentQuarterEnds(today: Date): string[] {
  const ends: string[] = [];
  for (let year = today.getUTCFullYear(); ends.length < 12 && year > 2000; year -= 1) {
    for (const md of ['12-31', '09-30', '06-30', '03-31']) {
      const iso = `${year}-${md}`;
      if (new Date(`${iso}T23:59:59Z`) < today && ends.length < 12) ends.push(iso);
    }
  }
  return ends;
}

function quarterWords(asAt: string): string {
  const q = quarterEndingOn(asAt);
  return `${LONG_DATE.format(new Date(`${asAt}T00:00:00Z`))}${q.ok ? ` (end of ${periodRef(q.period).label})` : ''}`;
}

export function ComputeFromReturns() {
  const session = useSession();
  const la = session.homeLa;
  const filesId = useId();
  const folderId = useId();
  const quarterId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const ends = useMemo(() => recentQuarterEnds(new Date()), []);
  const [asAt, setAsAt] = useState(ends[0]!);
  const population = usePopulation(la.code);
  const { state, run, reset } = useComputeFromReturns();
  const catalogue = useQuery(indicatorsQuery);
  const indicators = new Map((catalogue.data?.indicators ?? []).map((i) => [i.id, i] as const));

  const choose = (list: FileList | null) => {
    reset();
    setFiles(Array.from(list ?? []).filter((f) => /\.(csv|xml)$/i.test(f.name)));
  };

  return (
    <section aria-labelledby="returns-heading" className="panel">
      <h2 id="returns-heading">Compute from returns</h2>
      <p>
        Pick the council&apos;s SSDA903 tables (CSV) and CIN census (XML), several years together if you have them.
        Indicate checks them and computes the quarter&apos;s figures here, on this computer:{' '}
        <strong>no child&apos;s details are sent anywhere</strong>. Only the figures are loaded, after you have checked
        them.
      </p>
      <div className="field-row">
        <label htmlFor={filesId}>Choose the returns&apos; files</label>
        <input id={filesId} type="file" multiple accept=".csv,.xml" onChange={(e) => choose(e.target.files)} />
      </div>
      <div className="field-row">
        <label htmlFor={folderId}>or a folder of them</label>
        <input
          id={folderId}
          type="file"
          multiple
          // A folder picker: every file inside is offered (the .csv and .xml ones are used).
          {...{ webkitdirectory: '' }}
          onChange={(e) => choose(e.target.files)}
        />
      </div>
      <div className="field-row">
        <label htmlFor={quarterId}>Quarter to compute for</label>
        <select id={quarterId} value={asAt} onChange={(e) => (reset(), setAsAt(e.target.value))}>
          {ends.map((end) => (
            <option key={end} value={end}>
              {quarterWords(end)}
            </option>
          ))}
        </select>
      </div>
      <p>
        Figures for <strong>{la.name}</strong> ({la.code}).{' '}
        {files.length > 0 ? `${files.length} file${files.length === 1 ? '' : 's'} chosen.` : 'No files chosen yet.'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button--primary"
          disabled={files.length === 0 || state.status === 'running' || population.isPending}
          onClick={() => run(files, asAt, population.data?.population ?? [])}
        >
          Compute the figures
        </button>
      </div>
      <div aria-live="polite">
        {state.status === 'running' && (
          <p role="status">
            <label>
              {state.stage}… <progress max={1} value={state.done} aria-label="Computing the figures" />
            </label>
          </p>
        )}
        {state.status === 'failed' && (
          <p className="notice notice--error" role="alert">
            The files could not be read: {state.message}
          </p>
        )}
      </div>
      {state.status === 'done' && (
        <Results
          result={state.result}
          files={state.files}
          ms={state.ms}
          la={la}
          indicators={indicators}
          populationNote={population.data?.source ?? null}
        />
      )}
    </section>
  );
}

function Results({
  result,
  files,
  ms,
  la,
  indicators,
  populationNote,
}: {
  result: ComputeResult;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  ms: number;
  la: { code: string; name: string };
  indicators: Map<string, Indicator>;
  populationNote: string | null;
}) {
  const stopped = result.errors.length > 0;
  // Core's rule, as the server applies it: returns naming another council are not this council's figures.
  const otherCouncil = computedCouncilProblem({
    homeLa: la.code,
    returnsCouncil: result.la ?? null,
    rowCouncils: [],
    lineage: [],
  });
  return (
    <div className="returns-results">
      <h3>What the returns say</h3>
      <p role="status" data-compute-ms={Math.round(ms)}>
        Read {files.length} file{files.length === 1 ? '' : 's'} in {(ms / 1000).toFixed(1)} s: {result.errors.length}{' '}
        error{result.errors.length === 1 ? '' : 's'}, {result.warnings.length} warning
        {result.warnings.length === 1 ? '' : 's'}. As at {quarterWords(result.asAt)}, rule set {result.ruleSet}.
        {result.la === la.code ? ` The census names ${la.name} (${la.code}).` : ''}
      </p>
      {otherCouncil && !stopped && (
        <p className="notice notice--error" role="alert">
          These figures cannot be loaded: {otherCouncil}.
        </p>
      )}
      {stopped && (
        <p className="notice notice--error" role="alert">
          The returns have errors, so no figures were computed and nothing can be loaded. Correct them in the case
          system&apos;s extract and choose the files again.
        </p>
      )}
      <FindingTable caption="Errors" findings={result.errors} />
      <FindingTable caption="Warnings" findings={result.warnings} />
      {!stopped && (
        <>
          <FigureTable result={result} indicators={indicators} populationNote={populationNote} />
          {!otherCouncil && <SendFigures result={result} la={la} files={files} />}
        </>
      )}
    </div>
  );
}

function FindingTable({ caption, findings }: { caption: string; findings: Finding[] }) {
  if (findings.length === 0) return null;
  const shown = findings.slice(0, 200);
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table">
        <caption>
          {caption}: {findings.length}
          {findings.length > shown.length ? ` (the first ${shown.length} are listed)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Table</th>
            <th scope="col">Row</th>
            <th scope="col">Child</th>
            <th scope="col">Field</th>
            <th scope="col">DfE rule</th>
            <th scope="col">What is wrong</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={i}>
              <td>{f.file ?? ''}</td>
              <td>{f.table ?? ''}</td>
              <td>{f.row ?? ''}</td>
              <td>{f.child ?? ''}</td>
              <td>{f.field ?? ''}</td>
              <td>{f.rule ?? ''}</td>
              <td>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function figureText(
  f: { value: number | null; numerator: number | null; denominator: number | null },
  indicator?: Indicator,
) {
  if (f.value === null) return 'No figure';
  const main = formatFigure(f.value, indicator?.unit ?? 'score', indicator?.decimals ?? 1);
  return indicator?.unit === 'percent' && f.numerator !== null && f.denominator !== null
    ? `${main} (${f.numerator} of ${f.denominator})`
    : main;
}

function FigureTable({
  result,
  indicators,
  populationNote,
}: {
  result: ComputeResult;
  indicators: Map<string, Indicator>;
  populationNote: string | null;
}) {
  return (
    <>
      <h3>The figures</h3>
      <p>
        Each figure follows the rule written beside it, the same rules as the command line&apos;s. Open one to see its
        breakdowns and the children counted in it.
        {populationNote ? ` The rate per 10,000 uses ${populationNote}.` : ''}
      </p>
      <ul className="returns-figures">
        {result.figures.map((figure) => (
          <FigureItem
            key={figure.indicator}
            figure={figure}
            indicator={indicators.get(figure.indicator)}
            yearEnd={result.asAt.endsWith('-03-31')}
          />
        ))}
      </ul>
    </>
  );
}

function FigureItem({
  figure,
  indicator,
  yearEnd,
}: {
  figure: ComputedFigure;
  indicator: Indicator | undefined;
  /** Computed as at 31 March: the adoption scorecard's three-year figures are loaded. */
  yearEnd: boolean;
}) {
  const [showChildren, setShowChildren] = useState(false);
  const name = indicator?.label ?? figure.indicator;
  const dimensions = new Map<string, typeof figure.breakdowns>();
  for (const b of figure.breakdowns) dimensions.set(b.dimension, [...(dimensions.get(b.dimension) ?? []), b]);
  return (
    <li className="returns-figure">
      <h4>{name}</h4>
      <p className="returns-figure__value">
        <strong>{figureText(figure, indicator)}</strong>
        {figure.reason ? <span className="muted"> {figure.reason}</span> : null}
      </p>
      {figure.perYear && (
        <p>
          Over {figure.basis}
          {figure.denominator ? ` (${figure.denominator} ${figure.denominator === 1 ? 'child' : 'children'})` : ''}, the
          scorecard&apos;s three-year basis (one average over all the children, not an average of three yearly ones).
          Over {figure.perYear.basis}: <strong>{figureText(figure.perYear, indicator)}</strong>
          {figure.perYear.denominator !== null && indicator?.unit !== 'percent'
            ? ` (${figure.perYear.denominator} ${figure.perYear.denominator === 1 ? 'child' : 'children'})`
            : ''}
          . {yearEnd ? '' : 'Loaded only at a year end (31 March), as the three financial years DfE publishes.'}
        </p>
      )}
      <p className="muted">Rule: {figure.rule}</p>
      {dimensions.size > 0 && (
        <details>
          <summary>Breakdowns of {indicator?.shortLabel ?? figure.indicator}</summary>
          {[...dimensions].map(([dimension, groups]) => (
            <div
              className="table-scroll"
              role="region"
              aria-label={readBreakdownKey(`${dimension}:${groups[0]!.group}`)?.dimension.label ?? dimension}
              tabIndex={0}
              key={dimension}
            >
              <table className="data-table">
                <caption>{readBreakdownKey(`${dimension}:${groups[0]!.group}`)?.dimension.label ?? dimension}</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">Figure</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.group}>
                      <th scope="row">{g.label}</th>
                      <td>{figureText(g, indicator)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </details>
      )}
      <div className="actions">
        <button type="button" aria-expanded={showChildren} onClick={() => setShowChildren((s) => !s)}>
          {showChildren ? 'Hide' : 'Show'} who was counted in {indicator?.shortLabel ?? figure.indicator}
        </button>
        <button type="button" onClick={() => downloadUnits(figure)}>
          Download the list as CSV (to this computer)
        </button>
      </div>
      {showChildren && <UnitTable figure={figure} name={name} />}
    </li>
  );
}

function UnitTable({ figure, name }: { figure: ComputedFigure; name: string }) {
  const shown = figure.units.slice(0, 500);
  return (
    <div className="table-scroll" role="region" aria-label={`Who was counted in ${name}`} tabIndex={0}>
      <table className="data-table">
        <caption>
          Who was counted in {name}: {figure.units.length} considered
          {figure.units.length > shown.length ? ` (the first ${shown.length} are listed; the CSV has them all)` : ''}.
          For your eyes only: this list stays on this computer.
        </caption>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">What</th>
            <th scope="col">Counted</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((u, i) => (
            <tr key={i}>
              <td>{u.child}</td>
              <td>{u.unit ?? ''}</td>
              <td>{u.inNumerator ? 'Yes' : u.inDenominator ? 'In the total only' : 'No'}</td>
              <td>{u.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The units behind a figure as a CSV the browser saves: made here, never sent. */
function downloadUnits(figure: ComputedFigure): void {
  // core's one CSV writer: a child's id or a reason from an uploaded return is text a spreadsheet must not run.
  const lines = [
    'child,what,in_denominator,in_numerator,why',
    ...figure.units.map((u) =>
      csvLine([u.child, u.unit ?? '', u.inDenominator ? 'yes' : 'no', u.inNumerator ? 'yes' : 'no', u.reason]),
    ),
  ];
  const url = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${figure.indicator}-children.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The aggregates as a template file, checked by the server's dry run and committed as that plan. */
function SendFigures({
  result,
  la,
  files,
}: {
  result: ComputeResult;
  la: { code: string; name: string };
  files: Array<{ name: string; sha256: string }>;
}) {
  const dryRun = useDryRun();
  const commit = useCommit();
  const file = useMemo(() => {
    const csv = toTemplateCsv(result, la.code, {
      asAt: result.asAt,
      ruleSet: result.ruleSet,
      ...(result.la === undefined ? {} : { council: result.la }),
      files: files.map((f) => ({ name: f.name, sha256: f.sha256 })),
    });
    return new File([csv], `returns-${la.code}-${result.asAt}.csv`, { type: 'text/csv' });
  }, [result, la.code, files]);
  const figures = toAggregates(result).filter((f) => f.value !== null).length;
  const refused = reportOf(dryRun.error) ?? reportOf(commit.error);
  const report = dryRun.data;
  return (
    <>
      <h3>Load the figures</h3>
      <p>
        {figures} figures and their breakdowns go to Indicate as a load (the figures only, with each file&apos;s
        fingerprint and the rule set), checked first. No child&apos;s identifier or date of birth is sent.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button--primary"
          disabled={dryRun.isPending}
          onClick={() => dryRun.mutate(file)}
        >
          Check these figures for loading
        </button>
      </div>
      <div aria-live="polite">
        {dryRun.isPending && <p role="status">Checking…</p>}
        {(dryRun.isError || commit.isError) && !refused && (
          <p className="notice notice--error" role="alert">
            {(dryRun.error ?? commit.error)?.message}
          </p>
        )}
        {commit.isSuccess && (
          <p className="notice notice--success" role="status">
            Loaded as load {commit.data.loadId}: {commit.data.counts.new} new and {commit.data.counts.changed} changed
            figures.
          </p>
        )}
      </div>
      {refused && <LoadReportView report={refused} />}
      {report && !commit.isSuccess && (
        <>
          <LoadReportView report={report} />
          <CommitControl
            key={report.planHash}
            report={report}
            pending={commit.isPending}
            label="Load these figures"
            pendingLabel="Loading…"
            onCommit={(confirmJumps) =>
              report.planHash && commit.mutate({ file, planHash: report.planHash, confirmJumps })
            }
          />
        </>
      )}
    </>
  );
}
