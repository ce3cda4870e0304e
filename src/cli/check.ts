import { UsageError } from './args';
import type { CliIo } from './io';

export async function runCheck(_argv: readonly string[], _io: CliIo): Promise<number> {
  throw new UsageError('check is not wired yet');
}
