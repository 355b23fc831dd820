/**
 * The CLI's one look at a bridge (`status --bridge`, `lock ID --bridge`): one `GET /lock`
 * through a client that the caller may keep for what follows, so every request of the run
 * passes the same guard (one at a time, a second apart). No callback is registered for it.
 */
import { BridgeClient } from '../bridge/bridge-client.ts';
import type { BridgeLock } from '../bridge/bridge-model.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';

export function bridgeClientFor(bridge: BridgeConnection): BridgeClient {
  return new BridgeClient({
    bridgeUrl: bridge.address,
    token: bridge.token,
    auth: bridge.authMode,
  });
}

/** One `GET /lock`, or the error that stopped it, or 'aborted' (Ctrl+C). */
export async function readBridgeLocks(
  client: BridgeClient,
  signal: AbortSignal,
): Promise<BridgeLock[] | Error | 'aborted'> {
  try {
    return await client.listLocks(signal);
  } catch (error) {
    if (signal.aborted) return 'aborted';
    return error instanceof Error ? error : new Error('The bridge could not be read.');
  }
}
