import { describe, expect, it } from 'vitest';
import { audienceOf } from './words.ts';

describe('audienceOf: who a page is for, from the permission table', () => {
  it.each([
    ['load', 'analysts'],
    ['admin', 'admins'],
    ['override', 'service leads'],
    ['pack', 'service leads and analysts'],
    ['signed-in', 'signed-in users'],
  ] as const)('%s is for %s', (access, words) => {
    expect(audienceOf(access)).toBe(words);
  });
});
