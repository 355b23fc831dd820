/**
 * Main logs unhandled rejections and uncaught exceptions through process listeners. vitest
 * reuses the process for the next test file, where they would write into a removed folder, so
 * the listeners main adds are noted (`seal`, after main was imported) and taken off again
 * (`remove`); a test may also call them, as Node would.
 */
import type { EventEmitter } from 'node:events';

export const FAILURE_EVENTS = ['unhandledRejection', 'uncaughtExceptionMonitor'] as const;
export type FailureEvent = (typeof FAILURE_EVENTS)[number];
type Listener = (...args: unknown[]) => void;

const processEvents: EventEmitter = process;
const listenersOf = (event: FailureEvent) => processEvents.listeners(event) as Listener[];

export class AddedProcessListeners {
  readonly #before = new Map(FAILURE_EVENTS.map((event) => [event, listenersOf(event)]));
  readonly added = new Map<FailureEvent, Listener[]>();

  seal(): void {
    for (const event of FAILURE_EVENTS)
      this.added.set(
        event,
        listenersOf(event).filter((listener) => !this.#before.get(event)?.includes(listener)),
      );
  }

  remove(): void {
    for (const [event, listeners] of this.added)
      for (const listener of listeners) processEvents.removeListener(event, listener);
    this.added.clear();
  }
}
