import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch, withQuery } from './search.ts';

describe('search parameters in the address', () => {
  it('keeps a comma-separated list readable, and reads it back the same', () => {
    const text = stringifySearch({ la: '855,830,891', indicator: 'cp-repeat-plans,placements-3-or-more' });
    expect(text).toBe('?la=855,830,891&indicator=cp-repeat-plans,placements-3-or-more');
    expect(parseSearch(text)).toEqual({ la: '855,830,891', indicator: 'cp-repeat-plans,placements-3-or-more' });
  });

  it('still escapes what must be escaped, and leaves out empty values', () => {
    expect(withQuery('/sign-in', { redirect: '/compare?la=855,830&x=1', empty: '', none: undefined })).toBe(
      '/sign-in?redirect=%2Fcompare%3Fla%3D855,830%26x%3D1',
    );
    expect(parseSearch('?redirect=%2Fcompare%3Fla%3D855,830%26x%3D1')).toEqual({ redirect: '/compare?la=855,830&x=1' });
  });
});
