/**
 * The engine: decides when to ask Tedee, keeps what it answered, and tells listeners.
 *
 * One poll at a time, on an injected clock. Every request passes the gates (request-gates.ts:
 * the per-lock 20 s guard, the hourly budget, the lock-list limit, a 429's Retry-After)
 * before it is sent. Transient failures back off; a rejected key stops polling until the
 * key changes.
 * No Electron here: the tray app and the CLI both drive this class.
 */
import {
  AuthError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  TedeeError,
} from '../tedee/errors.ts';
import type { LockDetails, LockStatus } from '../tedee/lock-model.ts';
import { emptyAlertMemory, evaluateAlerts } from './alert-policy.ts';
import type { Alert, AlertMemory, PollFailureReason, PollOutcome } from './alert-policy.ts';
import { backoffDelayMs } from './backoff.ts';
import { systemClock } from './clock.ts';
import type { Clock, TimerHandle } from './clock.ts';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  defaultPollSettings,
  parseSettings,
  pollSettingsSchema,
} from './monitor-settings.ts';
import type { AlertSettings, PollSettings } from './monitor-settings.ts';
import type { AppStatus, MonitorSnapshot } from './monitor-snapshot.ts';
import { LockHistory } from './lock-history.ts';
import { MonitoredLocks } from './monitored-locks.ts';
import type { LockSelection } from './monitored-locks.ts';
import { RequestGates } from './request-gates.ts';
import { trayStatusOf } from './tray-status.ts';

/** What the engine needs of the Tedee client (the real one, or a test double). */
export interface TedeeApi {
  listLocks(signal?: AbortSignal): Promise<LockDetails[]>;
  syncLock(id: number, signal?: AbortSignal): Promise<LockStatus>;
  syncLocks(ids: readonly number[], signal?: AbortSignal): Promise<LockStatus[]>;
}

/** With nothing to sync, how often the lock list is checked for new locks. */
export const LOCK_LIST_RECHECK_MS = 5 * 60_000;

export type SnapshotCause = 'sync' | 'failure' | 'control';

export type MonitorEvent =
  | { type: 'snapshot'; cause: SnapshotCause; snapshot: MonitorSnapshot }
  /** Everything one poll raised, together, so the app can merge it into one notification. */
  | { type: 'alerts'; at: number; alerts: Alert[] };

export interface LockMonitorOptions {
  /** null until the user has given a key. */
  api: TedeeApi | null;
  clock?: Clock;
  /** In [0, 1), for backoff jitter. */
  random?: () => number;
  poll?: Partial<PollSettings>;
  alerts?: Partial<AlertSettings>;
  selection?: LockSelection;
  /** A history saved by an earlier run, to continue. */
  history?: LockHistory;
}

export class LockMonitor {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #locks: MonitoredLocks;
  readonly #listeners = new Set<(event: MonitorEvent) => void>();
  readonly #history: LockHistory;
  #api: TedeeApi | null;
  #settings: PollSettings;
  #alertSettings: AlertSettings;
  #alertMemory: AlertMemory = emptyAlertMemory();
  readonly #gates: RequestGates;

  #started = false;
  #suspended = false;
  #pause: { until: number | null } | null = null;
  #pollStatus: AppStatus = { kind: 'starting', message: 'Starting…', retryAt: null };
  /** Set by 401/403: nothing is sent until the key changes. */
  #keyRejected = false;
  #consecutiveFailures = 0;
  #lockListWanted = true;
  #lastSyncedAt: number | null = null;

  #timer: TimerHandle | null = null;
  #nextPollAt: number | null = null;
  #inFlight: Promise<void> | null = null;
  #abort: AbortController | null = null;

  constructor(options: LockMonitorOptions) {
    this.#api = options.api;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#settings = parseSettings(pollSettingsSchema, { ...defaultPollSettings, ...options.poll });
    this.#alertSettings = parseSettings(alertSettingsSchema, {
      ...defaultAlertSettings,
      ...options.alerts,
    });
    this.#gates = new RequestGates(this.#settings.budgetPerHour);
    this.#locks = new MonitoredLocks(options.selection);
    this.#history = options.history ?? new LockHistory();
    if (!this.#api) this.#pollStatus = noKeyStatus();
  }

  get settings(): PollSettings {
    return this.#settings;
  }

  get alertSettings(): AlertSettings {
    return this.#alertSettings;
  }

  /** What the syncs reported over time, for the battery chart and the event list. */
  get history(): LockHistory {
    return this.#history;
  }

  /** Every lock of the account, for choosing which to watch. */
  get catalog(): readonly LockDetails[] {
    return this.#locks.catalog;
  }

  subscribe(listener: (event: MonitorEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#scheduleAt(this.#clock.now());
    this.#emit('control');
  }

  /** Stops for good (quit): aborts the request in flight and sends nothing more. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#cancelTimer();
    this.#abort?.abort();
    await this.#inFlight;
  }

  /** Resolves when no request is in flight (tests and the CLI's one-shot status use it). */
  async idle(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
  }

  snapshot(): MonitorSnapshot {
    const now = this.#clock.now();
    const status = this.#status();
    const locks = this.#locks.list(now, this.#staleAfterMs());
    return {
      at: now,
      status,
      locks,
      tray: trayStatusOf(status, locks, this.#alertSettings.lowBatteryPercent),
      lastSyncedAt: this.#lastSyncedAt,
      nextSyncAt: this.#nextPollAt,
      refreshAllowedAt: this.#earliestSyncAllowed(now),
    };
  }

  /**
   * The user's "refresh now". Returns when the sync will happen: now, or the earliest moment
   * Tedee's limits allow. null when polling cannot run (no key, key rejected, paused, asleep).
   */
  refreshNow(): number | null {
    if (!this.#canPoll()) return null;
    const now = this.#clock.now();
    if (this.#inFlight) return now;
    const at = this.#earliestSyncAllowed(now);
    if (this.#nextPollAt === null || at < this.#nextPollAt) this.#scheduleAt(at);
    return at;
  }

  /** Fetches names and serials again at the next poll (the user asked, or a lock was added). */
  refreshLockList(): number | null {
    this.#lockListWanted = true;
    return this.refreshNow();
  }

  select(selection: LockSelection): number | null {
    this.#locks.select(selection);
    // With the lock list known, ids and serials resolve against it: no need to fetch it again.
    if (!this.#locks.catalogKnown) this.#lockListWanted = true;
    this.#emit('control');
    return this.refreshNow();
  }

  /** A new key (or none): polling starts over with the lock list. */
  setApi(api: TedeeApi | null): void {
    this.#abort?.abort();
    this.#api = api;
    this.#keyRejected = false;
    this.#consecutiveFailures = 0;
    this.#lockListWanted = true;
    this.#pollStatus = api
      ? { kind: 'starting', message: 'Checking the key…', retryAt: null }
      : noKeyStatus();
    this.#emit('control');
    if (api && this.#started) this.#scheduleAt(this.#clock.now());
    else this.#cancelTimer();
  }

  /** @throws InvalidSettingError with a message for the user; nothing changes then. */
  updatePollSettings(input: Partial<PollSettings>): PollSettings {
    const settings = parseSettings(pollSettingsSchema, { ...this.#settings, ...input });
    this.#settings = settings;
    this.#gates.setBudget(settings.budgetPerHour);
    if (this.#nextPollAt !== null && this.#lastSyncedAt !== null) {
      this.#scheduleAt(
        Math.max(this.#clock.now(), this.#lastSyncedAt + settings.intervalSeconds * 1000),
      );
    }
    this.#emit('control');
    return settings;
  }

  /** @throws InvalidSettingError with a message for the user; nothing changes then. */
  updateAlertSettings(input: Partial<AlertSettings>): AlertSettings {
    this.#alertSettings = parseSettings(alertSettingsSchema, { ...this.#alertSettings, ...input });
    this.#emit('control');
    return this.#alertSettings;
  }

  pause(until?: number): void {
    this.#pause = { until: until ?? null };
    this.#cancelTimer();
    if (until !== undefined)
      this.#timer = this.#clock.setTimeout(() => this.resume(), until - this.#clock.now());
    this.#emit('control');
  }

  resume(): void {
    if (!this.#pause) return;
    this.#pause = null;
    this.#cancelTimer();
    this.#emit('control');
    this.refreshNow();
  }

  /** The computer goes to sleep: drop the request in flight, send nothing until wake(). */
  suspend(): void {
    this.#suspended = true;
    this.#cancelTimer();
    this.#abort?.abort();
  }

  /** Back from sleep: sync as soon as the limits allow (the 20 s guard still applies). */
  wake(): void {
    if (!this.#suspended) return;
    this.#suspended = false;
    this.refreshNow();
  }

  #canPoll(): boolean {
    return (
      this.#started && !this.#suspended && !this.#pause && !this.#keyRejected && this.#api !== null
    );
  }

  #status(): AppStatus {
    if (!this.#pause) return this.#pollStatus;
    const { until } = this.#pause;
    const message =
      until === null
        ? 'Monitoring is paused.'
        : `Monitoring is paused until ${new Date(until).toISOString()}.`;
    return { kind: 'paused', message, retryAt: until };
  }

  #staleAfterMs(): number {
    return 2 * this.#settings.intervalSeconds * 1000;
  }

  #earliestSyncAllowed(now: number): number {
    return this.#gates.syncAllowedAt(this.#locks.selectedIds(), now);
  }

  #scheduleAt(at: number): void {
    this.#cancelTimer();
    this.#nextPollAt = at;
    this.#timer = this.#clock.setTimeout(
      () => this.#onTimer(),
      Math.max(0, at - this.#clock.now()),
    );
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextPollAt = null;
  }

  #onTimer(): void {
    this.#timer = null;
    this.#nextPollAt = null;
    if (!this.#canPoll() || this.#inFlight) return;
    const now = this.#clock.now();
    const allowedAt = this.#gates.requestAllowedAt(now);
    if (allowedAt > now) return this.#scheduleAt(allowedAt);
    const abort = new AbortController();
    this.#abort = abort;
    this.#inFlight = this.#poll(abort.signal).finally(() => {
      this.#inFlight = null;
      this.#abort = null;
    });
  }

  /** One poll: the lock list when it is wanted and allowed, then one sync of the selection. */
  async #poll(signal: AbortSignal): Promise<void> {
    const api = this.#api;
    if (!api) return;
    try {
      const dropped = await this.#refreshLockListIfDue(api, signal);
      if (!this.#locks.catalogKnown)
        return this.#scheduleAt(this.#gates.lockListAllowedAt(this.#clock.now()));
      const ids = this.#locks.selectedIds();
      if (ids.length === 0) return this.#onNothingToSync(dropped);
      const now = this.#clock.now();
      const allowedAt = this.#earliestSyncAllowed(now);
      if (allowedAt > now) return this.#scheduleAt(allowedAt);

      this.#gates.recordSync(ids, now);
      const [onlyId] = ids;
      const statuses =
        ids.length === 1 && onlyId !== undefined
          ? [await api.syncLock(onlyId, signal)]
          : await api.syncLocks(ids, signal);
      if (signal.aborted) return;
      this.#onSynced(statuses, dropped);
    } catch (error) {
      if (signal.aborted) return; // suspended, stopped or a new key: the result no longer matters
      this.#onFailed(error);
    }
  }

  /** @returns names of selected locks that left the account. */
  async #refreshLockListIfDue(api: TedeeApi, signal: AbortSignal): Promise<string[]> {
    const now = this.#clock.now();
    if (!this.#lockListWanted || this.#gates.lockListAllowedAt(now) > now) return [];
    this.#gates.recordLockList(now);
    const locks = await api.listLocks(signal);
    this.#lockListWanted = false;
    const dropped = this.#locks.applyLockList(locks);
    this.#gates.forgetLocksExcept(new Set(locks.map((lock) => lock.id)));
    return dropped;
  }

  #onSynced(statuses: readonly LockStatus[], dropped: readonly string[]): void {
    const now = this.#clock.now();
    const { lockListOutdated } = this.#locks.applySync(statuses, now);
    if (lockListOutdated) this.#lockListWanted = true;
    this.#consecutiveFailures = 0;
    this.#gates.clearRateLimit();
    this.#lastSyncedAt = now;
    this.#pollStatus = {
      kind: 'ok',
      message: droppedMessage(dropped) || watchingMessage(statuses.length),
      retryAt: null,
    };
    this.#scheduleAt(now + this.#settings.intervalSeconds * 1000);
    const locks = this.#locks.list(now, this.#staleAfterMs());
    this.#history.recordSync(locks, now);
    this.#emit('sync');
    this.#raiseAlerts({ kind: 'synced', locks }, now);
  }

  #onNothingToSync(dropped: readonly string[]): void {
    const message = droppedMessage(dropped) || 'No lock is selected for monitoring.';
    this.#pollStatus = { kind: 'ok', message, retryAt: null };
    // Look again now and then, so a lock added to the account (or a selected lock re-added)
    // shows up without a restart. The lock-list limit still applies.
    this.#lockListWanted = true;
    this.#scheduleAt(
      this.#clock.now() + Math.max(LOCK_LIST_RECHECK_MS, this.#settings.intervalSeconds * 1000),
    );
    this.#emit('control');
  }

  #onFailed(error: unknown): void {
    const now = this.#clock.now();
    const intervalMs = this.#settings.intervalSeconds * 1000;
    if (error instanceof AuthError || error instanceof ForbiddenError) {
      this.#keyRejected = true;
      this.#pollStatus = {
        kind: error instanceof AuthError ? 'auth-error' : 'forbidden',
        message: error.message,
        retryAt: null,
      };
    } else if (error instanceof RateLimitedError) {
      this.#gates.rateLimitedUntil(error.retryAt);
      this.#pollStatus = { kind: 'rate-limited', message: error.message, retryAt: error.retryAt };
      this.#scheduleAt(Math.max(error.retryAt, now + intervalMs));
    } else if (error instanceof NotFoundError) {
      // The lock was removed or re-added under a new id: the lock list tells which.
      this.#lockListWanted = true;
      this.#scheduleAt(now);
    } else {
      this.#consecutiveFailures += 1;
      const message =
        error instanceof TedeeError ? error.message : 'Unexpected error while asking Tedee.';
      this.#pollStatus = { kind: 'offline', message, retryAt: null };
      this.#scheduleAt(now + backoffDelayMs(this.#consecutiveFailures, intervalMs, this.#random));
    }
    this.#emit('failure');
    const reason = failureReason(error);
    if (reason) this.#raiseAlerts({ kind: 'failed', reason }, now);
  }

  #raiseAlerts(outcome: PollOutcome, now: number): void {
    const { memory, alerts } = evaluateAlerts(this.#alertMemory, outcome, this.#alertSettings, now);
    this.#alertMemory = memory;
    if (alerts.length === 0) return;
    for (const listener of this.#listeners) listener({ type: 'alerts', at: now, alerts });
  }

  #emit(cause: SnapshotCause): void {
    if (this.#listeners.size === 0) return;
    const event: MonitorEvent = { type: 'snapshot', cause, snapshot: this.snapshot() };
    for (const listener of this.#listeners) listener(event);
  }
}

/** null for a 404, which is about one lock and resolved through the lock list. */
function failureReason(error: unknown): PollFailureReason | null {
  if (error instanceof AuthError || error instanceof ForbiddenError) return 'key-rejected';
  if (error instanceof RateLimitedError) return 'rate-limited';
  if (error instanceof NotFoundError) return null;
  return 'unreachable';
}

function noKeyStatus(): AppStatus {
  return { kind: 'auth-error', message: 'No Tedee Personal Access Key is set.', retryAt: null };
}

function watchingMessage(lockCount: number): string {
  return `Watching ${lockCount} lock${lockCount === 1 ? '' : 's'}.`;
}

function droppedMessage(dropped: readonly string[]): string {
  if (dropped.length === 0) return '';
  return `No longer in your Tedee account, so no longer monitored: ${dropped.join(', ')}.`;
}
