/**
 * The simulated bridge's callbacks: the list POST/GET/DELETE /callback manage, and the real
 * HTTP POSTs it sends to every registered URL for every event (the bridge fans out to every
 * callback, one request per device per change). A switch drops the outgoing calls, as a
 * firewall on the listening computer would, and a restart forgets the list.
 */
import type { BridgeEventBody } from './bridge-wire.ts';

export interface RegisteredCallback {
  id: number;
  url: string;
  method: string;
  /** Single-key objects, as the bridge stores and lists them. */
  headers: Record<string, string>[];
}

export interface CallbackDelivery {
  /** Simulator clock when the call was sent (or dropped). */
  at: number;
  callbackId: number;
  url: string;
  event: string;
  /** The listener's status; null when the call failed, was dropped or timed out. */
  status: number | null;
  dropped: boolean;
}

/** Real time: a listener that does not answer this fast is treated as gone. */
const DELIVERY_TIMEOUT_MS = 5_000;

export class BridgeCallbacks {
  readonly #now: () => number;
  readonly #list: RegisteredCallback[] = [];
  readonly #deliveries: CallbackDelivery[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  #nextId = 1;
  dropping = false;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(callback: Omit<RegisteredCallback, 'id'>): number {
    const id = this.#nextId;
    this.#nextId += 1;
    this.#list.push({
      id,
      ...callback,
      headers: callback.headers.map((header) => ({ ...header })),
    });
    return id;
  }

  remove(id: number): boolean {
    const index = this.#list.findIndex((callback) => callback.id === id);
    if (index < 0) return false;
    this.#list.splice(index, 1);
    return true;
  }

  list(): RegisteredCallback[] {
    return this.#list.map((callback) => ({
      ...callback,
      headers: callback.headers.map((header) => ({ ...header })),
    }));
  }

  /** A restart loses the list; ids start over, so an old id may name someone else's callback. */
  forget(): void {
    this.#list.length = 0;
    this.#nextId = 1;
  }

  /** Sends `event` to every callback (or records it as dropped). */
  deliver(event: BridgeEventBody): void {
    for (const callback of this.#list) {
      const record = {
        at: this.#now(),
        callbackId: callback.id,
        url: callback.url,
        event: event.event,
      };
      if (this.dropping) {
        this.#deliveries.push({ ...record, status: null, dropped: true });
        continue;
      }
      const sent = post(callback, event).then((status) => {
        this.#deliveries.push({ ...record, status, dropped: false });
      });
      this.#inFlight.add(sent);
      void sent.finally(() => this.#inFlight.delete(sent));
    }
  }

  deliveries(): CallbackDelivery[] {
    return this.#deliveries.map((delivery) => ({ ...delivery }));
  }

  /** Resolves when every call sent so far has been answered or has failed. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }
}

async function post(callback: RegisteredCallback, event: BridgeEventBody): Promise<number | null> {
  try {
    const response = await fetch(callback.url, {
      method: 'POST',
      headers: { ...Object.assign({}, ...callback.headers), 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    // The real bridge neither retries nor reports a failed call (§1.8): best effort.
    return null;
  }
}
