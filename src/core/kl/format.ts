/** Number formatting shared by hovers, cards and messages. */

/** Seven significant digits, no trailing zeros, ∞ for infinity; exponent form when tiny or huge. */
export function formatNumber(value: number, digits = 7): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e7) {
    const fixed = value.toPrecision(digits);
    return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${trimmed}e${exponent.replace('+', '')}`;
}

/** A list of numbers shortened to `limit` entries: `[0.1, 0.2, … (1000 entries)]`. */
export function formatList(values: ArrayLike<number>, labels?: readonly string[], limit = 8): string {
  const shown: string[] = [];
  const count = Math.min(values.length, limit);
  for (let i = 0; i < count; i++) {
    shown.push(labels ? `${labels[i]}: ${formatNumber(values[i], 6)}` : formatNumber(values[i], 6));
  }
  const more = values.length > limit ? `, … (${values.length})` : '';
  return labels ? `{${shown.join(', ')}${more}}` : `[${shown.join(', ')}${more}]`;
}

export const NATS_TO_BITS = Math.LOG2E;
