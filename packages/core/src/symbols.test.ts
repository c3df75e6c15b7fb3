import { describe, expect, it } from 'vitest';
import { absenceReason, numericValue, parseCell, symbolReading, valueReading } from './symbols.ts';

describe('parseCell', () => {
  it.each([
    ['12.5', 12.5],
    [' 12.5 ', 12.5],
    ['0', 0],
    ['-0.10', -0.1],
    ['3703', 3703],
  ])('reads %j as the number %d', (raw, expected) => {
    expect(parseCell(raw)).toEqual({ kind: 'reading', reading: valueReading(expected) });
  });

  it.each(['c', 'low', 'k', 'u', 'x', 'z'] as const)('reads the DfE symbol %j as a reason, not a number', (raw) => {
    const parsed = parseCell(raw);
    expect(parsed).toEqual({ kind: 'reading', reading: symbolReading(raw) });
  });

  it.each(['', '   '])('reads %j as empty', (raw) => {
    expect(parseCell(raw)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['=1+1', 'neither a number nor a DfE symbol'],
    ['12%', 'neither a number nor a DfE symbol'],
    ['1,234', 'neither a number nor a DfE symbol'],
    ['1e5', 'neither a number nor a DfE symbol'],
    ['C', 'neither a number nor a DfE symbol'],
    ['NaN', 'neither a number nor a DfE symbol'],
    ['9'.repeat(400), 'too large'],
  ])('refuses %j with a message', (raw, message) => {
    const parsed = parseCell(raw);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.message).toContain(message);
  });
});

describe('numericValue and absenceReason', () => {
  it('gives no number for a symbol and says why', () => {
    expect(numericValue(symbolReading('c'))).toBeNull();
    expect(absenceReason(symbolReading('c'))).toBe(
      'not shown: small number (suppressed to protect confidentiality) (c)',
    );
    expect(absenceReason(null)).toBe('no value');
  });

  it('gives the number of a value, zero included', () => {
    expect(numericValue(valueReading(0))).toBe(0);
    expect(absenceReason(valueReading(0))).toBeNull();
  });
});
