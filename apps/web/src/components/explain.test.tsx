import { GLOSSARY } from '@indicate/core';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithRouter } from '../test/router.tsx';
import { Explain } from './explain.tsx';

describe('Explain', () => {
  it('opens the plain-English definition in place, by a button, with a link to the glossary', async () => {
    await renderWithRouter(<Explain term="statistical-neighbours">Statistical neighbours</Explain>);
    const button = await screen.findByRole('button', { name: 'What is “Statistical neighbours”?' });
    const definition = GLOSSARY.find((t) => t.id === 'statistical-neighbours')!.definition;
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(definition, { exact: false })).not.toBeVisible();
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(definition, { exact: false })).toBeVisible();
    expect(screen.getByRole('link', { name: 'All terms in the glossary' })).toHaveAttribute(
      'href',
      '/glossary#statistical-neighbours',
    );
  });

  it('defines every term the issue names for councillors', () => {
    const ids = GLOSSARY.map((t) => t.id);
    for (const id of [
      'quartile',
      'statistical-neighbours',
      'england',
      'rag',
      'rag-key',
      'polarity',
      'direction',
      'provisional',
      'suppressed',
      'as-published',
      'percentage-points',
      'rate-per-10000',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
