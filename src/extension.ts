import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // composition root: filled in as features land
}

export function deactivate(): void {}
