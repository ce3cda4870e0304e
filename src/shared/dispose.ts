/**
 * One way to own and release resources (listeners, timers, collections), as
 * vscode-markdown-languageservice's src/util/dispose.ts does: register what you create, dispose once.
 * No `vscode` import: anything with `dispose()` fits, so the preview and the adapters share it.
 */
export interface IDisposable {
  dispose(): unknown;
}

/** Dispose every item, each once, even when one of them throws (the first error is rethrown at the end). */
export function disposeAll(items: Iterable<IDisposable>): void {
  let first: unknown;
  for (const item of [...items]) {
    try {
      item.dispose();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

export abstract class Disposable implements IDisposable {
  private disposed = false;
  private readonly owned = new Set<IDisposable>();

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const owned = [...this.owned];
    this.owned.clear();
    disposeAll(owned);
  }

  /** Own `value`: it is disposed with this object (at once when this object is already disposed). */
  protected register<T extends IDisposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.owned.add(value);
    return value;
  }
}
