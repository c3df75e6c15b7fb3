/**
 * DfE's open-data symbols. A symbol is the *reason* a number is absent; it is never a number.
 * (DfE's own dashboard turns them into negative numbers; we must not.)
 */
export const DFE_SYMBOLS = {
  c: 'not shown: small number (suppressed to protect confidentiality)',
  low: 'rounds to zero, but is not zero',
  k: 'rounds to zero, but is not zero (older releases)',
  u: 'low reliability',
  x: 'not available',
  z: 'not applicable',
} as const;

export type DfeSymbol = keyof typeof DFE_SYMBOLS;

export function isDfeSymbol(text: string): text is DfeSymbol {
  return Object.hasOwn(DFE_SYMBOLS, text);
}

export function symbolMeaning(symbol: DfeSymbol): string {
  return DFE_SYMBOLS[symbol];
}

/**
 * One observed figure: either a number or the DfE symbol that stands in its place.
 * Every domain function takes Readings, so a suppressed figure cannot slip into arithmetic.
 */
export type Reading = { kind: 'value'; value: number } | { kind: 'symbol'; symbol: DfeSymbol };

export const valueReading = (value: number): Reading => ({ kind: 'value', value });
export const symbolReading = (symbol: DfeSymbol): Reading => ({ kind: 'symbol', symbol });

/** The number behind a reading, or null when a symbol stands in its place. */
export function numericValue(reading: Reading | null | undefined): number | null {
  return reading?.kind === 'value' ? reading.value : null;
}

/** Why a reading has no usable number, in words; null when it has one. */
export function absenceReason(reading: Reading | null | undefined): string | null {
  if (reading == null) return 'no value';
  if (reading.kind === 'symbol') return `${symbolMeaning(reading.symbol)} (${reading.symbol})`;
  return null;
}

export type CellParse =
  { kind: 'empty' } | { kind: 'reading'; reading: Reading } | { kind: 'invalid'; message: string };

// Plain decimal numbers only: no exponents, no thousands separators, no percent signs.
// A cell that looks like a formula or carries units is an error for the loader to report, not to guess at.
const DECIMAL = /^-?(\d+)(\.\d+)?$/;

/**
 * Reads one data cell as published by DfE or typed in the Indicate template: a plain number, a DfE
 * symbol, or empty. Whitespace around the cell is ignored; symbols are case-sensitive as DfE prints them.
 */
export function parseCell(raw: string): CellParse {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  if (isDfeSymbol(text)) return { kind: 'reading', reading: symbolReading(text) };
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value) && Math.abs(value) < 1e15) {
      return { kind: 'reading', reading: valueReading(value) };
    }
    return { kind: 'invalid', message: `number "${shorten(text)}" is too large` };
  }
  return {
    kind: 'invalid',
    message: `"${shorten(text)}" is neither a number nor a DfE symbol (${Object.keys(DFE_SYMBOLS).join(', ')})`,
  };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
