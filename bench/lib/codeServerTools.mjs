// The project's code-server, Chromium and workspace helpers (scripts/lib/), for the benchmarks that
// measure a real VS Code. Loaded on demand so the other benchmarks run where they are not set up;
// a missing piece is NotAvailable (the row says why) rather than a failure of the suite.
import { existsSync } from 'node:fs';
import { NotAvailable } from './ours.mjs';

const scriptsLib = new URL('../../scripts/lib/', import.meta.url);

export async function loadCodeServerTools() {
  const names = ['codeServer.mjs', 'browser.mjs', 'paths.mjs', 'processes.mjs', 'workspace.mjs'];
  for (const name of names) if (!existsSync(new URL(name, scriptsLib))) throw new NotAvailable(`scripts/lib/${name} is missing`);
  const [codeServer, browser, paths, processes, workspace] = await Promise.all(names.map((name) => import(new URL(name, scriptsLib).href)));
  if (!existsSync(paths.node24)) throw new NotAvailable('Node 24 is not set up (run node scripts/setup-tools.mjs)');
  if (!existsSync(paths.codeServerEntry)) throw new NotAvailable('code-server is not set up (run node scripts/setup-tools.mjs)');
  if (!existsSync(paths.chromiumPath)) throw new NotAvailable(`${paths.chromiumPath} is missing`);
  return { codeServer, browser, paths, processes, workspace };
}
