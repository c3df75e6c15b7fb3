import type { IndicatorDetail, IndicatorList } from '@indicate/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MeasureSelect } from './measure-select.tsx';

const measure = (id: string, label: string, theme: string) => ({ id, label, theme }) as IndicatorDetail;

const LIST: IndicatorList = {
  themes: [
    { id: 'children-in-care', label: 'Children in care and placement stability', outcome: '' },
    { id: 'missing', label: 'Missing children and exploitation', outcome: '' },
    { id: 'lait-key-stage-2', label: 'Key Stage 2', outcome: '' },
  ],
  indicators: [
    measure('ks2-rwm', 'Pupils meeting the expected standard in reading, writing and maths', 'lait-key-stage-2'),
    measure('placements-3-or-more', 'Children in care with 3 or more placements during the year', 'children-in-care'),
    measure('missing-episodes', 'Missing episodes', 'missing'),
  ],
};

describe('MeasureSelect', () => {
  it('groups the measures by theme, in the catalogue order of themes, leaving out empty themes', async () => {
    const onChange = vi.fn();
    render(
      <>
        <label htmlFor="m">Measure</label>
        <MeasureSelect
          list={LIST}
          value="placements-3-or-more"
          onChange={onChange}
          include={(i) => i.id !== 'missing-episodes'}
          control={{ id: 'm' }}
        />
      </>,
    );
    const select = screen.getByRole('combobox', { name: 'Measure' });
    const groups = within(select).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual([
      'Children in care and placement stability',
      'Key Stage 2',
    ]);
    expect(within(groups[1]!).getByRole('option').textContent).toBe(
      'Pupils meeting the expected standard in reading, writing and maths',
    );
    await userEvent.selectOptions(select, 'ks2-rwm');
    expect(onChange).toHaveBeenCalledWith('ks2-rwm');
  });

  it('starts with an empty choice when it adds a measure', () => {
    render(
      <MeasureSelect list={LIST} value="" onChange={() => {}} placeholder="Choose a measure" control={{ id: 'm' }} />,
    );
    expect(screen.getByRole('combobox')).toHaveValue('');
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('Choose a measure');
  });
});
