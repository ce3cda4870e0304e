import * as assert from 'node:assert/strict';
import { evaluateForCli, type KlCliFailure, type KlCliSuccess } from '../../../src/core/kl/cliEval';
import type { KlOptions } from '../../../src/core/kl/context';

export const nats: KlOptions = { unit: 'nats', strict: false };
export const strict: KlOptions = { unit: 'nats', strict: true };

export function ok(expression: string, options: KlOptions = nats, context?: string): KlCliSuccess {
  const result = evaluateForCli(expression, context, options);
  if ('error' in result) assert.fail(`${expression}: ${result.error.message}`);
  return result;
}

export function fails(expression: string, options: KlOptions = nats, context?: string): KlCliFailure['error'] {
  const result = evaluateForCli(expression, context, options);
  if (!('error' in result)) assert.fail(`${expression} should fail but gave ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The numeric value of an expression (∞ as Infinity). */
export function value(expression: string, options: KlOptions = nats): number {
  const result = ok(expression, options);
  if (result.value === 'Infinity') return Infinity;
  if (typeof result.value !== 'number') assert.fail(`${expression} is not a number: ${JSON.stringify(result.value)}`);
  return result.value;
}

/** A list literal that round-trips every double exactly. */
export function list(values: readonly number[]): string {
  return `[${values.map((x) => String(x)).join(', ')}]`;
}

/** |actual − expected| ≤ relative·|expected| + absolute (absolute for references that are themselves noisy near 0). */
export function assertClose(actual: number, expected: number, relative: number, message?: string, absolute = 0): void {
  const error = Math.abs(actual - expected);
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(error <= relative * scale + absolute, `${message ?? ''} expected ${expected}, got ${actual} (relative error ${error / scale})`);
}

/** The offset of `needle` in `haystack` (asserting it occurs exactly once). */
export function offsetOf(haystack: string, needle: string): number {
  const index = haystack.indexOf(needle);
  assert.ok(index >= 0 && haystack.indexOf(needle, index + 1) < 0, `"${needle}" must occur exactly once`);
  return index;
}
