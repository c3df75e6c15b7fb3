import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SortHeader } from './sort-header.tsx';

const inTable = (header: React.ReactNode) => (
  <table>
    <thead>
      <tr>{header}</tr>
    </thead>
  </table>
);

describe('SortHeader', () => {
  it('says the column order in aria-sort, so it is not shown by the arrow alone', () => {
    render(inTable(<SortHeader label="Value" direction="descending" onSort={() => {}} />));
    expect(screen.getByRole('columnheader', { name: 'Value' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('has no aria-sort while the table is sorted by another column', () => {
    render(inTable(<SortHeader label="Rank" direction={null} onSort={() => {}} />));
    expect(screen.getByRole('columnheader', { name: 'Rank' })).not.toHaveAttribute('aria-sort');
  });

  it('sorts with a button named by the column, which works from the keyboard', async () => {
    const onSort = vi.fn();
    render(inTable(<SortHeader label="Region" direction={null} onSort={onSort} />));
    screen.getByRole('button', { name: 'Region' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onSort).toHaveBeenCalledTimes(1);
  });
});
