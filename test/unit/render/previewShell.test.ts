import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, createNonce, previewShellHtml } from '../../../src/preview/htmlShell';
import { moveInlineStyles } from '../../../src/core/render/inlineStyles';
import { renderNote } from '../../../src/core/render/renderNote';
import { isWebviewMessage } from '../../../src/shared/protocol';

const repo = path.resolve(__dirname, '../../../..');

describe('preview shell and protocol', () => {
  it('builds a strict CSP with a fresh nonce', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9]{16,}$/);
    assert.notEqual(nonce, createNonce());
    const csp = contentSecurityPolicy({ cspSource: 'vscode-resource:', nonce, allowRemoteImages: true });
    assert.equal(
      csp,
      `default-src 'none'; img-src vscode-resource: https: data:; style-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-${nonce}'; form-action 'none'; frame-src 'none'; base-uri 'none'`,
    );
    assert.doesNotMatch(contentSecurityPolicy({ cspSource: 'x', nonce, allowRemoteImages: false }), /https:/);
  });

  it('puts the nonce on its only script and nothing inline', () => {
    const html = previewShellHtml({
      cspSource: 'src',
      nonce: 'N1',
      scriptUri: 'https://r/webview.js',
      styleUris: ['https://r/a.css'],
      allowRemoteImages: false,
      documentUri: 'file:///a"b.md',
      bodyClasses: [],
      title: 't',
    });
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="N1" src="https://r/webview.js">']);
    assert.doesNotMatch(html, /\sstyle="|\son[a-z]+=/);
    assert.match(html, /data-uri="file:\/\/\/a&quot;b.md"/);
  });

  it('starts with the visible part of the note when given one, under the same CSP and single script', () => {
    const options = {
      cspSource: 'src',
      nonce: 'N2',
      scriptUri: 'https://r/webview.js',
      styleUris: [],
      allowRemoteImages: false,
      documentUri: 'file:///a.md',
      bodyClasses: [],
      title: 't',
    };
    const html = previewShellHtml({
      ...options,
      initial: { headerHtml: '<h1>Title</h1>', bodyHtml: '<div class="mp-block" id="mp-b1" data-line="4"><p>Visible</p></div>' },
    });
    assert.match(
      html,
      /<div id="mp-header"><h1>Title<\/h1><\/div>\s*<main id="mp-body"><div class="mp-block" id="mp-b1" data-line="4"><p>Visible<\/p><\/div><\/main>/,
    );
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="N2" src="https://r/webview.js">']);
    assert.equal(html.replace(/<div id="mp-header">.*<\/main>/s, ''), previewShellHtml(options).replace(/<div id="mp-header">.*<\/main>/s, ''));
  });

  it('posts no style attribute to the webview: the preview renderer moves them once, when a block is rendered', () => {
    const text = '---\ntitle: T\ncover: /c.png\n---\n\n$\\frac{a}{b}$ and {% hideInline x,y,red %}\n\n<img src="x.png" style="zoom:50%">';
    const forWebview = renderNote(text, { stylesAsData: true });
    const asBlog = renderNote(text, {});
    const html = forWebview.blocks.map((block) => block.html).join('') + forWebview.headerHtml;
    assert.doesNotMatch(html, / style=/);
    assert.match(html, /data-mp-style="height:/);
    assert.match(html, /data-mp-style="background-color: red;"/);
    assert.match(html, /data-mp-style="zoom:50%"/);
    // The same HTML as the blog's, attribute moved: nothing else changes.
    assert.deepEqual(
      forWebview.blocks.map((block) => block.html),
      asBlog.blocks.map((block) => moveInlineStyles(block.html)),
    );
    assert.equal(forWebview.headerHtml, moveInlineStyles(asBlog.headerHtml));
  });

  it('accepts only well-formed webview messages', () => {
    assert.ok(isWebviewMessage({ type: 'revealLine', line: 3 }));
    assert.ok(!isWebviewMessage({ type: 'revealLine', line: 'x' }));
    assert.ok(!isWebviewMessage({ type: 'runCommand', command: 'x' }));
    assert.ok(!isWebviewMessage(null));
  });

  it('has a zh-cn translation for every user-facing template of the preview and math features', () => {
    const translations = JSON.parse(fs.readFileSync(path.join(repo, 'l10n/preview.zh-cn.json'), 'utf8')) as Record<string, string>;
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts')) files.push(full);
      }
    };
    for (const dir of ['src/core/math', 'src/core/render', 'src/preview']) walk(path.join(repo, dir));
    files.push(path.join(repo, 'src/vscode/mathDiagnostics.ts'));
    const missing: string[] = [];
    for (const file of files) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
        const template = match[1].replace(/\\(.)/g, '$1');
        if (!(template in translations)) missing.push(template);
      }
    }
    assert.deepEqual(missing, []);
  });
});
