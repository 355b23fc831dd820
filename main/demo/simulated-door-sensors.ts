/**
 * The simulated account's door sensors. The cloud sends a sensor's battery only when it changed
 * within the last 30 days (tedee-bridge-and-activity.md §4.2): `battery` null stands for that.
 */

export interface SimulatedDoorSensor {
  id: number;
  name: string;
  serialNumber: string;
  /** The lock the sensor is paired with. */
  lockId: number;
  /** Percent, or null when the cloud would leave it out. */
  battery: number | null;
}

export type SimulatedDoorSensorInit = Pick<SimulatedDoorSensor, 'id' | 'lockId'> &
  Partial<SimulatedDoorSensor>;
export type DoorSensorPatch = Partial<Pick<SimulatedDoorSensor, 'battery' | 'lockId'>>;

export class DoorSensorRegistry {
  readonly #sensors = new Map<number, SimulatedDoorSensor>();

  constructor(initial: readonly SimulatedDoorSensorInit[] = []) {
    for (const init of initial) this.add(init);
  }

  add(init: SimulatedDoorSensorInit): void {
    if (this.#sensors.has(init.id))
      throw new RangeError(`A simulated door sensor with id ${init.id} already exists`);
    this.#sensors.set(init.id, {
      name: 'Door sensor',
      serialNumber: `25010800-${String(init.id % 1_000_000).padStart(6, '0')}`,
      battery: 90,
      ...init,
    });
  }

  update(id: number, patch: DoorSensorPatch): void {
    const sensor = this.#sensors.get(id);
    if (!sensor) throw new RangeError(`No simulated door sensor with id ${id}`);
    Object.assign(sensor, patch);
  }

  all(): readonly SimulatedDoorSensor[] {
    return [...this.#sensors.values()];
  }
}
