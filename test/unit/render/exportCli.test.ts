/**
 * `mathpost render` and the node file system behind it, on real files in a temporary folder: local
 * images end up inside the written HTML, the ones that cannot are listed on stderr, exit code 0.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRender } from '../../../src/cli/render';
import { type CliIo, nodeIo } from '../../../src/cli/io';
import { NodeFileSystem } from '../../../src/node/nodeFileSystem';

describe('render/export: CLI and node file system', () => {
  let folder: string;
  const png = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mathpost-export-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('NodeFileSystem reads bytes exactly, honours maxBytes, and sizes files only', () => {
    const file = join(folder, 'a.png');
    writeFileSync(file, png);
    const fs = new NodeFileSystem();
    assert.deepEqual(fs.readBytes(file), png);
    assert.equal(fs.readBytes(file, 255), undefined);
    assert.deepEqual(fs.readBytes(file, 256), png);
    assert.equal(fs.size(file), 256);
    assert.equal(fs.size(folder), undefined);
    assert.equal(fs.readBytes(folder), undefined);
    assert.equal(fs.size(join(folder, 'missing.png')), undefined);
    assert.equal(fs.readBytes(join(folder, 'missing.png')), undefined);
  });

  it('mathpost render -o: embeds an existing image, warns about a missing one on stderr, exits 0', async function () {
    this.timeout(20_000);
    const note = join(folder, 'note.md');
    writeFileSync(note, '# Note\n\n![here](pic.png)\n\n![gone](missing.png)\n');
    writeFileSync(join(folder, 'pic.png'), png);
    mkdirSync(join(folder, 'out'));
    const output = join(folder, 'out', 'note.html');
    const stderr: string[] = [];
    const io: CliIo = {
      stdout: () => assert.fail('nothing on stdout with -o'),
      stderr: (text) => stderr.push(text),
      readFile: (path) => readFileSync(path, 'utf8'),
      writeFile: (path, text) => writeFileSync(path, text),
      version: 'test',
    };
    const code = await runRender([note, '-o', output], io);
    assert.equal(code, 0);
    const html = readFileSync(output, 'utf8');
    const src = /<img src="(data:image\/png;base64,[^"]+)" alt="here"/.exec(html)?.[1];
    assert.ok(src, 'pic.png inlined');
    assert.deepEqual(new Uint8Array(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')), png);
    const missingPath = join(folder, 'missing.png').replace(/\\/g, '/');
    assert.deepEqual(
      stderr.filter((line) => line.startsWith('warning:')),
      [`warning: image not embedded: ${missingPath} (not found)\n`],
    );
    assert.ok(stderr.some((line) => line.startsWith(`wrote ${output}`)));
  });

  it('mathpost render -o writes the page piece by piece, byte for byte the page it prints, and counts its bytes', async function () {
    this.timeout(60_000);
    const note = join(folder, 'note.md');
    const formulas = Array.from({ length: 150 }, (_, i) => `段落 ${i}：$\\frac{${i}}{${i + 1}}$ 和 $$\\sum_{k=1}^{${i}} k$$`).join('\n\n');
    writeFileSync(note, `---\ntitle: 中文 <标题>\n---\n\n# 标题 😀\n\n${formulas}\n\n\`\`\`python\nprint("中")\n\`\`\`\n`);
    const output = join(folder, 'note.html');
    const stderr: string[] = [];
    const io = { ...nodeIo(), stderr: (text: string) => stderr.push(text) };
    assert.ok(io.writeFileParts, 'the node io writes pieces');
    assert.equal(await runRender([note, '-o', output], io), 0);
    let printed = '';
    assert.equal(await runRender([note], { ...io, stdout: (text) => (printed += text) }), 0);
    const written = readFileSync(output);
    assert.ok(printed.includes('😀') && printed.includes('class="katex"'));
    assert.deepEqual(written, Buffer.from(printed, 'utf8'));
    assert.ok(stderr.includes(`wrote ${output} (${written.length} bytes)\n`), stderr.join(''));
  });
});
