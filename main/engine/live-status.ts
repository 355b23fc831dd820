/**
 * Whether the locks are followed live through a Tedee Bridge's local API, and how. Pure (no
 * Node built-ins), so the window and the contract may import it.
 *
 * - off: no bridge is configured (or it is stopped); the cloud alone is polled.
 * - callbacks: the bridge calls this computer back on every change; a heartbeat confirms.
 * - lan-polling: the bridge answers but its callbacks do not arrive (a firewall, most often),
 *   so the engine polls the bridge every few seconds instead.
 * - bridge-unreachable: the bridge has not answered for 30 s (or refused the token); the
 *   cloud is followed at the user's interval until it answers again.
 */
export const LIVE_MODES = ['off', 'callbacks', 'lan-polling', 'bridge-unreachable'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

export interface LiveStatus {
  mode: LiveMode;
  /** A bridge token and no Personal Access Key: history and cloud-only facts are missing. */
  bridgeOnly: boolean;
  /** One sentence for the user, e.g. "Live: the bridge reports every change." */
  message: string;
}

export const LIVE_OFF: LiveStatus = { mode: 'off', bridgeOnly: false, message: '' };
