/**
 * What the tray shows until the stored key is read. The system's keychain may take as long as
 * it likes (a locked GNOME keyring, a KWallet prompt), so the app is in the tray at once with
 * "Reading your key…", and says so, with a way to try again, when the keychain did not answer.
 */
import type { TrayMenuItem, TrayPresentation } from './ports.ts';

export type KeyReading = 'reading' | 'timed-out' | 'failed';

/** How long the keychain may take before the tray says so and offers to try again. */
export const KEY_READ_TIMEOUT_MS = 10_000;

const LINES: Readonly<Record<KeyReading, string>> = {
  reading: 'Reading your key…',
  'timed-out': `Your keychain did not answer in ${KEY_READ_TIMEOUT_MS / 1000} s: unlock it, then try again`,
  failed: 'Your key could not be read from the keychain',
};

/** For the window: what the tray line says, once the keychain failed or took too long. */
export function keyReadingNotice(reading: KeyReading | null): string[] {
  if (reading === 'timed-out')
    return [
      `Your system keychain did not answer within ${KEY_READ_TIMEOUT_MS / 1000} seconds, so your stored key is not read yet. Unlock the keychain, then choose "Read the key again" in the tray menu.`,
    ];
  if (reading === 'failed')
    return [
      'Your stored key could not be read from the system keychain. Choose "Read the key again" in the tray menu, or enter the key again.',
    ];
  return [];
}

export function keyReadingPresentation(reading: KeyReading): TrayPresentation {
  const line = LINES[reading];
  const retry: TrayMenuItem[] =
    reading === 'reading'
      ? []
      : [{ label: 'Read the key again', enabled: true, action: { kind: 'read-key-again' } }];
  return {
    status: reading === 'reading' ? 'busy' : 'key-problem',
    tooltip: `Tedee: ${line}`,
    menu: [
      { label: 'Open window', enabled: true, action: { kind: 'open-window' } },
      { label: line, enabled: false },
      ...retry,
      { label: '', enabled: false, type: 'separator' },
      { label: 'Quit', enabled: true, action: { kind: 'quit' } },
    ],
  };
}
