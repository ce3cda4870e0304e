/** The KL snippet settings (`mathpost.kl.*`) for a document. */
import * as vscode from 'vscode';
import type { KlOptions } from '../core/kl/context';

export function klSettings(scope?: vscode.Uri): KlOptions {
  const config = vscode.workspace.getConfiguration('mathpost', scope);
  const unit = config.get<string>('kl.unit') === 'bits' ? 'bits' : 'nats';
  return {
    unit,
    strict: config.get<boolean>('kl.strict', false) === true,
  };
}

/** True when a configuration change touches a setting the KL features read. */
export function affectsKlSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('mathpost.kl');
}
