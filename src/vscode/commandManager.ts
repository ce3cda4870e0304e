import * as vscode from 'vscode';
import { disposeAll } from '../shared/dispose';

/** A command is a small object; one manager registers them all and disposes them together. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export class CommandManager implements vscode.Disposable {
  private readonly registrations = new Map<string, vscode.Disposable>();

  register<T extends Command>(command: T): T {
    if (this.registrations.has(command.id)) throw new Error(`command registered twice: ${command.id}`);
    this.registrations.set(command.id, vscode.commands.registerCommand(command.id, command.execute, command));
    return command;
  }

  dispose(): void {
    const registrations = [...this.registrations.values()];
    this.registrations.clear();
    disposeAll(registrations);
  }
}
