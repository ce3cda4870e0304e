/** The KL snippet settings (`mathpost.kl.*`, `mathpost.validation.debounceMs`) for a document. */
import * as vscode from 'vscode';
import type { KlOptions } from '../core/kl/context';

export interface KlSettings extends KlOptions {
  debounceMs: number;
}

export function klSettings(scope?: vscode.Uri): KlSettings {
  const config = vscode.workspace.getConfiguration('mathpost', scope);
  const unit = config.get<string>('kl.unit') === 'bits' ? 'bits' : 'nats';
  const debounce = config.get<number>('validation.debounceMs', 300);
  return {
    unit,
    strict: config.get<boolean>('kl.strict', false) === true,
    debounceMs: Number.isFinite(debounce) ? Math.min(5000, Math.max(0, debounce)) : 300,
  };
}

/** True when a configuration change touches a setting the KL features read. */
export function affectsKlSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('mathpost.kl') || event.affectsConfiguration('mathpost.validation.debounceMs');
}
