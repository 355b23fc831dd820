/**
 * How the tray names bridges that lost the cloud: the bridge, not each of its locks, is what
 * the user has to look at (power, Wi-Fi).
 */
import type { WindowState } from '../../preload/contract.ts';

type OfflineBridge = WindowState['health']['offlineBridges'][number];

/** One line per bridge, e.g. "Hall bridge offline: Front door, Garage". */
export function offlineBridgeLine(bridge: OfflineBridge): string {
  return `${bridge.name} offline: ${bridge.lockNames.join(', ')}`;
}

/** For the tooltip: "Hall bridge offline (2 locks)", or a count for several; null for none. */
export function offlineBridgesSummary(bridges: readonly OfflineBridge[]): string | null {
  const [only] = bridges;
  if (only === undefined) return null;
  if (bridges.length > 1) return `${bridges.length} bridges offline`;
  const count = only.lockNames.length;
  return `${only.name} offline (${count === 1 ? '1 lock' : `${count} locks`})`;
}
