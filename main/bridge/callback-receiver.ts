/**
 * The HTTP listener the bridge calls when a lock changes (node:http, no framework). It listens
 * on the local address toward the bridge and accepts a request only when every check passes:
 *
 *   from the bridge's address → POST → the secret path → the secret header
 *   → a JSON body of at most 64 KiB → a valid event
 *
 * Secrets are compared in constant time. A valid event is answered 204 at once and handed to
 * `onEvent` afterwards, so a slow consumer never holds the bridge; an event name the app does
 * not know is answered 204 too and logged once. Anything refused changes nothing.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unmappedAddress } from './bridge-address.ts';
import type { BridgeEvent } from './bridge-events.ts';
import { readBridgeEvent } from './bridge-events.ts';
import type { CallbackRequest } from './bridge-model.ts';
import { callbackPath, callbackUrl, newCallbackSecret } from './callback-url.ts';
import { readBody } from './read-body.ts';
import { sameSecret } from './same-secret.ts';

export const MAX_CALLBACK_BODY_BYTES = 64 * 1024;
/** Sent by the bridge with every callback, as registered. */
export const CALLBACK_SECRET_HEADER = 'X-Tedee-Tray-Secret';

export interface CallbackReceiverOptions {
  /** The local address to listen on: the one toward the bridge (see local-address.ts). */
  host: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** The bridge's IP address; requests from anywhere else are refused. */
  bridgeHost: string;
  instanceId: string;
  onEvent: (event: BridgeEvent) => void;
  log: (line: string) => void;
  /** Fixed secrets, for tests; random by default. */
  secrets?: { path: string; header: string };
}

export type Refusal =
  | 'wrong-source'
  | 'wrong-method'
  | 'wrong-path'
  | 'wrong-secret'
  | 'too-large'
  | 'not-json'
  | 'wrong-shape'
  | 'unreadable';

const STATUS_BY_REFUSAL: Readonly<Record<Refusal, number>> = {
  'wrong-source': 403,
  'wrong-method': 405,
  'wrong-path': 404,
  'wrong-secret': 403,
  'too-large': 413,
  'not-json': 400,
  'wrong-shape': 400,
  unreadable: 400,
};

export class CallbackReceiver {
  readonly #server: Server;
  readonly #options: CallbackReceiverOptions;
  readonly #path: string;
  readonly #headerSecret: string;
  #port = 0;
  #eventsAccepted = 0;
  #closing: Promise<void> | undefined;

  private constructor(options: CallbackReceiverOptions) {
    this.#options = options;
    this.#path = callbackPath(options.instanceId, options.secrets?.path ?? newCallbackSecret());
    this.#headerSecret = options.secrets?.header ?? newCallbackSecret();
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        // Only a bug here gets this far; the request fails, the receiver goes on.
        res.destroy();
      });
    });
  }

  static async start(options: CallbackReceiverOptions): Promise<CallbackReceiver> {
    const receiver = new CallbackReceiver(options);
    await new Promise<void>((resolve, reject) => {
      receiver.#server.once('error', reject);
      receiver.#server.listen(options.port ?? 0, options.host, () => {
        receiver.#server.off('error', reject);
        resolve();
      });
    });
    receiver.#port = (receiver.#server.address() as AddressInfo).port;
    return receiver;
  }

  get port(): number {
    return this.#port;
  }

  /** What to register at the bridge: the URL with the secret path, and the secret header. */
  get callbackRequest(): CallbackRequest {
    return {
      url: callbackUrl(this.#options.host, this.#port, this.#path),
      headers: { [CALLBACK_SECRET_HEADER]: this.#headerSecret },
    };
  }

  /** Valid events received so far, known or not ("callbacks received" in a connection test). */
  get eventsAccepted(): number {
    return this.#eventsAccepted;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const early = this.#checkRequest(req);
    if (early) return this.#refuse(req, res, early);
    const read = await readBody(req, MAX_CALLBACK_BODY_BYTES);
    if (read.outcome === 'too-large') return this.#refuse(req, res, 'too-large');
    if (read.outcome === 'failed') return this.#refuse(req, res, 'unreadable');
    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return this.#refuse(req, res, 'not-json');
    }
    const reading = readBridgeEvent(json);
    if (reading.outcome === 'invalid') return this.#refuse(req, res, 'wrong-shape');
    res.writeHead(204).end();
    this.#eventsAccepted += 1;
    if (reading.outcome === 'unknown') {
      this.#options.log(`Bridge callback: ignored the unknown event "${printable(reading.name)}".`);
      return;
    }
    const { event } = reading;
    setImmediate(() => {
      try {
        this.#options.onEvent(event);
      } catch {
        // A consumer's bug must not take the listener down with an uncaught exception.
        this.#options.log(`Bridge callback: handling a "${event.kind}" event failed.`);
      }
    });
  }

  /** The checks that need no body, cheapest and most telling first. */
  #checkRequest(req: IncomingMessage): Refusal | undefined {
    const source = unmappedAddress(req.socket.remoteAddress ?? '');
    if (source !== unmappedAddress(this.#options.bridgeHost)) return 'wrong-source';
    if (req.method !== 'POST') return 'wrong-method';
    if (!sameSecret(req.url ?? '', this.#path)) return 'wrong-path';
    const header = req.headers[CALLBACK_SECRET_HEADER.toLowerCase()];
    if (typeof header !== 'string' || !sameSecret(header, this.#headerSecret))
      return 'wrong-secret';
    return undefined;
  }

  #refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
    // The connection closes after the answer, so a refused sender cannot go on with it;
    // resume() discards whatever is still arriving rather than buffering it.
    res.writeHead(STATUS_BY_REFUSAL[refusal], { Connection: 'close' }).end();
    req.resume();
    this.#options.log(
      `Bridge callback: refused a request from ${req.socket.remoteAddress ?? 'an unknown address'} (${refusal}).`,
    );
  }
}

/** An event name from the network, made safe for one log line. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);
}
