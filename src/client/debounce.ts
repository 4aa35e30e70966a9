import type * as vscode from 'vscode';

/**
 * Runs a task once a burst of triggers for the same key has been quiet for `delayMs`: typing
 * fires a change per keystroke, and each refresh costs a request to the language server.
 */
export class Debouncer<Key> implements vscode.Disposable {
  private readonly timers = new Map<Key, ReturnType<typeof setTimeout>>();

  constructor(private readonly delayMs: number) {}

  schedule(key: Key, task: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        task();
      }, this.delayMs),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
