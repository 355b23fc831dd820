/**
 * Sleep and wake drive the engine: no request while the computer sleeps, and a sync as soon
 * as Tedee's 20 s rule allows after it wakes. 'unlock-screen' also wakes, because some
 * Windows machines resume without emitting 'resume' (modern standby). 'shutdown' (Linux and
 * macOS only) writes what the app keeps: a system shutdown may end the app without 'before-quit'.
 */
import type { PowerMonitor } from 'electron';

export interface PowerAware {
  suspend(): void;
  wake(): void;
  /** The system is about to shut down or reboot: write what is unsaved, now. */
  systemShuttingDown(): void;
}

export function wirePowerEvents(powerMonitor: Pick<PowerMonitor, 'on'>, target: PowerAware): void {
  powerMonitor.on('suspend', () => target.suspend());
  powerMonitor.on('resume', () => target.wake());
  powerMonitor.on('unlock-screen', () => target.wake());
  powerMonitor.on('shutdown', () => target.systemShuttingDown());
}
