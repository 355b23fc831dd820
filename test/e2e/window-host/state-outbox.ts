/**
 * What main sent to a window (webContents.send), waiting for the page's shim to collect it.
 * Electron delivers to the document that is loaded: a message sent before its preload
 * listened, or to a document that has since gone, is lost. The outbox does the same, so a
 * window that only works because it was handed an early message would fail here too.
 */
import type { Delivery } from './preload-shim.ts';

export class StateOutbox {
  #documentId: string | null = null;
  #queue: Delivery[] = [];
  #waiters: ((delivery: Delivery | null) => void)[] = [];
  /** Messages sent while no document listened; kept for debugging a failing test. */
  readonly dropped: Delivery[] = [];

  put(delivery: Delivery): void {
    if (this.#documentId === null) {
      this.dropped.push(delivery);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) waiter(delivery);
    else this.#queue.push(delivery);
  }

  /** The next message for `documentId`; a new document replaces the one before it. */
  next(documentId: string): Promise<Delivery | null> {
    if (documentId !== this.#documentId) {
      this.#release();
      this.#documentId = documentId;
    }
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    this.#release();
    this.#documentId = null;
  }

  #release(): void {
    for (const waiter of this.#waiters.splice(0)) waiter(null);
    this.#queue = [];
  }
}
