/**
 * Issue #15: the editor publishes a long post's diagnostics in stages. When the post opens, its front-matter
 * problems are shown while KaTeX is still checking the formulas; the full set follows and is exactly what
 * `mathpost check` prints; an edit made meanwhile stops the older check, which never publishes.
 *
 * The post's formulas use a macro, defined in its first formula, that expands to a few dozen tokens: KaTeX's
 * check of the post then takes long enough (hundreds of ms) for the test to see the state between the stages
 * and to edit in the middle of it on any machine, without timing anything.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { runCheck } from '../../src/cli/check';
import type { MathpostApi } from '../../src/extension';
import { closeAllEditors, mathpostExtension, openInEditor, waitFor, workspaceFile } from './helpers';

const FORMULAS = 2500;

/** `variant` makes every formula differ from the other tests' (the KaTeX cache is shared for the session). */
function longPost(variant: number): string {
  const heavy = Array.from({ length: 16 }, (_, i) => `\\frac{\\alpha_{${i}}}{\\beta^{${i}}}`).join('+');
  const lines = [`先定义 $\\gdef\\heavy{${heavy}}$。`];
  for (let i = 0; i < FORMULAS; i++) {
    // Distinct formulas (a cache keyed by formula cannot stand in for KaTeX), a KaTeX error near the end.
    const tex = i === FORMULAS - 3 ? `\\heavy + \\undefinedOld_{${i}}` : `\\heavy\\heavy\\heavy + x_{${i}} + ${variant}`;
    lines.push(i % 10 === 0 ? `\n$$\n${tex}\n$$\n` : `第 ${i} 步：$${tex}$。`);
  }
  // A date Hexo cannot read: a front-matter error on line 3, the first thing the check reports.
  return `---\ntitle: 分阶段检查\ndate: 2025-13-45 25:61:00\n---\n\n${lines.join('\n')}\n`;
}

function listing(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.message}`,
    )
    .sort();
}

/** What `mathpost check --format json` prints for the post, given the document's current text. */
async function cliListing(document: vscode.TextDocument): Promise<string[]> {
  let json = '';
  await runCheck(['--format', 'json', document.uri.fsPath], {
    stdout: (text: string) => void (json += text),
    stderr: () => undefined,
    readFile: (path: string) => (resolve(path) === resolve(document.uri.fsPath) ? document.getText() : readFileSync(path, 'utf8')),
    writeFile: () => undefined,
    version: 'test',
  });
  const entries = JSON.parse(json) as Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code: string;
    message: string;
  }>;
  return entries.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.code} ${e.message}`).sort();
}

/** Records every distinct state of the post's published diagnostics, polling between the check's slices. */
function recordStates(uri: vscode.Uri): { states: string[][]; log: string[]; stop(): void } {
  const states: string[][] = [];
  const log: string[] = [];
  const started = Date.now();
  let last = '';
  let stopped = false;
  let previous = Date.now();
  let maxGap = 0;
  const poll = () => {
    if (stopped) return;
    const gap = Date.now() - previous;
    previous = Date.now();
    if (gap > maxGap) {
      maxGap = gap;
      log.push(`gap ${gap} ms at ${previous - started}`);
    }
    const now = listing(vscode.languages.getDiagnostics(uri));
    if (JSON.stringify(now) !== last) {
      last = JSON.stringify(now);
      states.push(now);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      log.push(`${Date.now() - started} ms v${document?.version}: ${now.map((line) => line.split(' ')[1]).join(',')}`);
    }
    setTimeout(poll, 1);
  };
  poll();
  return { states, log, stop: () => (stopped = true) };
}

describe('diagnostics in stages (issue #15)', function () {
  this.timeout(180_000);
  let api: MathpostApi;
  let variant = 0;
  /** A new file per test: a closed document may linger in the extension host with its published diagnostics. */
  const post = () => `source/_posts/staged-check-${variant}.md`;

  before(async () => {
    await openInEditor('source/_posts/kl-divergence.md');
    api = mathpostExtension().exports as MathpostApi;
    await closeAllEditors();
  });

  beforeEach(async () => {
    variant++;
    await vscode.workspace.fs.writeFile(workspaceFile(post()), new TextEncoder().encode(longPost(variant)));
  });

  afterEach(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceFile(post()), { useTrash: false });
  });

  it("shows a long post's front-matter error before its math is checked, then exactly what mathpost check prints", async () => {
    const uri = workspaceFile(post());
    const recording = recordStates(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor(
      () => api.resources().pendingChecks === 0 && vscode.languages.getDiagnostics(uri).some((d) => d.code === 'math.parse-error'),
      'the full check',
    );
    recording.stop();

    const hasDate = (state: string[]) => state.some((line) => line.startsWith('2:') && line.includes(' frontmatter.date-'));
    const hasMath = (state: string[]) => state.some((line) => line.includes(' math.parse-error '));
    const frontMatterFirst = recording.states.findIndex((state) => hasDate(state) && !hasMath(state));
    const complete = recording.states.findIndex(hasMath);
    assert.ok(frontMatterFirst >= 0, `no state with the date error and no math error: ${JSON.stringify(recording.states.map((s) => s.length))}`);
    assert.ok(frontMatterFirst < complete, `the math came first (${frontMatterFirst} vs ${complete})`);
    // Until then nothing else was shown: the first state published is the front matter's.
    assert.ok(recording.states.slice(0, frontMatterFirst).every((state) => state.length === 0));

    const final = listing(vscode.languages.getDiagnostics(uri));
    assert.deepEqual(final, await cliListing(document));
    assert.ok(final.some((line) => line.includes('\\undefinedOld')));
  });

  it('an edit made while the math is checked stops the older check: its result is never shown', async () => {
    const uri = workspaceFile(post());
    // No editor: the edit then needs no drawing in the window before it reaches the extension host.
    const recording = recordStates(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await waitFor(
      () => recording.states.some((state) => state.some((line) => line.includes(' frontmatter.date-')) && !state.some((line) => line.includes(' math.'))),
      'the front-matter stage',
    );
    assert.equal(api.resources().pendingChecks, 1, 'the math of the first version is being checked');
    // When the extension host sees the edit, the first version's math must still be unpublished (else the
    // machine was too slow for what this test can show; the heavy formulas make that window seconds long).
    let oldShownAtEdit: boolean | undefined;
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() !== uri.toString() || oldShownAtEdit !== undefined) return;
      oldShownAtEdit = vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('\\undefinedOld'));
      recording.log.push(`edit seen at v${event.document.version}`);
    });
    // Fix the date, rename the undefined macro and change the macro every formula uses: the new version's check
    // finds nothing cached and ends well after the old one would have, so an old check left running would publish
    // in between. The old version's math error must never appear.
    const text = document.getText();
    const at = text.indexOf('\\undefinedOld');
    recording.log.push(`edit at v${document.version}`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + '\\undefinedOld'.length)), '\\undefinedNew');
    edit.replace(uri, document.lineAt(2).range, 'date: 2025-06-25 10:00:00');
    const definition = text.indexOf('\\gdef\\heavy{') + '\\gdef\\heavy{'.length;
    edit.insert(uri, document.positionAt(definition), 'y+');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      () => api.resources().pendingChecks === 0 && vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('\\undefinedNew')),
      'the check of the edited version',
    );
    recording.stop();
    listener.dispose();

    const log = recording.log.join(' | ');
    assert.equal(oldShownAtEdit, false, `the first version's math was published before the edit arrived: ${log}`);
    assert.ok(
      recording.states.every((state) => !state.some((line) => line.includes('\\undefinedOld'))),
      `the older check published: ${log}`,
    );
    const final = listing(vscode.languages.getDiagnostics(uri));
    assert.ok(!final.some((line) => line.includes(' frontmatter.date-')));
    assert.deepEqual(final, await cliListing(document));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
