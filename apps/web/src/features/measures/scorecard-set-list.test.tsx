import type { ScorecardSet } from '@indicate/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithRouter } from '../../test/router.tsx';
import { moved, ScorecardSetList, type SaveSet } from './scorecard-set-list.tsx';

const ref = (id: string, label: string, theme: string, themeLabel: string) => ({
  id,
  label,
  shortLabel: label,
  theme,
  themeLabel,
  unit: 'percent' as const,
  decimals: 1,
  polarity: 'low' as const,
});
const REPEAT = ref(
  'cp-repeat-plans',
  'Child protection plans that are a second or subsequent plan',
  'child-protection',
  'Child protection',
);
const MOVES = ref('placements-3-or-more', 'Children in care with three or more placements', 'cic', 'Children in care');
const RTA = ref(
  'lait-rta',
  'Children killed or seriously injured in road traffic accidents',
  'lait-health-and-wellbeing',
  'Health and Wellbeing',
);
const SET: ScorecardSet = { indicators: [REPEAT, MOVES, RTA], isDefault: false };

/** A save that the server accepts, answering with the set it was sent. */
function accepting() {
  return vi.fn<SaveSet>(async (ids) => ({
    indicators: (ids ?? [REPEAT.id, MOVES.id]).map((id) => [REPEAT, MOVES, RTA].find((i) => i.id === id)!),
    isDefault: ids === null,
  }));
}

const draw = (save: SaveSet, changes: Partial<Parameters<typeof ScorecardSetList>[0]> = {}) =>
  renderWithRouter(<ScorecardSetList set={SET} canChange pending={false} save={save} outcome={null} {...changes} />);

describe('moved', () => {
  it('swaps a measure with its neighbour, and leaves the ends alone', () => {
    expect(moved(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('ScorecardSetList', () => {
  it('lists the set in order, each measure linked to its page with its theme', async () => {
    await draw(accepting());
    const items = within(await screen.findByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      REPEAT.label,
      MOVES.label,
      RTA.label,
    ]);
    expect(items[2]).toHaveTextContent('(Health and Wellbeing)');
    expect(within(items[0]!).getByRole('link')).toHaveAttribute('href', '/indicators/cp-repeat-plans');
  });

  it('moves a measure up or down and says where it went', async () => {
    const save = accepting();
    await draw(save);
    await userEvent.click(await screen.findByRole('button', { name: `Move up: ${MOVES.label}` }));
    expect(save).toHaveBeenCalledWith([MOVES.id, REPEAT.id, RTA.id], expect.any(Function));
    const said = save.mock.calls[0]![1];
    expect(said({ indicators: [MOVES, REPEAT, RTA], isDefault: false })).toBe(
      `“${MOVES.label}” moved up: it is now number 1 of 3.`,
    );
    // The list is drawn from the set it is given (the server's), here unchanged.
    await userEvent.click(screen.getByRole('button', { name: `Move down: ${MOVES.label}` }));
    expect(save).toHaveBeenLastCalledWith([REPEAT.id, RTA.id, MOVES.id], expect.any(Function));
  });

  it('keeps the first measure from moving up and the last from moving down, without taking their buttons away', async () => {
    const save = accepting();
    await draw(save);
    const up = await screen.findByRole('button', { name: `Move up: ${REPEAT.label}` });
    const down = screen.getByRole('button', { name: `Move down: ${RTA.label}` });
    expect(up).toHaveAttribute('aria-disabled', 'true');
    expect(down).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(up);
    await userEvent.click(down);
    expect(save).not.toHaveBeenCalled();
  });

  it('removes a measure, and restores the default set', async () => {
    const save = accepting();
    await draw(save);
    await userEvent.click(await screen.findByRole('button', { name: `Remove: ${RTA.label}` }));
    expect(save).toHaveBeenCalledWith([REPEAT.id, MOVES.id], expect.any(Function));
    await userEvent.click(screen.getByRole('button', { name: 'Restore the default set' }));
    expect(save).toHaveBeenLastCalledWith(null, expect.any(Function));
    // Focus goes to the list's heading once the measure it was on has gone.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Your scorecard' })).toHaveFocus());
  });

  it('waits for one change to be saved before taking another', async () => {
    const save = accepting();
    await draw(save, { pending: true });
    await userEvent.click(await screen.findByRole('button', { name: `Remove: ${RTA.label}` }));
    expect(save).not.toHaveBeenCalled();
  });

  it('offers no restore while the set is the default', async () => {
    await draw(accepting(), { set: { ...SET, isDefault: true } });
    expect(await screen.findByText(/This is the default set/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Restore the default set' })).toBeNull();
  });

  it('is read-only for those who may not change it, and says who may', async () => {
    await draw(accepting(), { canChange: false });
    expect(await screen.findByRole('heading', { name: "The scorecard's measures" })).toBeVisible();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(
      screen.getByText('Analysts and admins can change which measures the scorecard shows, and their order.'),
    ).toBeVisible();
  });
});
