import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsFor, openInEditor, workspaceFile } from './helpers';

/** The hover texts VS Code's own hover command collects at `needle` (+ `delta` characters). */
async function hoverTextAt(document: vscode.TextDocument, needle: string, delta = 0): Promise<string> {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the note`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + delta));
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

describe('KL snippets in the editor', () => {
  after(closeAllEditors);

  it('evaluates kl(P, Q) of a kl block in the hover, in nats and bits, with the reverse KL', async () => {
    const { document } = await openInEditor('source/_posts/kl-divergence.md');
    const text = await hoverTextAt(document, 'kl(P, Q)', 1);
    // D_KL([.5,.3,.2] || [.4,.4,.2]) = .5 ln(1.25) + .3 ln(.75)
    const expected = 0.5 * Math.log(1.25) + 0.3 * Math.log(0.75);
    assert.match(text, new RegExp(expected.toFixed(6).replace('.', '\\.')));
    assert.match(text, /bits/);
    assert.match(text, /nats/);
  });

  it('shows the value of D_{KL}(P\\|Q) written in math, from the names of the kl block', async () => {
    const { document } = await openInEditor('source/_posts/kl-divergence.md');
    const text = await hoverTextAt(document, '于是 $D_{KL}(P\\|Q)$', 5);
    const expected = 0.5 * Math.log(1.25) + 0.3 * Math.log(0.75);
    assert.match(text, new RegExp(expected.toFixed(6).replace('.', '\\.')));
  });

  it('evaluates an inline `kl(...)` code span', async () => {
    const { document } = await openInEditor('source/_posts/kl-divergence.md');
    const text = await hoverTextAt(document, 'kl([0.5, 0.5], [0.9, 0.1])', 2);
    assert.match(text, /0\.510825/);
  });

  it('hovers kl_estimators(P, Q) and a per-token kl with their tables (issue #12)', async () => {
    // A file of its own (not an untitled document: closing one and opening the next untitled note right
    // after can hand the next test the closed one), outside source/ so no corpus counts it.
    const content = [
      '# PPO',
      '',
      '```kl',
      'P = normal(0, 1)',
      'Q = normal(0.1, 1)',
      'E = kl_estimators(P, Q)',
      'A = softmax([[1, 2, 3], [0, 0, 0], [5, 1, 0]])',
      'B = softmax([[1, 2, 3.5], [5, 0, 0], [5, 1, 0.1]])',
      'kl(A, B)',
      '```',
      '',
    ].join('\n');
    const uri = workspaceFile('issue-12-policies.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
    const { document } = await openInEditor('issue-12-policies.md');
    const estimators = await hoverTextAt(document, 'kl_estimators(P, Q)', 3);
    assert.match(estimators, /0\.005 nats/);
    // One row per estimator with its mean, bias, std and std/KL (k1: 0.1 = 20×KL, k3: 1.417×KL).
    assert.match(estimators, /\| k1 \| −ln r \| 0\.005 \| 0 \| 0\.1 \| 20 \|/);
    assert.match(estimators, /\| k3 \| \(r − 1\) − ln r \| 0\.005 \| 0 \| 0\.007083 \| 1\.417 \|/);
    assert.match(estimators, /Verdict: k3 is unbiased/);
    const tokens = await hoverTextAt(document, 'kl(A, B)', 1);
    assert.match(tokens, /over 3 tokens/);
    assert.match(tokens, /data:image\/svg\+xml;base64,/);
    assert.match(tokens, /\| t1 \| 2\.248\d* \| 98\.\d+% \|/);
    await closeAllEditors();
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('reports a snippet that cannot evaluate at the culprit, as a kl.* diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# t\n\n```kl\nkl([0.5, -0.5], [0.5, 0.5])\n```\n' });
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => String(d.code).startsWith('kl.')));
    const problem = diagnostics.find((d) => String(d.code).startsWith('kl.'));
    assert.ok(problem);
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(problem.range), '-0.5');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
