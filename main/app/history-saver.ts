/**
 * Keeps a history (the lock history, the activity log) on disk while the app runs. Syncs come every 30 s and most change
 * nothing; one that does is written at most once per HISTORY_SAVE_INTERVAL_MS, and whatever is
 * left is written on quit and when the system shuts down. The write runs on a timer of its own,
 * never inside the poll that recorded the change.
 */
import type { Clock, TimerHandle } from '../engine/clock.ts';
import type { HistoryStore, Logger } from './ports.ts';

/**
 * A crash, or a Windows shutdown (which skips 'before-quit', and has no powerMonitor 'shutdown'),
 * loses at most this much of the history. The file is small and bounded, so a write a minute
 * costs little.
 */
export const HISTORY_SAVE_INTERVAL_MS = 60_000;

/** What the saver writes: anything that counts its changes and turns itself into JSON. */
export interface SavedHistory {
  readonly revision: number;
  toJSON(): unknown;
}

export interface HistorySaverOptions {
  store: HistoryStore;
  history: SavedHistory;
  clock: Clock;
  logger: Logger;
}

export class HistorySaver {
  readonly #store: HistoryStore;
  readonly #history: SavedHistory;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** The history's revision when it was last written (or read): equal means nothing to write. */
  #savedRevision: number;
  #lastSaveAt: number | null = null;
  #timer: TimerHandle | null = null;
  /** Set after a failed write, so a full disk is said once rather than every minute. */
  #failing = false;

  constructor(options: HistorySaverOptions) {
    this.#store = options.store;
    this.#history = options.history;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#savedRevision = this.#history.revision;
  }

  /** After every sync: two comparisons, and a timer when the history changed. */
  synced(): void {
    if (this.#timer !== null || this.#history.revision === this.#savedRevision) return;
    const now = this.#clock.now();
    const at =
      this.#lastSaveAt === null ? now : Math.max(now, this.#lastSaveAt + HISTORY_SAVE_INTERVAL_MS);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#save();
    }, at - now);
  }

  /** On quit or shutdown: writes what changed since the last write, now, and schedules nothing more. */
  flush(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#history.revision !== this.#savedRevision) this.#save();
  }

  #save(): void {
    const revision = this.#history.revision;
    // Also after a failure: the next attempt waits its interval like any other write.
    this.#lastSaveAt = this.#clock.now();
    try {
      this.#store.save(this.#history.toJSON());
    } catch (error) {
      // The history is a convenience: monitoring goes on, and the next change tries again.
      if (!this.#failing)
        this.#logger.warn(`The lock history could not be saved: ${String(error)}`);
      this.#failing = true;
      return;
    }
    this.#savedRevision = revision;
    this.#failing = false;
  }
}
