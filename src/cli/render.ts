import { UsageError } from './args';
import type { CliIo } from './io';

export async function runRender(_argv: readonly string[], _io: CliIo): Promise<number> {
  throw new UsageError('render is not wired yet');
}
