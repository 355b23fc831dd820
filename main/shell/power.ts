/**
 * Sleep and wake drive the engine: no request while the computer sleeps, and a sync as soon
 * as Tedee's 20 s rule allows after it wakes. 'unlock-screen' also wakes, because some
 * Windows machines resume without emitting 'resume' (modern standby).
 */
import type { PowerMonitor } from 'electron';

export interface SleepAware {
  suspend(): void;
  wake(): void;
}

export function wirePowerEvents(powerMonitor: Pick<PowerMonitor, 'on'>, target: SleepAware): void {
  powerMonitor.on('suspend', () => target.suspend());
  powerMonitor.on('resume', () => target.wake());
  powerMonitor.on('unlock-screen', () => target.wake());
}
