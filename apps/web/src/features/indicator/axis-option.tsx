import { getRouteApi } from '@tanstack/react-router';
import { useId } from 'react';

const route = getRouteApi('/indicators/$id');

/** Whether the trend's value axis starts at zero: yes unless the address says zero=false. */
export function useZeroAxis(): boolean {
  return route.useSearch({ select: (search) => search.zero !== 'false' });
}

/** The trend chart's option, kept in the address so a chart can be shared as it was seen. */
export function ZeroAxisOption() {
  const id = useId();
  const zero = useZeroAxis();
  const navigate = route.useNavigate();
  return (
    <div className="chart-option">
      <div className="control--check">
        <input
          id={id}
          type="checkbox"
          aria-describedby={`${id}-hint`}
          checked={zero}
          onChange={(e) =>
            void navigate({
              search: (prev) => ({ ...prev, zero: e.target.checked ? undefined : 'false' }),
              resetScroll: false,
            })
          }
        />
        <label htmlFor={id}>Start the value axis at zero</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        Without zero the axis fits the figures: small changes look bigger than they are.
      </p>
    </div>
  );
}
