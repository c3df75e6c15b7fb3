import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { councilLabels, CouncilSelect } from './council-select.tsx';

const COUNCILS = [
  { code: '855', name: 'Leicestershire' },
  { code: '838', name: 'Dorset' },
  { code: '830', name: 'Derbyshire' },
  { code: '835', name: 'Dorset' },
];

describe('councilLabels', () => {
  it('gives the code only where two councils share a name', () => {
    expect([...councilLabels(COUNCILS)]).toEqual([
      ['855', 'Leicestershire'],
      ['838', 'Dorset (838)'],
      ['830', 'Derbyshire'],
      ['835', 'Dorset (835)'],
    ]);
  });
});

describe('CouncilSelect', () => {
  it('offers the councils by name, leaving out those excluded, after a first empty choice', async () => {
    const onChange = vi.fn();
    render(
      <>
        <label htmlFor="add">Council to add</label>
        <CouncilSelect
          councils={COUNCILS}
          value=""
          onChange={onChange}
          include={(code) => code !== '855'}
          placeholder="Choose a council"
          control={{ id: 'add' }}
        />
      </>,
    );
    const select = screen.getByRole('combobox', { name: 'Council to add' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a council', 'Derbyshire', 'Dorset (835)', 'Dorset (838)']);
    await userEvent.selectOptions(select, 'Derbyshire');
    expect(onChange).toHaveBeenCalledWith('830');
  });

  it('always offers the council chosen, even one the filter leaves out', () => {
    render(
      <CouncilSelect
        councils={COUNCILS}
        value="855"
        onChange={() => {}}
        include={() => false}
        control={{ id: 'la' }}
      />,
    );
    expect(screen.getByRole('combobox')).toHaveValue('855');
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });
});
