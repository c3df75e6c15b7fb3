import type { LoadReport } from '@indicate/contracts';
import { useId, useState, type ReactNode } from 'react';

/**
 * The commit button under a dry run's report. When the council's own figures move far from its last ones
 * (`toConfirm`: a neighbour's returns, a wrong file, a year's extract given as a quarter's), they are listed
 * here and the button stays disabled until the analyst ticks that they have looked at them: the server
 * refuses the commit otherwise.
 */
export function CommitControl({
  report,
  pending,
  label,
  pendingLabel,
  onCommit,
  children,
}: {
  report: LoadReport;
  /** Other buttons beside the commit (Cancel). */
  children?: ReactNode;
  pending: boolean;
  label: string;
  pendingLabel: string;
  onCommit: (confirmJumps: boolean) => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const id = useId();
  const jumps = report.toConfirm;
  const nothing = report.counts.new + report.counts.changed === 0;
  return (
    <>
      {jumps.length > 0 && (
        <div className="notice notice--warning" role="group" aria-labelledby={`${id}-title`}>
          <h4 className="notice__title" id={`${id}-title`}>
            Check {jumps.length === 1 ? 'this figure' : `these ${jumps.length} figures`} before loading
          </h4>
          <p>
            {jumps.length === 1 ? 'It moves' : 'They move'} further from the council&apos;s last figures than the
            indicator usually does. Real figures do jump, but so do figures from another council&apos;s returns, the
            wrong file or the wrong period.
          </p>
          <ul>
            {jumps.map((j, i) => (
              <li key={i}>
                {j.row === null ? '' : `Row ${j.row}: `}
                {j.message}
              </li>
            ))}
          </ul>
          <p className="checkbox">
            <input
              id={`${id}-confirm`}
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <label htmlFor={`${id}-confirm`}>I have checked these figures and they are right</label>
          </p>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button--primary"
          disabled={pending || nothing || (jumps.length > 0 && !confirmed)}
          onClick={() => onCommit(jumps.length > 0 && confirmed)}
        >
          {pending ? pendingLabel : label}
        </button>
        {children}
      </div>
    </>
  );
}
