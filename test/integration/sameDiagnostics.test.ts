/**
 * Issue #13: one diagnostics pipeline. For every note of the example blog plus the project's fixture
 * notes (copied into the blog), the editor (diagnostics published while the note is open), the
 * "Validate All Posts" command and `mathpost check --format json` report exactly the same list.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { runCheck } from '../../src/cli/check';
import type { MathpostApi } from '../../src/extension';
import { closeAllEditors, mathpostExtension, openInEditor, waitFor, workspaceFile } from './helpers';

const CORPUS = 'source/_posts/corpus';
const fixtures = resolve(__dirname, '../../../test/fixtures');
const severityNames = ['error', 'warning', 'information', 'hint'];

type Listing = Map<string, string[]>;

function line(
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  severity: string,
  code: string,
  message: string,
): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${code} ${message}`;
}

function published(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => line(d.range, severityNames[d.severity], String(typeof d.code === 'object' ? d.code.value : d.code), d.message));
}

describe('one diagnostics pipeline: editor = "Validate All Posts" = mathpost check', function () {
  this.timeout(180_000);

  before(async () => {
    const notes = [
      ...readdirSync(join(fixtures, 'frontMatter/notes'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(fixtures, 'frontMatter/notes', name)),
      join(fixtures, 'kl/policy-kl.md'),
      ...readdirSync(join(fixtures, 'render'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(fixtures, 'render', name)),
    ];
    // A note whose snippets cannot evaluate, so the corpus has kl.* diagnostics too.
    const failingKl = '---\ntitle: failing kl\ndate: 2025-06-25 10:00:00\n---\n\n```kl\np = [0.5, 0.5]\nq = [1, 0]\nkl(p, q)\nx = (((\n```\n';
    await vscode.workspace.fs.writeFile(workspaceFile(`${CORPUS}/failing-kl.md`), new TextEncoder().encode(failingKl));
    for (const [index, path] of notes.entries()) {
      const name = `${String(index).padStart(3, '0')}-${path.split(/[\\/]/).pop()}`;
      await vscode.workspace.fs.writeFile(workspaceFile(`${CORPUS}/${name}`), readFileSync(path));
    }
  });

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceFile(CORPUS), { recursive: true, useTrash: false });
  });

  it('reports the same diagnostics for every note of the corpus', async () => {
    const files = (await vscode.workspace.findFiles('source/**/*.md')).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    assert.ok(files.length >= 40, `corpus of ${files.length} notes`);
    await openInEditor('source/_posts/kl-divergence.md');
    const api = mathpostExtension().exports as MathpostApi;

    const editor: Listing = new Map();
    for (const uri of files) {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      await waitFor(() => api.resources().pendingChecks === 0, `the editor's check of ${uri.fsPath}`);
      editor.set(uri.fsPath, published(uri));
    }
    await closeAllEditors();

    const result = await vscode.commands.executeCommand<{ files: number }>('mathpost.validateAllPosts');
    assert.equal(result.files, files.length);
    const command: Listing = new Map(files.map((uri) => [uri.fsPath, published(uri)]));

    let json = '';
    const io = {
      stdout: (text: string) => void (json += text),
      stderr: () => undefined,
      readFile: (path: string) => readFileSync(path, 'utf8'),
      writeFile: () => undefined,
      version: 'test',
    };
    await runCheck(['--format', 'json', workspaceFile('source').fsPath], io);
    const cli: Listing = new Map(files.map((uri) => [uri.fsPath, [] as string[]]));
    for (const entry of JSON.parse(json) as Array<{ file: string; range: Parameters<typeof line>[0]; severity: string; code: string; message: string }>) {
      cli.get(resolve(process.cwd(), entry.file))?.push(line(entry.range, entry.severity, entry.code, entry.message));
    }

    let total = 0;
    const codes = new Set<string>();
    for (const uri of files) {
      const sorted = (listing: Listing) => [...(listing.get(uri.fsPath) ?? [])].sort();
      assert.deepEqual(sorted(command), sorted(editor), `"Validate All Posts" vs the editor on ${uri.fsPath}`);
      assert.deepEqual(sorted(cli), sorted(editor), `mathpost check vs the editor on ${uri.fsPath}`);
      total += sorted(editor).length;
      for (const entry of sorted(editor)) codes.add(entry.split(' ')[2]);
    }
    // Not vacuous: the corpus exercises all three families of checks.
    assert.ok(total > 50, `${total} diagnostics`);
    for (const family of ['frontmatter.', 'math.', 'kl.'])
      assert.ok(
        [...codes].some((code) => code.startsWith(family)),
        `no ${family}* diagnostic in the corpus`,
      );
  });
});
