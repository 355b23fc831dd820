/**
 * This installation's one callback on the bridge: registered at start after removing its own
 * leftovers (same instance id, any address, any secret) and never anyone else's; checked with
 * GET /callback and registered again when the bridge forgot it (a restart) or it points at an
 * old address; deleted at the end within 2 s, a leftover being removed at the next start.
 * Never `PUT /callback`, which would replace every program's callbacks.
 */
import type { BridgeClient } from './bridge-client.ts';
import { BridgeNotFoundError } from './bridge-errors.ts';
import type { BridgeCallback, CallbackRequest } from './bridge-model.ts';
import { isOwnCallback } from './callback-url.ts';

/** How long stopping may wait for the bridge before leaving the callback for the next start. */
export const UNREGISTER_BOUND_MS = 2_000;

export type CallbackClient = Pick<BridgeClient, 'listCallbacks' | 'addCallback' | 'deleteCallback'>;

export interface CallbackRegistrationOptions {
  client: CallbackClient;
  instanceId: string;
  /** The receiver's URL and secret header (CallbackReceiver.callbackRequest). */
  request: CallbackRequest;
}

export type VerifyOutcome = 'present' | 're-registered';

export class CallbackRegistration {
  readonly #client: CallbackClient;
  readonly #instanceId: string;
  readonly #request: CallbackRequest;
  #id: number | null = null;
  /**
   * A POST /callback went out and its answer never came back (aborted, timed out): the bridge
   * may hold a callback of ours whose id we do not know.
   */
  #unconfirmedAdd = false;

  constructor(options: CallbackRegistrationOptions) {
    this.#client = options.client;
    this.#instanceId = options.instanceId;
    this.#request = options.request;
  }

  /** The bridge's id of our callback, or null while none is registered. */
  get id(): number | null {
    return this.#id;
  }

  /** Removes this installation's leftovers, then registers; returns the new id. */
  async register(signal?: AbortSignal): Promise<number> {
    const existing = await this.#client.listCallbacks(signal);
    await this.#removeOwn(existing, signal);
    return this.#add(signal);
  }

  /**
   * Checks that our callback is still on the bridge, exactly as registered (a restarted bridge
   * reuses ids, so the id alone proves nothing), and registers it again if not.
   */
  async verify(signal?: AbortSignal): Promise<VerifyOutcome> {
    const existing = await this.#client.listCallbacks(signal);
    if (existing.some((callback) => this.#isCurrent(callback))) return 'present';
    await this.#removeOwn(existing, signal);
    await this.#add(signal);
    return 're-registered';
  }

  /**
   * Deletes our callback, giving up after 2 s (the app or the CLI is quitting). True when the
   * bridge no longer has it.
   */
  async unregister(): Promise<boolean> {
    const id = this.#id;
    if (id === null && !this.#unconfirmedAdd) return true;
    const deadline = new AbortController();
    // Real time: this bounds how long quitting takes, whatever clock the requests use.
    const timer = setTimeout(
      () => deadline.abort(new Error('unregistering took too long')),
      UNREGISTER_BOUND_MS,
    );
    try {
      if (id === null) {
        // Stopped while the bridge was adding it: find ours by instance and remove them.
        await this.#removeOwn(await this.#client.listCallbacks(deadline.signal), deadline.signal);
        this.#unconfirmedAdd = false;
        return true;
      }
      await this.#client.deleteCallback(id, deadline.signal);
      this.#id = null;
      return true;
    } catch (error) {
      if (!(error instanceof BridgeNotFoundError)) return false;
      this.#id = null;
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  async #add(signal: AbortSignal | undefined): Promise<number> {
    // Any earlier id is gone (removeOwn deleted it); a restarted bridge may give it to another
    // program, whose callback unregister must never delete.
    this.#id = null;
    this.#unconfirmedAdd = true;
    const id = await this.#client.addCallback(this.#request, signal);
    this.#id = id;
    this.#unconfirmedAdd = false;
    return id;
  }

  #isCurrent(callback: BridgeCallback): boolean {
    return (
      callback.id === this.#id &&
      callback.url === this.#request.url &&
      Object.entries(this.#request.headers).every(
        ([name, value]) => callback.headers[name] === value,
      )
    );
  }

  /** One at a time: the client's guard spaces them anyway, and a 409 is retried there. */
  async #removeOwn(callbacks: readonly BridgeCallback[], signal: AbortSignal | undefined) {
    for (const callback of callbacks) {
      if (!isOwnCallback(callback.url, this.#instanceId)) continue;
      try {
        await this.#client.deleteCallback(callback.id, signal);
      } catch (error) {
        // Already gone is as good as deleted.
        if (!(error instanceof BridgeNotFoundError)) throw error;
      }
    }
  }
}
