import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';
import { evaluateForCli, type KlCliSuccess } from '../core/kl/cliEval';

/** `mathpost eval "<expression>" [--context note.md] [--format text|json] [--unit nats|bits] [--strict]` */
export async function runEval(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs(argv, [
    { name: 'context', takesValue: true },
    { name: 'format', takesValue: true, choices: ['text', 'json'] },
    { name: 'unit', takesValue: true, choices: ['nats', 'bits'] },
    { name: 'strict', takesValue: false },
  ]);
  if (positionals.length !== 1) throw new UsageError('eval takes exactly one expression (quote it)');
  const contextPath = options.get('context');
  let contextText: string | undefined;
  if (typeof contextPath === 'string') {
    try {
      contextText = io.readFile(contextPath);
    } catch (error) {
      throw new UsageError(`cannot read --context ${contextPath}: ${(error as Error).message}`);
    }
  }
  const unit = options.get('unit') === 'bits' ? 'bits' : 'nats';
  const result = evaluateForCli(positionals[0], contextText, { unit, strict: options.has('strict') });
  const json = options.get('format') === 'json';
  if ('error' in result) {
    if (json) io.stdout(JSON.stringify(result, null, 2) + '\n');
    else io.stderr(`error at offset ${result.error.offset}: ${result.error.message}\n${pointAt(positionals[0], result.error.offset)}`);
    return 1;
  }
  io.stdout(json ? JSON.stringify(result, null, 2) + '\n' : formatText(result));
  return 0;
}

function formatText(result: KlCliSuccess): string {
  const lines: string[] = [];
  const value = Array.isArray(result.value) || typeof result.value === 'object' ? JSON.stringify(result.value) : String(result.value);
  lines.push(result.unit ? `${value} ${result.unit}` : value);
  if (result.unit && result.bits !== undefined && result.nats !== undefined) lines.push(`= ${result.nats} nats = ${result.bits} bits`);
  if (result.standardError !== undefined && result.standardError !== null) lines.push(`standard error ${result.standardError} (${result.samples} samples)`);
  if (result.formula) lines.push(result.formula);
  if (result.reverse) lines.push(`reverse: ${result.reverse.nats} nats`);
  if (result.estimators) {
    for (const [name, moments] of Object.entries(result.estimators))
      lines.push(`${name}: mean ${moments.mean}, bias ${moments.bias ?? 'undefined'}, std ${moments.std}`);
  }
  if (result.perToken) lines.push(`per token: ${JSON.stringify(result.perToken)} (sum ${result.sum}, mean ${result.mean})`);
  if (result.infinite) lines.push(`infinite: outcome ${result.infinite.outcome} has p = ${result.infinite.p} but q = 0`);
  for (const warning of result.warnings) lines.push(`warning at offset ${warning.offset}: ${warning.message}`);
  return lines.join('\n') + '\n';
}

/** The expression with a caret under the offending character, like a compiler. */
function pointAt(expression: string, offset: number): string {
  if (expression.length > 200 || expression.includes('\n')) return '';
  return `  ${expression}\n  ${' '.repeat(Math.max(0, offset))}^\n`;
}
