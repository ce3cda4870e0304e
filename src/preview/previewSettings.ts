/** The preview's settings, read in one place (names and defaults match package.json). */
import * as vscode from 'vscode';
import type { MathDelimiterSetting } from '../core/math/delimiters';
import type { HtmlSetting } from '../core/render/rawHtml';
import { core } from '../coreLoader';

export interface PreviewSettings {
  followActiveEditor: boolean;
  debounceMs: number;
  updateMode: 'live' | 'onSave';
  allowHtml: HtmlSetting;
  allowRemoteImages: boolean;
  butterflyStyle: boolean;
  scrollSync: boolean;
  delimiters: MathDelimiterSetting;
  macros: Record<string, string>;
}

export function readPreviewSettings(scope?: vscode.Uri): PreviewSettings {
  const config = vscode.workspace.getConfiguration('mathpost', scope);
  const delimiters = config.get<string>('math.delimiters', 'blog');
  const { htmlSetting, isMathDelimiterSetting } = core();
  const macros = config.get<Record<string, unknown>>('math.macros', {}) ?? {};
  return {
    followActiveEditor: config.get<boolean>('preview.followActiveEditor', true),
    debounceMs: Math.max(0, Math.min(5000, Number(config.get<number>('preview.debounceMs', 150)) || 0)),
    updateMode: config.get<string>('preview.updateMode', 'live') === 'onSave' ? 'onSave' : 'live',
    // Raw HTML is a restricted setting: only honoured in a trusted workspace (otherwise shown as text).
    // The former boolean values still work (true → on, false → off).
    allowHtml: vscode.workspace.isTrusted ? htmlSetting(config.get<unknown>('preview.allowHtml', 'blog')) : 'off',
    allowRemoteImages: config.get<boolean>('preview.allowRemoteImages', true),
    butterflyStyle: config.get<boolean>('preview.butterflyStyle', false),
    scrollSync: config.get<boolean>('preview.scrollSync', true),
    delimiters: isMathDelimiterSetting(delimiters) ? delimiters : 'blog',
    macros: Object.fromEntries(Object.entries(macros).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  };
}

/** Settings whose change needs a new renderer (the others only change the view or the timing). */
export function renderSettingsKey(settings: PreviewSettings): string {
  return JSON.stringify([settings.allowHtml, settings.allowRemoteImages, settings.delimiters, settings.macros]);
}
