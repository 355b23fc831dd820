/**
 * Which of this computer's addresses the bridge can call back: the local end of a TCP
 * connection to the bridge, so the operating system's routing decides, as it will for the
 * bridge's callbacks (a computer on Wi-Fi and VPN has several addresses, and only one faces
 * the bridge). The user or `--callback-host` can override it.
 */
import { connect } from 'node:net';
import { networkFailureOf } from '../tedee/client.ts';
import { unmappedAddress } from './bridge-address.ts';
import { BridgeTimeoutError, BridgeUnreachableError } from './bridge-errors.ts';

export interface LocalAddressQuery {
  bridgeHost: string;
  bridgePort: number;
  /** Used as is when given (a configured callback host). */
  override?: string | undefined;
  timeoutMs?: number;
  /** node:net's connect unless a test replaces it. */
  connect?: typeof connect;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export async function localAddressTowardBridge(query: LocalAddressQuery): Promise<string> {
  if (query.override) return query.override;
  const timeoutMs = query.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return new Promise<string>((resolve, reject) => {
    const socket = (query.connect ?? connect)({
      host: query.bridgeHost,
      port: query.bridgePort,
      timeout: timeoutMs,
    });
    socket.once('connect', () => {
      const address = socket.localAddress;
      socket.destroy();
      if (address) resolve(unmappedAddress(address));
      else reject(new BridgeUnreachableError('other', `${query.bridgeHost}:${query.bridgePort}`));
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new BridgeTimeoutError(timeoutMs));
    });
    socket.once('error', (error) => {
      // networkFailureOf reads the code from a cause, as fetch reports it.
      const failure = networkFailureOf(new Error('connect failed', { cause: error }));
      reject(new BridgeUnreachableError(failure, `${query.bridgeHost}:${query.bridgePort}`));
    });
  });
}
