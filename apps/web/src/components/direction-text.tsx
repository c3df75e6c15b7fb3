import type { AssessmentOut } from '@indicate/contracts';
import { capitalise } from '../lib/words.ts';

const ARROWS: Record<string, string> = {
  better: '',
  worse: '',
  similar: '→',
  same: '→',
  higher: '↑',
  lower: '↓',
  new: '•',
};

/** Direction of travel as a word and an arrow: the arrow shows which way the figure moved. */
export function DirectionText({ direction }: { direction: AssessmentOut['vsPrevious'] }) {
  if (direction.direction === null) return <span className="muted">Not comparable</span>;
  const moved = direction.change === null ? '' : direction.change > 0 ? '↑' : direction.change < 0 ? '↓' : '→';
  const arrow = ARROWS[direction.direction] || moved;
  return (
    <span className={`direction direction--${direction.direction}`}>
      <span aria-hidden="true">{arrow} </span>
      {capitalise(direction.direction)}
    </span>
  );
}
