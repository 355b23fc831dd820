import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { wirePowerEvents } from '../../main/shell/power.ts';

describe('power events', () => {
  it('suspend pauses the engine; resume and unlock-screen wake it; shutdown saves', () => {
    const powerMonitor = new EventEmitter();
    const calls: string[] = [];
    wirePowerEvents(powerMonitor as never, {
      suspend: () => calls.push('suspend'),
      wake: () => calls.push('wake'),
      systemShuttingDown: () => calls.push('shutdown'),
    });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('shutdown');
    expect(calls).toEqual(['suspend', 'wake', 'wake', 'shutdown']);
  });
});
