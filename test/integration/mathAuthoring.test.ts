/** Issue #11 in the real extension host: formula hover image, LaTeX completion in math only, macro definitions. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, mathpostExtension, openInEditor, waitFor } from './helpers';

async function untitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document);
  await waitFor(() => mathpostExtension().isActive, 'Mathpost to activate');
  return document;
}

async function hoverTexts(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
  return hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''));
}

async function completionLabels(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    document.positionAt(offset),
    '\\',
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

const IMAGE = /!\[[^\]]*\]\(data:image\/svg\+xml,%3Csvg[^)\s]*\)/;

describe('math authoring in the editor (issue #11)', () => {
  after(closeAllEditors);

  it('hovers a display formula with its rendered image', async () => {
    const document = await untitled('# t\n\n$$\n\\begin{aligned} a &= \\frac{1}{2} \\\\ b &= \\sqrt{x} \\end{aligned}\n$$\n');
    const texts = await hoverTexts(document, document.getText().indexOf('\\frac'));
    assert.ok(
      texts.some((text) => IMAGE.test(text)),
      texts.join('\n').slice(0, 300),
    );
    const outside = await hoverTexts(document, 2);
    assert.ok(!outside.some((text) => IMAGE.test(text)), 'no image over prose');
  });

  it('keeps the KL value beside the image over D_{KL}(P\\|Q)', async () => {
    const { document } = await openInEditor('source/_posts/kl-divergence.md');
    const texts = (await hoverTexts(document, document.getText().indexOf('于是 $D_{KL}(P\\|Q)$') + 5)).join('\n');
    assert.match(texts, IMAGE);
    assert.match(texts, new RegExp((0.5 * Math.log(1.25) + 0.3 * Math.log(0.75)).toFixed(6).replace('.', '\\.')));
  });

  it('shows the KaTeX error with the offending character instead of an image', async () => {
    const document = await untitled('A $x + \\oops{y}$ here.\n');
    const texts = (await hoverTexts(document, document.getText().indexOf('oops'))).join('\n');
    assert.match(texts, /Undefined control sequence/);
    assert.match(texts, /x \+ \\oops\{y\}\n {4}\^{5}\n/);
    assert.doesNotMatch(texts, IMAGE);
  });

  it("completes after $\\fr with \\frac and the note's macros, and not after plain text", async () => {
    const document = await untitled('Let $\\newcommand{\\half}{\\frac12}$ be.\n\nThen $\\fr\n\nPlain \\fr\n');
    const text = document.getText();
    const inMath = await completionLabels(document, text.indexOf('$\\fr') + 4);
    assert.ok(inMath.includes('\\frac'), 'KaTeX command');
    assert.ok(inMath.includes('\\half'), 'note macro');
    assert.ok(inMath.includes('\\begin{aligned}'), 'environment');
    // The documentation panel shows the item rendered (VS Code resolves the first item: the note's macro).
    const resolved = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(text.indexOf('$\\fr') + 4),
      '\\',
      1,
    );
    const half = resolved.items.find((item) => item.label === '\\half');
    const documentation = half?.documentation;
    assert.match(typeof documentation === 'string' ? documentation : (documentation?.value ?? ''), IMAGE);
    const inProse = await completionLabels(document, text.indexOf('Plain \\fr') + 9);
    assert.ok(!inProse.includes('\\frac') && !inProse.includes('\\half'), inProse.filter((label) => label.startsWith('\\')).join(' '));
  });

  it('goes from a macro use to its \\newcommand, and hovers it with its definition', async () => {
    const document = await untitled('Let $\\newcommand{\\half}{\\frac12}$ be, and $x = \\half$.\n');
    const text = document.getText();
    const use = text.lastIndexOf('\\half') + 2;
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      document.uri,
      document.positionAt(use),
    );
    assert.equal(locations.length, 1);
    const target = locations[0];
    const range = 'range' in target ? target.range : target.targetRange;
    assert.equal(document.getText(range), '\\half');
    assert.equal(document.offsetAt(range.start), text.indexOf('\\half'));
    const texts = (await hoverTexts(document, use)).join('\n');
    assert.match(texts, /`\\half` → `\\frac12`/);
  });

  it('turns the hover and the completion off with their settings', async () => {
    const config = vscode.workspace.getConfiguration('mathpost');
    // x^2 renders (an image when the hover is on); `\al` is a command being typed (not one KaTeX knows).
    const document = await untitled('Then $x^2$ and $y + \\al$ here.\n');
    const text = document.getText();
    try {
      await config.update('math.hover', false, vscode.ConfigurationTarget.Global);
      await config.update('math.completion', false, vscode.ConfigurationTarget.Global);
      assert.ok(!(await hoverTexts(document, text.indexOf('x^2'))).some((t) => IMAGE.test(t)));
      assert.ok(!(await completionLabels(document, text.indexOf('\\al') + 3)).includes('\\alpha'));
    } finally {
      await config.update('math.hover', undefined, vscode.ConfigurationTarget.Global);
      await config.update('math.completion', undefined, vscode.ConfigurationTarget.Global);
    }
    // On again: the same requests answer (so the checks above could fail).
    assert.ok((await hoverTexts(document, text.indexOf('x^2'))).some((t) => IMAGE.test(t)));
    assert.ok((await completionLabels(document, text.indexOf('\\al') + 3)).includes('\\alpha'));
  });
});
