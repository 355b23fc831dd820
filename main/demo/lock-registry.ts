/**
 * The simulated account's locks and the changes a test or the demo script can make to them.
 * Unknown ids throw instead of being ignored: a typo in a test should fail loudly, not leave
 * the test asserting on a lock that never changed.
 */
import { applyLockPatch, createSimulatedLock } from './simulated-lock.ts';
import type { LockPatch, SimulatedLock, SimulatedLockInit } from './simulated-lock.ts';

/** Tedee ids are large, increasing numbers; new ones continue after the highest seen. */
const FIRST_GENERATED_ID = 50001;

export class LockRegistry {
  readonly #locks = new Map<number, SimulatedLock>();
  readonly #now: () => number;
  #highestId = FIRST_GENERATED_ID - 1;
  #serialCounter = 0;

  constructor(now: () => number, initial: readonly SimulatedLockInit[] = []) {
    this.#now = now;
    for (const init of initial) this.add(init);
  }

  /** Adds a lock and returns its id (generated when not given). */
  add(init: SimulatedLockInit): number {
    const id = init.id ?? this.#highestId + 1;
    if (this.#locks.has(id)) throw new RangeError(`A simulated lock with id ${id} already exists`);
    const serialNumber = init.serialNumber ?? this.#generatedSerial();
    if (this.#findBySerial(serialNumber)) {
      throw new RangeError(`A simulated lock with serial ${serialNumber} already exists`);
    }
    const lock = createSimulatedLock(init, { id, serialNumber, now: this.#now() });
    this.#locks.set(id, lock);
    this.#highestId = Math.max(this.#highestId, id);
    return id;
  }

  remove(id: number): void {
    this.#get(id);
    this.#locks.delete(id);
  }

  /**
   * Removes the lock and adds the same hardware again, as a user does after a reset. Tedee
   * gives it a new id (tedee-api.md §5: "changes whenever the lock is re-added"), so only the
   * serial number links the two; the new record starts over at revision 1.
   */
  readd(id: number): number {
    const old = this.#get(id);
    this.#locks.delete(id);
    const { id: _oldId, revision: _oldRevision, createdAt: _oldCreated, ...hardware } = old;
    return this.add({ ...hardware, id: this.#highestId + 1, revision: 1, createdAt: this.#now() });
  }

  update(id: number, patch: LockPatch): void {
    applyLockPatch(this.#get(id), patch, this.#now());
  }

  /** A name is configuration, so Tedee bumps the revision with it (tedee-api.md §5). */
  rename(id: number, name: string): void {
    const lock = this.#get(id);
    lock.name = name;
    lock.revision += 1;
  }

  /** Stands for any other settings change made in the Tedee app. */
  bumpRevision(id: number): void {
    this.#get(id).revision += 1;
  }

  /** Live records, in the order the account gained them; callers must not mutate them. */
  all(): readonly SimulatedLock[] {
    return [...this.#locks.values()];
  }

  find(id: number): SimulatedLock | undefined {
    return this.#locks.get(id);
  }

  #get(id: number): SimulatedLock {
    const lock = this.#locks.get(id);
    if (!lock) throw new RangeError(`No simulated lock with id ${id}`);
    return lock;
  }

  #findBySerial(serialNumber: string): SimulatedLock | undefined {
    return this.all().find((lock) => lock.serialNumber === serialNumber);
  }

  /** Shaped like Tedee serials (`yymmddxx-nnnnnn`), unique within this simulator. */
  #generatedSerial(): string {
    let serial: string;
    do {
      this.#serialCounter += 1;
      serial = `25110300-${String(this.#serialCounter).padStart(6, '0')}`;
    } while (this.#findBySerial(serial));
    return serial;
  }
}
