/**
 * The core seam's lint rule (eslint.config.mjs): the adapters import only types from src/core and reach its values
 * through core() (src/coreLoader.ts), so the build cannot pull the core into dist/extension.js. Linted with the
 * project's own configuration, as `npm run lint` does.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';

// out/test/unit/coreSeam.test.js -> project root
const root = join(__dirname, '..', '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

async function lint(path: string, code: string): Promise<LintMessage[]> {
  // ESLint is an ES module package; load it as Node does, not through the compiled require.
  const { ESLint } = (await import('eslint')) as {
    ESLint: new (options: { cwd: string }) => { lintText(code: string, options: { filePath: string }): Promise<Array<{ messages: LintMessage[] }>> };
  };
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: join(root, path) });
  return result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports');
}

const valueImport = "import { hoverAt } from '../core/kl/hover';\nexport const hover = hoverAt;\n";
const typeImport = "import type { KlOptions } from '../core/kl/context';\nexport type Options = KlOptions;\n";

describe('the core seam (lint)', function () {
  this.timeout(60_000);

  it('forbids an adapter to import a value from src/core', async () => {
    for (const path of ['src/vscode/newAdapter.ts', 'src/preview/newAdapter.ts']) {
      const messages = await lint(path, valueImport);
      assert.equal(messages.length, 1, `${path}: ${JSON.stringify(messages)}`);
      assert.match(messages[0].message, /core\(\)/);
    }
    const fromRoot = await lint('src/extension.ts', "import { checkNote } from './core';\nexport const check = checkNote;\n");
    assert.equal(fromRoot.length, 1, 'the facade itself is a value import too');
  });

  it('lets adapters import types from src/core, and the core import its own values', async () => {
    assert.deepEqual(await lint('src/vscode/newAdapter.ts', typeImport), []);
    assert.deepEqual(await lint('src/vscode/newAdapter.ts', "import { core } from '../coreLoader';\nexport const c = core;\n"), []);
    assert.deepEqual(await lint('src/core/kl/newModule.ts', "import { hoverAt } from './hover';\nexport const hover = hoverAt;\n"), []);
  });
});
