/* global describe, it, before, after -- mocha's bdd globals */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const englishTitles = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8'));

/** `%key%` placeholders resolve through package.nls.json, as VS Code does for an English UI. */
const localized = (value) => value.replace(/^%(.+)%$/, (_, key) => englishTitles[key] ?? value);

/**
 * Palette entries a person should see with a writable markdown editor focused: every contributed command
 * whose commandPalette `when` clause only asks for a markdown editor (or has no clause).
 */
function expectedInMarkdownEditor() {
  const whenByCommand = new Map((manifest.contributes.menus?.commandPalette ?? []).map((entry) => [entry.command, entry.when ?? '']));
  const onlyNeedsMarkdownEditor = (when) =>
    when
      .split('&&')
      .map((part) => part.trim())
      .every((part) => part === '' || part === 'editorLangId == markdown' || part === '!editorReadonly');
  return manifest.contributes.commands
    .filter((command) => onlyNeedsMarkdownEditor(whenByCommand.get(command.command) ?? ''))
    .map((command) => `${localized(command.category)}: ${localized(command.title)}`)
    .sort();
}

describe('command palette', () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('lists the Mathpost commands when a post is open', async () => {
    const expected = expectedInMarkdownEditor();
    assert.ok(expected.length > 0, 'the manifest contributes no palette command for markdown editors');
    await workbench.openFileFromExplorer('source/_posts/kl-divergence.md');
    const missingFrom = (labels) => expected.filter((title) => !labels.some((label) => label.includes(title)));
    // The workbench learns an extension's contributions asynchronously after it loads: look again until
    // they are there (or the wait times out and the assertion below names what is missing).
    let labels = [];
    await waitUntil(async () => {
      labels = await workbench.commandPaletteEntries('Mathpost');
      return missingFrom(labels).length === 0;
    }, 'the Mathpost commands in the command palette').catch(() => {});
    assert.deepEqual(missingFrom(labels), [], `commands missing from the palette, which lists: ${JSON.stringify(labels)}`);
    assert.ok(labels.filter((label) => label.includes('Mathpost:')).length >= expected.length);
  });
});
