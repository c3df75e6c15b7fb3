import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithSession } from '../../test/session.tsx';
import { TemplateDownload } from './template-download.tsx';

describe('TemplateDownload', () => {
  it('offers the quarter just ended by default, and links both formats to the chosen quarter', async () => {
    await renderWithSession(<TemplateDownload today={new Date('2026-12-01T00:00:00Z')} />);
    const select = screen.getByLabelText('Quarter you are reporting');
    expect((select as HTMLSelectElement).value).toBe('2026-27-Q2');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Q3 2026/27 (Oct-Dec 2026)',
      'Q2 2026/27 (Jul-Sep 2026)',
      'Q1 2026/27 (Apr-Jun 2026)',
      'Q4 2025/26 (Jan-Mar 2026)',
      'Q3 2025/26 (Oct-Dec 2025)',
    ]);
    await userEvent.selectOptions(select, '2026-27-Q3');
    expect(screen.getByRole('link', { name: 'Download the template (CSV)' }).getAttribute('href')).toBe(
      '/api/loads/template.csv?quarter=2026-27-Q3',
    );
    expect(screen.getByRole('link', { name: 'Download the template (Excel)' }).getAttribute('href')).toBe(
      '/api/loads/template.xlsx?quarter=2026-27-Q3',
    );
    expect(screen.getByText(/for Leicestershire/)).toBeTruthy();
  });
});
