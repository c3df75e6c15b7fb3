import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client.ts';
import { ErrorNotice, QueryState } from './query-state.tsx';

/** A scorecard whose fetch fails until the server is back. */
function Scorecard({ fetch }: { fetch: () => Promise<string> }) {
  const query = useQuery({ queryKey: ['scorecard'], queryFn: fetch, retry: false });
  return (
    <QueryState query={query} what="scorecard">
      {(data) => <p>{data}</p>}
    </QueryState>
  );
}

function renderWithQueries(ui: React.ReactNode) {
  return render(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);
}

describe('QueryState', () => {
  it('says what is loading while it loads', () => {
    renderWithQueries(<Scorecard fetch={() => new Promise(() => {})} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading scorecard…');
  });

  it('shows the content once it has arrived', async () => {
    renderWithQueries(<Scorecard fetch={() => Promise.resolve('Leicestershire: Q1 2018/19')} />);
    expect(await screen.findByText('Leicestershire: Q1 2018/19')).toBeVisible();
  });

  it("says what failed in the server's words, and a retry loads it", async () => {
    let up = false;
    const fetch = () =>
      up ? Promise.resolve('Leicestershire: Q1 2018/19') : Promise.reject(new ApiError('The database is busy.', 503));
    renderWithQueries(<Scorecard fetch={fetch} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The scorecard could not be loaded: The database is busy.',
    );
    up = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Leicestershire: Q1 2018/19')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('ErrorNotice', () => {
  it("gives a refused write in the server's own words", () => {
    render(<ErrorNotice error={new ApiError('Reason must say why, in at least 10 characters.', 400)} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Reason must say why, in at least 10 characters.');
  });

  it('says something went wrong when the failure has no words for a person', () => {
    render(<ErrorNotice error={new TypeError('x is undefined')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong.');
  });
});
