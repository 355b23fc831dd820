/**
 * The simulated account's bridges: whether each reaches the Tedee cloud and whether Tedee
 * offers it a firmware update. Locks name their bridge by id (SimulatedLock.bridgeId).
 */

export interface SimulatedBridge {
  id: number;
  name: string;
  serialNumber: string;
  /** The bridge's link to the Tedee cloud. */
  connected: boolean;
  updateAvailable: boolean;
  firmwareVersion: string;
}

export type SimulatedBridgeInit = Pick<SimulatedBridge, 'id'> & Partial<SimulatedBridge>;
export type BridgePatch = Partial<Pick<SimulatedBridge, 'connected' | 'updateAvailable' | 'name'>>;

/** The bridge of the documentation sample, which every lock uses unless told otherwise. */
export const DEFAULT_BRIDGE_ID = 47090;

export class BridgeRegistry {
  readonly #bridges = new Map<number, SimulatedBridge>();

  constructor(initial: readonly SimulatedBridgeInit[] = [{ id: DEFAULT_BRIDGE_ID }]) {
    for (const init of initial) this.add(init);
  }

  add(init: SimulatedBridgeInit): void {
    if (!Number.isSafeInteger(init.id) || init.id <= 0)
      throw new RangeError(`Invalid bridge id ${init.id}`);
    if (this.#bridges.has(init.id))
      throw new RangeError(`A simulated bridge with id ${init.id} already exists`);
    this.#bridges.set(init.id, {
      name: 'Bridge',
      serialNumber: `22460101-${String(init.id % 1_000_000).padStart(6, '0')}`,
      connected: true,
      updateAvailable: false,
      firmwareVersion: '2.2.18090',
      ...init,
    });
  }

  update(id: number, patch: BridgePatch): void {
    Object.assign(this.#get(id), patch);
  }

  all(): readonly SimulatedBridge[] {
    return [...this.#bridges.values()];
  }

  find(id: number): SimulatedBridge | undefined {
    return this.#bridges.get(id);
  }

  #get(id: number): SimulatedBridge {
    const bridge = this.#bridges.get(id);
    if (!bridge) throw new RangeError(`No simulated bridge with id ${id}`);
    return bridge;
  }
}
