import { UsageError } from './args';
import type { CliIo } from './io';

export async function runEval(_argv: readonly string[], _io: CliIo): Promise<number> {
  throw new UsageError('eval is not wired yet');
}
