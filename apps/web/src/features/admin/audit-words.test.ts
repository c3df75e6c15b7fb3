import { describe, expect, it } from 'vitest';
import { actionWords, changeWords } from './audit-words.ts';

describe('the audit log in words', () => {
  it('says what changed field by field, not as JSON', () => {
    expect(
      changeWords(
        JSON.stringify({ role: 'viewer', themes: [], disabled: false }),
        JSON.stringify({ role: 'service-lead', themes: ['adoption'], disabled: false }),
      ),
    ).toBe('role: viewer → service-lead; themes: (none) → adoption');
    expect(changeWords(JSON.stringify('default'), JSON.stringify(['lait-rta', 'cp-repeat-plans']))).toBe(
      'default → lait-rta, cp-repeat-plans',
    );
    expect(changeWords(null, JSON.stringify({ id: 3, text: 'Recruiting.', status: 'published' }))).toBe(
      'id: 3; text: Recruiting.; status: published',
    );
    expect(changeWords(null, null)).toBe('');
  });

  it('names each action in words', () => {
    expect(actionWords('rag-override')).toBe('Overrode a RAG status');
    expect(actionWords('password-reset')).toBe('Reset a password');
  });
});
