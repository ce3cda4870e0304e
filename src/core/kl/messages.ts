/**
 * Errors and warnings of the KL snippet language. They keep the English template and its
 * arguments (not a finished string) so the adapters can localise them with `vscode.l10n.t`,
 * and they always carry a span of UTF-16 offsets into the whole note.
 */
import type { Localize } from '../text';

export interface Span {
  start: number;
  end: number;
}

/** An argument that is itself a template to localise (a type name like `a number`). */
export interface LocalizedArg {
  template: string;
}

export type MessageArg = string | number | LocalizedArg;

export interface KlMessage extends Span {
  /** Stable diagnostic code, always starting with `kl.`. */
  code: string;
  /** For non-error messages: 'warning' (default) or 'information' (a fact worth knowing, e.g. KL = ∞). */
  severity?: 'warning' | 'information';
  template: string;
  args: MessageArg[];
}

export class KlError extends Error {
  /**
   * `cascade` marks an error that only repeats an earlier one (a name whose definition failed):
   * it is shown in hovers and the CLI but never as a second diagnostic.
   */
  constructor(
    readonly detail: KlMessage,
    readonly cascade = false,
  ) {
    super(detail.template);
  }
}

export function klMessage(code: string, span: Span, template: string, ...args: MessageArg[]): KlMessage {
  return { code, template, args, start: span.start, end: span.end };
}

export function klError(code: string, span: Span, template: string, ...args: MessageArg[]): KlError {
  return new KlError(klMessage(code, span, template, ...args));
}

export function localizeMessage(message: KlMessage, t: Localize): string {
  return t(message.template, ...message.args.map((arg) => (typeof arg === 'object' ? t(arg.template) : arg)));
}

export function spanOf(node: Span): Span {
  return { start: node.start, end: node.end };
}
