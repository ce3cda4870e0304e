/**
 * Golden rendering tests: test/fixtures/render/<name>.md → <name>.html (header card + every block
 * wrapper with its data-line). To regenerate deliberately after a reviewed change:
 *   MATHPOST_UPDATE_GOLDEN=1 npx mocha out/test/unit/render/golden.test.js
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blockHtml, renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { blogNoteOptions, renderFixtures } from './helpers';

const optionsByFixture: Record<string, RenderOptions> = {
  basic: blogNoteOptions(),
  delimiters: blogNoteOptions(),
  'hexo-tags': blogNoteOptions(),
  macros: blogNoteOptions({ macros: { '\\R': '\\mathbb{R}' } }),
  errors: blogNoteOptions(),
};

function renderFixture(name: string): string {
  const source = fs.readFileSync(path.join(renderFixtures, `${name}.md`), 'utf8');
  const note = renderNote(source, optionsByFixture[name]);
  return [`<!-- header -->`, note.headerHtml, ...note.blocks.map(blockHtml)].join('\n') + '\n';
}

describe('render/golden', () => {
  for (const name of Object.keys(optionsByFixture)) {
    it(`renders ${name}.md as ${name}.html`, () => {
      const actual = renderFixture(name);
      const goldenPath = path.join(renderFixtures, `${name}.html`);
      if (process.env.MATHPOST_UPDATE_GOLDEN === '1') fs.writeFileSync(goldenPath, actual);
      assert.ok(fs.existsSync(goldenPath), `missing ${goldenPath}; run with MATHPOST_UPDATE_GOLDEN=1 once and review it`);
      assert.equal(actual, fs.readFileSync(goldenPath, 'utf8'));
    });
  }

  it('puts data-line on every block wrapper and data-offset inside', () => {
    const html = renderFixture('basic');
    const wrappers = html.match(/<div class="mp-block" id="mp-b\d+" data-line="\d+" data-line-end="\d+">/g) ?? [];
    assert.ok(wrappers.length >= 8, `expected blocks, got ${wrappers.length}`);
    for (const wrapperLine of html.split('\n').filter((line) => line.startsWith('<div class="mp-block"'))) {
      const inner = wrapperLine.replace(/^<div class="mp-block"[^>]*>/, '');
      if (inner === '</div>') continue; // a block of link reference definitions renders nothing
      assert.match(inner, /^<[a-z0-9]+[^>]* data-offset="\d+"/, `first element of a block has no data-offset: ${inner.slice(0, 80)}`);
    }
  });
});
