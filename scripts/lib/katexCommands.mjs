// The LaTeX commands and environments KaTeX itself defines, for the completion inside math (issue #11).
// Read from KaTeX's own registration tables — `_functions` (every defineFunction), the math and text symbol
// tables, `_macros` (every defineMacro) and `_environments` — by bundling its sources (katex/src/*.ts, shipped
// in the npm package) and evaluating them here. So the list is exactly what the installed KaTeX parses, with
// each function's argument counts for the snippets, and changes when KaTeX is updated.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const ENTRY = `
import { _functions } from 'katex/src/defineFunction.ts';
import 'katex/src/functions.ts';
import symbols from 'katex/src/symbols.ts';
import { _macros } from 'katex/src/defineMacro.ts';
import 'katex/src/macros.ts';
import { _environments } from 'katex/src/defineEnvironment.ts';
import 'katex/src/environments.ts';
export const tables = { functions: _functions, symbols, macros: _macros, environments: _environments };
`;

const COMMAND = /^\\[a-zA-Z]+$/;

/** `{ commands: [{ name, kind, args, optionalArgs }], environments: [{ name, args }] }`, sorted by name. */
export async function katexCommands(root) {
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'error',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const { functions, symbols, macros, environments } = module.exports.tables;
  const commands = new Map();
  const add = (name, entry) => {
    if (COMMAND.test(name) && !commands.has(name)) commands.set(name, { name, ...entry });
  };
  for (const [name, spec] of Object.entries(functions)) {
    if (spec.allowedInMath === false) continue;
    add(name, { kind: 'function', args: spec.numArgs ?? 0, optionalArgs: spec.numOptionalArgs ?? 0 });
  }
  for (const name of Object.keys(symbols.math)) add(name, { kind: 'symbol', args: 0, optionalArgs: 0 });
  for (const name of Object.keys(macros)) add(name, { kind: 'macro', args: 0, optionalArgs: 0 });
  const byName = (a, b) => a.name.localeCompare(b.name);
  return {
    katexVersion: createRequire(import.meta.url)('katex/package.json').version,
    commands: [...commands.values()].sort(byName),
    environments: Object.entries(environments)
      .map(([name, spec]) => ({ name, args: spec.numArgs ?? 0 }))
      .sort(byName),
  };
}
