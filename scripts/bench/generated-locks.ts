/** An account of any size for the benchmarks: alternating models, all locked and charged. */
import type { SimulatedLockInit } from '../../main/demo/tedee-simulator.ts';

export const FIRST_LOCK_ID = 100_000;

export function generatedLocks(count: number): SimulatedLockInit[] {
  return Array.from({ length: count }, (_, index) => ({
    id: FIRST_LOCK_ID + index,
    name: `Lock ${index + 1}`,
    serialNumber: `bench-${String(index + 1).padStart(6, '0')}`,
    model: index % 2 === 0 ? 'lock-pro' : 'lock-go',
    connected: true,
    state: 'locked',
    door: 'closed',
    battery: 80,
    charging: false,
  }));
}
