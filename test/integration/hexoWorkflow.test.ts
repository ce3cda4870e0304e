// Issue #14 in the real extension host: New Post (the command, its quick-input validation) and images
// pasted/dropped into posts through Mathpost's registered DocumentPasteEditProvider/DocumentDropEditProvider
// with a real vscode.DataTransfer, the edit applied as VS Code applies it (text, then the file operations).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MathpostApi } from '../../src/extension';
import { mathpostExtension, openInEditor, recordHostErrors, waitFor, workspaceFile } from './helpers';
import { previewState } from './previewState';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A clipboard/OS file as VS Code hands it to providers. */
class FileItem extends vscode.DataTransferItem {
  constructor(private readonly file: vscode.DataTransferFile) {
    super('');
  }

  override asFile(): vscode.DataTransferFile {
    return this.file;
  }
}

const pngFile = (name: string): vscode.DataTransferFile => ({ name, uri: undefined, data: async () => new Uint8Array(PNG) });
const exists = (uri: vscode.Uri): Thenable<boolean> =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
const text = (uri: vscode.Uri): Thenable<string> => vscode.workspace.fs.readFile(uri).then((bytes) => Buffer.from(bytes).toString('utf8'));
const cancel = new vscode.CancellationTokenSource().token;

async function api(): Promise<MathpostApi> {
  const extension = mathpostExtension();
  return (extension.isActive ? extension.exports : await extension.activate()) as MathpostApi;
}

/** Applies a paste/drop edit the way VS Code's editor does: the snippet at the cursor, then `additionalEdit`. */
async function applyLikeTheEditor(
  editor: vscode.TextEditor,
  edit: { insertText: string | vscode.SnippetString; additionalEdit?: vscode.WorkspaceEdit },
  beforeFiles?: () => Promise<void>,
): Promise<void> {
  const snippet = typeof edit.insertText === 'string' ? new vscode.SnippetString(edit.insertText) : edit.insertText;
  assert.ok(await editor.insertSnippet(snippet, editor.selection.active));
  await beforeFiles?.();
  if (edit.additionalEdit) assert.ok(await vscode.workspace.applyEdit(edit.additionalEdit), 'the file operations apply');
}

async function writeNote(relative: string, content: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(workspaceFile(relative), Buffer.from(content));
  const editor = await openInEditor(relative);
  editor.selection = new vscode.Selection(editor.document.lineCount - 1, 0, editor.document.lineCount - 1, 0);
  return editor;
}

describe('the Hexo workflow: New Post, images pasted and dropped', () => {
  const hostErrors = recordHostErrors();
  const created: vscode.Uri[] = [];
  // Edited notes are saved and closed after each test, so no dirty editor asks to be saved later.
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    for (const uri of created.reverse()) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    assert.deepEqual(hostErrors, []);
  });

  it('New Post creates the post in _posts with its asset folder, opens it, and adds -1 to a taken name', async () => {
    const mathpost = await api();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const first = await vscode.commands.executeCommand<vscode.Uri>('mathpost.newPost', folder, { title: 'Integration 新文章', layout: 'post' });
    const expected = workspaceFile('source/_posts/Integration-新文章.md');
    created.push(expected, workspaceFile('source/_posts/Integration-新文章'));
    assert.equal(first?.toString(), expected.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString());
    // The example blog has no scaffolds/: Hexo's built-in scaffold, the date in Asia/Shanghai (its timezone).
    const content = await text(expected);
    const match = /^---\nlayout: post\ntitle: Integration 新文章\ndate: (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\ntags:\n---\n$/.exec(content);
    assert.ok(match, content);
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
    const written = Date.UTC(year, month - 1, day, hour - 8, minute, second);
    assert.ok(Math.abs(written - Date.now()) < 120_000, `date ${match[0]} is now in UTC+8`);
    assert.ok(await exists(workspaceFile('source/_posts/Integration-新文章')), 'post_asset_folder: true made the asset folder');

    const second2 = await vscode.commands.executeCommand<vscode.Uri>('mathpost.newPost', folder, { title: 'Integration 新文章', layout: 'post' });
    created.push(workspaceFile('source/_posts/Integration-新文章-1.md'), workspaceFile('source/_posts/Integration-新文章-1'));
    assert.equal(second2?.toString(), workspaceFile('source/_posts/Integration-新文章-1.md').toString());
    assert.equal(await text(expected), content, 'the first post is untouched');

    const root = folder.fsPath.replace(/\\/g, '/');
    assert.equal(mathpost.newPost.validateTitle(root, 'post', '  ')?.severity, vscode.InputBoxValidationSeverity.Error);
    assert.equal(mathpost.newPost.validateTitle(root, 'post', '???')?.severity, vscode.InputBoxValidationSeverity.Error);
    assert.equal(mathpost.newPost.validateTitle(root, 'post', '*alias')?.severity, vscode.InputBoxValidationSeverity.Error);
    const ok = mathpost.newPost.validateTitle(root, 'page', 'About KL');
    assert.equal(ok?.severity, vscode.InputBoxValidationSeverity.Info);
    assert.match(ok!.message, /source\/About-KL\/index\.md/);
    assert.equal(mathpost.newPost.validateTitle(root, 'post', '123')?.severity, vscode.InputBoxValidationSeverity.Warning);
  });

  it('a PNG pasted into a post with post_asset_folder goes into its asset folder, linked with asset_img, then as markdown per setting; names never clash', async () => {
    const mathpost = await api();
    const note = 'source/_posts/paste-target.md';
    created.push(workspaceFile(note), workspaceFile('source/_posts/paste-target'));
    const editor = await writeNote(note, '---\ntitle: paste\n---\n\n');
    const transfer = new vscode.DataTransfer();
    transfer.set('image/png', new FileItem(pngFile('Screen Shot 2025-01-01 at 10.00.png')));
    const context: vscode.DocumentPasteEditContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };

    const [edit] = (await mathpost.images.provideDocumentPasteEdits(editor.document, [editor.selection], transfer, context, cancel)) ?? [];
    assert.ok(edit, 'an edit for the pasted image');
    assert.ok(edit.kind.contains(vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'image', 'attachment', 'hexo')));
    await applyLikeTheEditor(editor, edit);
    const image = workspaceFile('source/_posts/paste-target/Screen-Shot-2025-01-01-at-10-00.png');
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(image)), PNG);
    assert.match(editor.document.getText(), /\{% asset_img Screen-Shot-2025-01-01-at-10-00\.png %\}/);

    await vscode.workspace.getConfiguration('mathpost.images').update('linkStyle', 'markdown', vscode.ConfigurationTarget.Workspace);
    try {
      const [again] = (await mathpost.images.provideDocumentPasteEdits(editor.document, [editor.selection], transfer, context, cancel)) ?? [];
      await applyLikeTheEditor(editor, again);
      assert.ok(await exists(workspaceFile('source/_posts/paste-target/Screen-Shot-2025-01-01-at-10-00-1.png')));
      assert.match(editor.document.getText(), /!\[Screen-Shot-2025-01-01-at-10-00-1\]\(Screen-Shot-2025-01-01-at-10-00-1\.png\)/);
      assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(image)), PNG, 'the first image is untouched');
    } finally {
      await vscode.workspace.getConfiguration('mathpost.images').update('linkStyle', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('the preview shows a pasted image as soon as its file exists, even when the link was rendered first', async () => {
    const mathpost = await api();
    const note = 'source/_posts/paste-preview.md';
    created.push(workspaceFile(note), workspaceFile('source/_posts/paste-preview'));
    const editor = await writeNote(note, '---\ntitle: preview\n---\n\nText.\n\n');
    await vscode.commands.executeCommand('mathpost.openPreviewToSide');
    await waitFor(async () => previewState(editor.document.uri)?.applied, 'the first render');
    await vscode.window.showTextDocument(editor.document);
    const transfer = new vscode.DataTransfer();
    transfer.set('image/png', new FileItem(pngFile('image.png')));
    const [edit] =
      (await mathpost.images.provideDocumentPasteEdits(
        editor.document,
        [editor.selection],
        transfer,
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic },
        cancel,
      )) ?? [];
    await applyLikeTheEditor(editor, edit, async () => {
      // The link reaches the preview before the file exists: it is shown as missing…
      await waitFor(async () => /mp-image-problem[^>]*image\.png/.test(previewState(editor.document.uri)?.html ?? ''), 'the link rendered as a missing image');
    });
    // …and the image appears once the paste's file operation has run, with no further edit.
    await waitFor(async () => /<img src="[^"]*paste-preview\/image\.png"/.test(previewState(editor.document.uri)?.html ?? ''), 'the image in the preview');
  });

  it('an image dropped into a post of a blog without asset folders goes to source/images, linked with the blog root', async () => {
    const mathpost = await api();
    const blog = workspaceFile('other-blog');
    created.push(blog);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(blog, '_config.yml'),
      Buffer.from('title: Other\nroot: /notes/\npermalink: :year/:month/:day/:title/\npost_asset_folder: false\n'),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(blog, 'figure one.PNG'), PNG);
    const editor = await writeNote('other-blog/source/_posts/drop-target.md', '---\ntitle: drop\n---\n\n');

    const fromExplorer = new vscode.DataTransfer();
    fromExplorer.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.joinPath(blog, 'figure one.PNG').toString()));
    const drop = await mathpost.images.provideDocumentDropEdits(editor.document, editor.selection.active, fromExplorer, cancel);
    assert.ok(drop, 'an edit for the dropped file');
    await applyLikeTheEditor(editor, drop);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(blog, 'source/images/figure-one.png'))), PNG);
    assert.match(editor.document.getText(), /!\[figure-one\]\(\/notes\/images\/figure-one\.png\)/);

    const fromDesktop = new vscode.DataTransfer();
    fromDesktop.set('image/png', new FileItem(pngFile('figure one.png')));
    const second = await mathpost.images.provideDocumentDropEdits(editor.document, editor.selection.active, fromDesktop, cancel);
    await applyLikeTheEditor(editor, second!);
    assert.ok(await exists(vscode.Uri.joinPath(blog, 'source/images/figure-one-1.png')));
    assert.match(editor.document.getText(), /\(\/notes\/images\/figure-one-1\.png\)/);
  });

  it('leaves notes outside a blog to the editor (no edit offered)', async () => {
    const mathpost = await api();
    created.push(workspaceFile('NOTES.md'));
    const editor = await writeNote('NOTES.md', '# not a post\n');
    const transfer = new vscode.DataTransfer();
    transfer.set('image/png', new FileItem(pngFile('x.png')));
    assert.equal(
      await mathpost.images.provideDocumentPasteEdits(
        editor.document,
        [editor.selection],
        transfer,
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic },
        cancel,
      ),
      undefined,
    );
  });
});
