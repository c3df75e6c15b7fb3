import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

const fields = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.records.map((r) => r.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it('reads plain rows with LF, CRLF or CR line ends', () => {
    expect(fields('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('ignores a byte-order mark and blank lines, keeps empty fields', () => {
    expect(fields('\uFEFFa,b,c\n1,,\n\n\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('a,b\n"x, y","say ""hi"""\n"two\r\nlines",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('gives the line each record starts on', () => {
    const result = parseCsv('a\n"1\n2"\n3\n');
    expect(result.ok && result.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reports an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a,b\n"open,2\n')).toEqual({ ok: false, line: 2, message: 'a quoted field is never closed' });
    expect(parseCsv('a,b\n"x"y,2\n')).toMatchObject({ ok: false, line: 2 });
  });
});
