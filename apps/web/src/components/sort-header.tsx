export type SortDirection = 'ascending' | 'descending';

/**
 * A column heading that sorts its table: a button, with the column's order in aria-sort (read out by
 * screen readers) and an arrow for the eye, so the order is never shown by the arrow alone.
 */
export function SortHeader({
  label,
  direction,
  onSort,
  className,
}: {
  label: string;
  /** The column's order, or null when the table is sorted by another column. */
  direction: SortDirection | null;
  onSort: () => void;
  className?: string;
}) {
  return (
    <th scope="col" className={className} aria-sort={direction ?? undefined}>
      <button type="button" className="sort-button" onClick={onSort}>
        {label}
        <span aria-hidden="true" className="sort-button__arrow">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
