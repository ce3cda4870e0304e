// The floor for open.first-diagnostics (bench/lib/realHostTiming.mjs): what any extension needs to show a
// diagnostic on a post just opened. No parsing, no work: one warning on the `date:` line, published in the
// turn of the open event (Mathpost publishes its front-matter diagnostics in that turn too).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the vscode module exists only for require() in an extension host
const vscode = require('vscode');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('floor');
  const publish = (document) => {
    if (document.languageId !== 'markdown') return;
    let line = 0;
    while (line < Math.min(40, document.lineCount) && !document.lineAt(line).text.startsWith('date:')) line++;
    if (line === Math.min(40, document.lineCount)) return;
    const range = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    diagnostics.set(document.uri, [new vscode.Diagnostic(range, 'floor: a date', vscode.DiagnosticSeverity.Warning)]);
  };
  context.subscriptions.push(diagnostics, vscode.workspace.onDidOpenTextDocument(publish));
  vscode.workspace.textDocuments.forEach(publish);
}

module.exports = { activate };
