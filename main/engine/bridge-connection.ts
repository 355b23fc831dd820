/**
 * The engine's whole bridge configuration, one plain object (issue 8). The app and the CLI
 * build it from their settings and hand it to the engine; the engine does the rest (the
 * client, the callback receiver and its registration, heartbeats, LAN polling, the fallback
 * to the cloud).
 *
 * How to run it:
 *   const monitor = new LockMonitor({ api, bridge: connection, ... }); // api may be null:
 *   monitor.start();                                                   //   bridge-only mode
 *   monitor.setBridge(otherConnection);   // settings changed; null turns live mode off
 *   await monitor.stop();                 // deletes the callback (at most 2 s), then stops
 * The constructor and setBridge throw a RangeError for an address parseBridgeAddress refuses
 * or a LAN interval outside 1–60 whole seconds, so check those where the user types them.
 * `snapshot().live` says which mode it is in; each lock's `source` says where its values came
 * from; a snapshot event with cause 'bridge' is a change the bridge reported, 'heartbeat' a
 * confirmation that changed nothing (lastSyncedAt moved). The token is kept in a private field of the client and never appears in a snapshot,
 * an event, a log line or an error message.
 */
import type { BridgeAuthMode } from '../bridge/bridge-token.ts';

export interface BridgeConnection {
  /** `http://HOST[:PORT]`, e.g. http://192.168.1.20 or http://127.0.0.1:8080. */
  address: string;
  token: string;
  authMode: BridgeAuthMode;
  /** The local address the bridge calls back; null: the one that routes to the bridge. */
  callbackHost: string | null;
  /** The port the callback receiver listens on; null: a free one. */
  callbackPort: number | null;
  /** LAN polling interval when callbacks do not arrive, 1–60 s (default 3). */
  lanPollSeconds: number;
  /** This installation's persistent id, the first segment of its callback path. */
  instanceId: string;
}

export const DEFAULT_LAN_POLL_SECONDS = 3;
export const MIN_LAN_POLL_SECONDS = 1;
export const MAX_LAN_POLL_SECONDS = 60;
