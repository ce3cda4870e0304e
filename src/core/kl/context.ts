/** State shared by one evaluation: names, options, the work budget, warnings and rich results. */
import type { Expr } from './ast';
import { KlError, klError, klMessage, type KlMessage, type MessageArg, type Span } from './messages';
import { MAX_WORK_PER_NOTE } from './limits';
import type { KlValue } from './values';

export interface KlOptions {
  unit: 'nats' | 'bits';
  /** Unnormalised inputs are errors instead of warnings. */
  strict: boolean;
}

export const defaultKlOptions: KlOptions = { unit: 'nats', strict: false };

export interface Binding {
  name: string;
  /** Undefined when the definition failed; then `error` says why. */
  value?: KlValue;
  error?: KlError;
  nameSpan: Span;
  /** The whole `name = expression` statement. */
  statementSpan: Span;
  /** The expression's source text. */
  definition: string;
}

/** Counts work across a whole note so that many big statements cannot add up to a freeze. */
export class WorkBudget {
  constructor(
    private readonly limit = MAX_WORK_PER_NOTE,
    /** Work already done, when evaluation resumes after cached results. */
    private used = 0,
  ) {}

  get spent(): number {
    return this.used;
  }

  charge(amount: number, span: Span): void {
    this.used += amount;
    if (this.used > this.limit) {
      throw klError('kl.budget', span, 'This note asks for more than {0} entries of work in total; evaluation stopped here. Use smaller vectors.', this.limit);
    }
  }
}

export class EvalContext {
  readonly warnings: KlMessage[] = [];
  /** The value of every call and name evaluated, so a hover can explain any sub-expression. */
  readonly nodeValues = new Map<Expr, KlValue>();

  constructor(
    readonly lookup: (name: string) => Binding | undefined,
    readonly options: KlOptions,
    readonly budget: WorkBudget,
    /** The note text, to show arguments as written. */
    readonly noteText: string,
  ) {}

  textOf(span: Span): string {
    return this.noteText.slice(span.start, span.end);
  }

  warn(code: string, span: Span, template: string, ...args: MessageArg[]): void {
    this.warnings.push(klMessage(code, span, template, ...args));
  }

  /** A fact about a result, shown as an information diagnostic (not in hovers, which explain it anyway). */
  inform(code: string, span: Span, template: string, ...args: MessageArg[]): void {
    this.warnings.push({ ...klMessage(code, span, template, ...args), severity: 'information' });
  }

  /** In strict mode a warning-worthy input is an error instead. */
  warnOrFail(code: string, span: Span, template: string, ...args: MessageArg[]): void {
    if (this.options.strict) throw new KlError(klMessage(code, span, template, ...args));
    this.warn(code, span, template, ...args);
  }
}
