import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assessment } from '../test/fixtures.ts';
import { RagBadge, RagCell, RagKey } from './rag.tsx';

describe('RagBadge', () => {
  it('says the status in words, so it never depends on colour or shape alone', () => {
    render(<RagBadge status="amber" />);
    expect(screen.getByText('Amber')).toBeVisible();
  });

  it('says "No RAG" for an indicator that has none', () => {
    render(<RagBadge status="none" />);
    expect(screen.getByText('No RAG')).toBeVisible();
  });

  it('keeps its shape out of what a screen reader reads', () => {
    const { container } = render(<RagBadge status="red" label="Red" />);
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    expect(container).toHaveTextContent(/^Red$/);
  });
});

describe('RagCell', () => {
  it('shows the status the rule proposed', () => {
    render(<RagCell rag={assessment().rag} />);
    expect(screen.getByText('Green')).toBeVisible();
    expect(screen.queryByText(/overridden/)).toBeNull();
  });

  it('shows both the override and what the rule proposed when a head of service changed it', () => {
    const rag = assessment().rag;
    render(
      <RagCell
        rag={{
          ...rag,
          status: 'red',
          label: 'Red',
          proposed: { ...rag.proposed, status: 'amber', label: 'Amber' },
          override: { status: 'red', label: 'Red', reason: 'Moves in June.', by: 'lead@example.org', at: '' },
        }}
      />,
    );
    expect(screen.getByText('Red')).toBeVisible();
    expect(screen.getByText('overridden; proposed amber')).toBeVisible();
  });
});

describe('RagKey', () => {
  it('gives what each status means, as the committee prints it', () => {
    render(<RagKey rag={{ green: 'Top quartile', amber: 'Middle quartiles', red: 'Bottom quartile' }} />);
    const terms = screen.getAllByRole('term').map((term) => term.textContent);
    const definitions = screen.getAllByRole('definition').map((d) => d.textContent);
    expect(terms).toEqual(['Green', 'Amber', 'Red']);
    expect(definitions).toEqual(['Top quartile', 'Middle quartiles', 'Bottom quartile']);
  });
});
