/**
 * Exact parsing of the decimal strings the Graph API sends (`"142.87"`, `"4.864865"`): the digits
 * are joined as text, never multiplied as floats, so `"0.29"` is 29 hundredths and not 28.999….
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The value in units of 10^-scale as an integer: `("142.87", 2)` → 14287. Digits beyond the scale
 * round half away from zero. Throws on anything that is not a plain decimal or does not fit exactly.
 */
export function parseScaledDecimal(text: string, scale: number): number {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Not a decimal: ${text.slice(0, 40)}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  const roundsUp = (fraction[scale] ?? '0') >= '5';
  const magnitude = Number(whole + kept) + (roundsUp ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) throw new RangeError('Decimal out of range');
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}
