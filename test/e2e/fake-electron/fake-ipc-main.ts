/**
 * Electron's ipcMain: handle/removeHandler keep main's handlers so the page's invoke (and a
 * test posing as a foreign sender) can call them with an event of its choosing. `on` stays
 * EventEmitter's, so a test sees any listener a library registers behind main's back.
 */
import { EventEmitter } from 'node:events';
import type { CallLog } from './call-log.ts';
import type { FakeFrame, FakeWebContents } from './fake-browser-window.ts';

/** The fields of IpcMainInvokeEvent a handler may read. */
export interface FakeInvokeEvent {
  senderFrame: FakeFrame | null;
  sender: FakeWebContents | null;
  processId: number;
  frameId: number;
}

export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain extends EventEmitter {
  readonly #log: CallLog;
  readonly handlers = new Map<string, InvokeHandler>();

  constructor(log: CallLog) {
    super();
    this.#log = log;
  }

  handle(channel: string, handler: InvokeHandler): void {
    this.#log.record('ipcMain.handle', channel);
    // Electron refuses a second handler for a channel; so does the fake, so a double
    // registration in main fails here as it would in the app.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.#log.record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke does on main's side: the handler's answer, or Electron's error. */
  async invoke(
    channel: string,
    event: FakeInvokeEvent,
    args: readonly unknown[],
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}
