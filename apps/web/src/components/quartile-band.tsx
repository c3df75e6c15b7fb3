import type { AssessmentOut } from '@indicate/contracts';
import { formatDifference, quartileWords, type Band, type Unit } from '@indicate/core';
import { capitalise } from '../lib/words.ts';

const BANDS: Band[] = [1, 2, 3, 4];
const bandName = (band: number) => capitalise(quartileWords(band as Band));

/** Where the council sits among every council: its band, rank, distance to the next band and the cut points. */
export function QuartileBand({
  quartile,
  format,
  councilName,
  unit,
  decimals,
}: {
  quartile: NonNullable<AssessmentOut['quartile']>;
  format: (v: number | null) => string;
  councilName: string;
  /** For the distance to the next band: percentage points for a percentage (core's formatDifference). */
  unit: Unit;
  decimals: number;
}) {
  const cuts = quartile.cutPoints;
  return (
    <figure className="quartile">
      <figcaption>
        National quartile ({quartile.basis === 'published' ? 'as published' : `all councils, ${quartile.period.label}`}
        ): <strong>{bandName(quartile.band)}</strong>
        {quartile.rank !== null && quartile.outOf !== null && `, ranked ${quartile.rank} of ${quartile.outOf}`}
        {quartile.nextBand &&
          `; ${formatDifference(quartile.nextBand.distance, unit, decimals)} from the ${quartileWords(quartile.nextBand.band as Band)}`}
        .
      </figcaption>
      <ol className="quartile__band" aria-label="Quartiles, best first">
        {BANDS.map((band) => (
          <li key={band} className={band === quartile.band ? 'quartile__cell quartile__cell--here' : 'quartile__cell'}>
            {bandName(band)}
            {band === quartile.band && <span> ◆ {councilName}</span>}
          </li>
        ))}
      </ol>
      {cuts && (
        <p className="muted">
          Cut points (lowest to highest): {format(cuts.min)}, {format(cuts.q25)}, {format(cuts.q50)}, {format(cuts.q75)}
          , {format(cuts.max)}.
        </p>
      )}
    </figure>
  );
}
