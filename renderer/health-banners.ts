/**
 * Banners about what surrounds the locks: a bridge that lost the cloud (its locks cannot be
 * reached until it is back, which is a different fix from a lock out of range), and a key that
 * expires within 14 days.
 */
import type { HealthState } from '../preload/contract.ts';
import { button } from './dom.ts';
import { banner } from './status-banner.ts';
import type { WindowActions } from './view-state.ts';

export function healthBanners(
  health: HealthState,
  actions: Pick<WindowActions, 'openHelp' | 'editKey'>,
): HTMLElement[] {
  const banners = health.offlineBridges.map((bridge) =>
    banner('bridge-offline', {
      tone: 'alert',
      glyph: 'disconnected',
      title: `${bridge.name} is offline`,
      lines: [
        `The bridge has lost its connection to Tedee, so ${listOf(bridge.lockNames)} cannot be checked or changed remotely. Check the bridge’s power and Wi-Fi.`,
      ],
      actions: [],
    }),
  );
  const expiring = health.keyExpiring;
  if (expiring) {
    const when = expiring.daysLeft === 1 ? 'tomorrow' : `in ${expiring.daysLeft} days`;
    banners.push(
      banner('key-expiring', {
        tone: 'warn',
        glyph: 'key',
        title: `Your Personal Access Key expires ${when}`,
        lines: [
          `It expires on ${new Date(expiring.at).toISOString().slice(0, 10)}${expiring.source === 'entered' ? ', the date entered in the settings' : ''}. Create a new key in the Tedee Portal and enter it here before then, or monitoring stops.`,
        ],
        actions: [
          button('Enter a new key', () => actions.editKey(), {
            'data-focus-key': 'banner-expiring-key',
          }),
          button('Open the Tedee Portal', () => actions.openHelp(), {
            'data-focus-key': 'banner-expiring-portal',
          }),
        ],
      }),
    );
  }
  return banners;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
