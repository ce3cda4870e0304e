import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsFor, openInEditor } from './helpers';

const NOTE = 'source/_posts/needs-fixes.md';

async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('front-matter validation in the editor', () => {
  afterEach(async () => {
    await revertActiveEditor();
    await closeAllEditors();
  });

  it('puts the problems of a post in the Problems panel at the exact spans', async () => {
    const { document } = await openInEditor(NOTE);
    const diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => d.code === 'frontmatter.unknown-key'));
    const byCode = (code: string) => diagnostics.find((d) => d.code === code);
    const impossibleDate = byCode('frontmatter.date-impossible');
    assert.ok(impossibleDate, 'the impossible date 2025-02-30 is reported');
    assert.equal(impossibleDate.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(impossibleDate.range), '2025-02-30');
    const unknownKey = byCode('frontmatter.unknown-key');
    assert.ok(unknownKey);
    assert.equal(document.getText(unknownKey.range), 'Category');
    assert.match(unknownKey.message, /categories/);
    const stringBoolean = byCode('frontmatter.string-boolean');
    assert.ok(stringBoolean);
    assert.equal(stringBoolean.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(byCode('frontmatter.math-not-loaded'), 'math without katex: true is reported');
  });

  it('puts a KaTeX parse error in the Problems panel with its code and range', async () => {
    const { document } = await openInEditor(NOTE);
    const diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => d.code === 'math.parse-error'));
    const parseErrors = diagnostics.filter((d) => d.code === 'math.parse-error');
    assert.equal(parseErrors.length, 1, parseErrors.map((d) => d.message).join('; '));
    const [error] = parseErrors;
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    // KaTeX's own message for `\frac{1}{2` (an argument never closed), not the front-matter "KaTeX" warning.
    assert.match(error.message, /^KaTeX: Unexpected end of input in a macro argument, expected '\}'/);
    // KaTeX reports the error where the input ran out (position = the TeX's length): the closing `$$` of the
    // display block, line 14 (0-based 13), first character.
    assert.equal(document.lineAt(error.range.start.line).text, '$$');
    assert.deepEqual([error.range.start.line, error.range.start.character, error.range.end.line, error.range.end.character], [13, 0, 13, 1]);
    assert.equal(document.lineAt(12).text, '\\frac{1}{2');
  });

  it('applies the rename quick fix through the API and changes only the key', async () => {
    const { document } = await openInEditor(NOTE);
    const before = document.getText();
    const diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => d.code === 'frontmatter.unknown-key'));
    const unknownKey = diagnostics.find((d) => d.code === 'frontmatter.unknown-key');
    assert.ok(unknownKey);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      unknownKey.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((action) => action.edit && /categories/.test(action.title));
    assert.ok(rename?.edit, `a quick fix renames the key (got: ${actions.map((a) => a.title).join(' | ')})`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    const start = document.offsetAt(unknownKey.range.start);
    assert.equal(document.getText(), before.slice(0, start) + 'categories' + before.slice(start + 'Category'.length));
  });

  it('turns a string boolean into a real boolean, touching only the value', async () => {
    const { document } = await openInEditor(NOTE);
    const before = document.getText();
    const diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => d.code === 'frontmatter.string-boolean'));
    const stringBoolean = diagnostics.find((d) => d.code === 'frontmatter.string-boolean');
    assert.ok(stringBoolean);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      stringBoolean.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.edit && /real boolean/.test(action.title));
    assert.ok(fix?.edit, `a quick fix makes it a boolean (got: ${actions.map((a) => a.title).join(' | ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), before.replace("toc: 'false'", 'toc: false'));
  });

  it('shows key documentation on hover', async () => {
    const { document } = await openInEditor('source/_posts/kl-divergence.md');
    const position = document.positionAt(document.getText().indexOf('katex: true') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /katex/i);
    assert.match(text, /per_page/);
  });
});
