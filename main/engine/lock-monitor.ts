/**
 * The engine: decides when to ask Tedee, keeps what it answered, and tells listeners.
 *
 * One poll at a time, on an injected clock. Whether a poll may go at all is the phase
 * (monitor-phase.ts: not started, asleep, paused, no usable key, stopped); what one poll asks
 * and through which limits is the poll cycle (poll-cycle.ts). Transient failures back off; a
 * rejected key stops polling until the key changes.
 * No Electron here: the tray app and the CLI both drive this class.
 */
import { awaitsName, incorrectPinAlerts, namedAlert } from './activity-alerts.ts';
import type { AwaitingName } from './activity-alerts.ts';
import { ActivityFeed } from './activity-feed.ts';
import type { ActivityNews } from './activity-feed.ts';
import { ActivityStore } from './activity-store.ts';
import { emptyAlertMemory, evaluateAlerts, lockNameOf } from './alert-policy.ts';
import type { Alert, AlertMemory, PollFailureReason, PollOutcome } from './alert-policy.ts';
import { backoffDelayMs } from './backoff.ts';
import { BridgeOperationPath } from './bridge-operation-path.ts';
import type { BridgeConnection } from './bridge-connection.ts';
import {
  emptyHealthAlertMemory,
  evaluateHealthAlerts,
  locksBehindOfflineBridges,
  offlineBridgesOf,
} from './health-alerts.ts';
import type { HealthAlertMemory } from './health-alerts.ts';
import { HealthReads } from './health-reads.ts';
import { keyExpiryOf } from './key-expiry.ts';
import { systemClock } from './clock.ts';
import type { Clock, TimerHandle } from './clock.ts';
import type { LockDetails } from '../tedee/lock-model.ts';
import { LiveBridge } from '../bridge/live-bridge.ts';
import type { BridgeEvent } from '../bridge/bridge-events.ts';
import type { BridgeLock } from '../bridge/bridge-model.ts';
import { LIVE_OFF } from './live-status.ts';
import type { LiveStatus } from './live-status.ts';
import { LockHistory } from './lock-history.ts';
import { initialPhase, nextPhase, pauseOf } from './monitor-phase.ts';
import type { MonitorPhase, PhaseEvent } from './monitor-phase.ts';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  defaultPollSettings,
  OPERATION_RESERVE_PER_HOUR,
  parseSettings,
  pollSettingsSchema,
  HEALTH_READS_PER_HOUR,
  projectedRequestsPerHour,
} from './monitor-settings.ts';
import type { AlertSettings, PollSettings } from './monitor-settings.ts';
import type {
  AppStatus,
  HealthSnapshot,
  MonitoredLock,
  MonitorSnapshot,
} from './monitor-snapshot.ts';
import { detailsOfBridgeLocks, MonitoredLocks } from './monitored-locks.ts';
import type { BridgeObservation, LockSelection } from './monitored-locks.ts';
import type { OperationPath, OperationPaths } from './operation-path.ts';
import { PollCycle } from './poll-cycle.ts';
import type { PollAnswer, TedeeApi } from './poll-cycle.ts';
import { RequestGates } from './request-gates.ts';
import type { OperationGate } from './cloud-operation-path.ts';
import { trayStatusOf } from './tray-status.ts';

export type { TedeeApi } from './poll-cycle.ts';

/** With nothing to sync, how often the lock list is checked for new locks. */
export const LOCK_LIST_RECHECK_MS = 5 * 60_000;
/**
 * While the bridge follows every selected lock live, the cloud is asked this often, for names,
 * serials, models and the account's standing (issue 8: ~13 cloud requests an hour).
 */
export const CLOUD_INTERVAL_WHILE_LIVE_MS = 5 * 60_000;

/**
 * 'bridge': the bridge changed a shown value (a callback, a heartbeat, a LAN poll);
 * 'heartbeat': the bridge confirmed the values without changing any.
 */
export type SnapshotCause = 'sync' | 'failure' | 'control' | 'bridge' | 'heartbeat';

export type MonitorEvent =
  | { type: 'snapshot'; cause: SnapshotCause; snapshot: MonitorSnapshot }
  /** Everything one poll raised, together, so the app can merge it into one notification. */
  | { type: 'alerts'; at: number; alerts: Alert[] }
  /** Entries new to a lock's activity log (activity-feed.ts). */
  | { type: 'activity'; at: number; news: ActivityNews }
  /**
   * An 'unlocked' or 'jammed' alert already raised, now with who and how from the activity log,
   * for a notification that can be replaced in place.
   */
  | { type: 'alert-named'; at: number; alert: Alert };

export interface LockMonitorOptions {
  /** null until the user has given a key. */
  api: TedeeApi | null;
  clock?: Clock;
  /** In [0, 1), for backoff jitter. */
  random?: () => number;
  poll?: Partial<PollSettings>;
  alerts?: Partial<AlertSettings>;
  selection?: LockSelection;
  /**
   * Live mode through a Tedee Bridge (see bridge-connection.ts); null or absent: cloud only.
   * With a bridge, `api` may be null (bridge-only mode).
   */
  bridge?: BridgeConnection | null;
  /** Where live mode's diagnostics go (one line each, never a secret); default nowhere. */
  log?: (line: string) => void;
  /** A history saved by an earlier run, to continue. */
  history?: LockHistory;
  /** Epoch ms the user entered as the key's expiry (key-expiry.ts); null when not entered. */
  enteredKeyExpiry?: number | null;
  /**
   * Whether polls also read bridges, door sensors and the key's expiry (health-reads.ts), and
   * the activity log (activity-feed.ts). Default true; a one-shot command (status, lock) has no
   * use for them.
   */
  readSurroundings?: boolean;
  /** The activity log saved by an earlier run, to continue. */
  activity?: ActivityStore;
  /**
   * Where an exception thrown by a listener goes. A listener's bug must not stop the poll
   * loop half-way through an answer, nor keep the other listeners from hearing it; by
   * default it is thrown again on its own task, where the process's handler reports it.
   */
  onListenerError?: (error: unknown) => void;
}

function rethrowOnItsOwnTask(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class LockMonitor {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #locks: MonitoredLocks;
  readonly #listeners = new Set<(event: MonitorEvent) => void>();
  readonly #onListenerError: (error: unknown) => void;
  readonly #history: LockHistory;
  readonly #gates: RequestGates;
  readonly #pollCycle: PollCycle;
  readonly #health: HealthReads;
  readonly #readSurroundings: boolean;
  readonly #activityStore: ActivityStore;
  readonly #activity: ActivityFeed;
  /** Per lock, the last 'unlocked' or 'jammed' alert that went out without a name. */
  readonly #awaitingNames = new Map<number, AwaitingName>();
  #settings: PollSettings;
  #alertSettings: AlertSettings;
  #alertMemory: AlertMemory = emptyAlertMemory();
  #healthAlertMemory: HealthAlertMemory = emptyHealthAlertMemory();
  #enteredKeyExpiry: number | null;

  #phase: MonitorPhase<TedeeApi>;
  /** What the last answer (or its absence) says, shown unless paused. */
  #pollStatus: AppStatus = { kind: 'starting', message: 'Starting…', retryAt: null };
  #consecutiveFailures = 0;
  /** When any source last confirmed the locks (a cloud sync, the bridge). */
  #lastSyncedAt: number | null = null;
  /** When the cloud last synced; plans the next cloud poll. */
  #lastCloudSyncAt: number | null = null;
  #hasApi: boolean;
  #bridge: LiveBridge | null = null;
  readonly #log: (line: string) => void;
  /** The planned poll while waiting, or the end of a pause while held. */
  #timer: TimerHandle | null = null;
  /** The poll in flight; a poll aborted on leaving `polling` may still be settling. */
  #flight: { done: Promise<void>; abort: AbortController } | null = null;

  constructor(options: LockMonitorOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#onListenerError = options.onListenerError ?? rethrowOnItsOwnTask;
    this.#settings = parseSettings(pollSettingsSchema, { ...defaultPollSettings, ...options.poll });
    this.#alertSettings = parseSettings(alertSettingsSchema, {
      ...defaultAlertSettings,
      ...options.alerts,
    });
    this.#gates = new RequestGates(this.#settings.budgetPerHour, OPERATION_RESERVE_PER_HOUR);
    this.#locks = new MonitoredLocks(options.selection);
    this.#readSurroundings = options.readSurroundings !== false;
    this.#health = new HealthReads(
      this.#clock,
      this.#gates,
      () =>
        // Not reading them: the syncs keep the whole budget, and nothing is spare.
        this.#readSurroundings ? this.#syncsPerHour() : Number.POSITIVE_INFINITY,
      () => this.#allLive(),
    );
    this.#enteredKeyExpiry = options.enteredKeyExpiry ?? null;
    this.#pollCycle = new PollCycle(this.#clock, this.#gates, this.#locks, this.#health);
    this.#history = options.history ?? new LockHistory();
    this.#activityStore = options.activity ?? new ActivityStore();
    this.#activity = new ActivityFeed({
      clock: this.#clock,
      gates: this.#gates,
      syncsPerHour: () => this.#syncsPerHour(),
      store: this.#activityStore,
      onNews: (news) => this.#onActivityNews(news),
      onAvailability: () => this.#emit('control'),
    });
    this.#phase = initialPhase(options.api);
    this.#hasApi = options.api !== null;
    this.#log = options.log ?? (() => {});
    if (!options.api) this.#pollStatus = noKeyStatus();
    if (options.bridge) this.#bridge = this.#newLiveBridge(options.bridge);
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

  /** Each lock's activity log (who did what, and how), newest first. */
  get activity(): ActivityStore {
    return this.#activityStore;
  }

  /**
   * The request gates as lock operations use them: the whole budget, with the reserve that
   * polling never spends, and Tedee's 429 that holds every request back.
   */
  get operationGate(): OperationGate {
    return this.#gates;
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
    if (this.#move({ type: 'start', at: this.#clock.now() })) this.#emit('control');
  }

  /**
   * Stops for good (quit): aborts the request in flight, deletes the bridge callback (at most
   * 2 s) and sends nothing more; a start() after it does nothing.
   */
  async stop(): Promise<void> {
    this.#move({ type: 'stop' });
    await Promise.all([this.#flight?.done, this.#bridge?.stop()]);
    await this.#activity.idle();
  }

  /**
   * A new bridge configuration (or none: live mode off). The old one's callback is deleted
   * first (at most 2 s).
   */
  async setBridge(connection: BridgeConnection | null): Promise<void> {
    const old = this.#bridge;
    this.#bridge = null;
    await old?.stop();
    if (this.#phase.kind === 'stopped') return;
    this.#bridge = connection ? this.#newLiveBridge(connection) : null;
    this.#followHolds();
    this.#cloudPlanChanged();
    this.#emit('control');
  }

  /** Resolves when no request is in flight (tests and the CLI's one-shot status use it). */
  async idle(): Promise<void> {
    while (this.#flight) await this.#flight.done;
    await this.#bridge?.requestsSettled();
    await this.#activity.idle();
  }

  /**
   * The bridge says the lock changed (its lock-status-changed callback): fetch the lock's
   * activity as soon as the limits allow, as a moved lastStateChangedDate does.
   */
  lockStatusChanged(lockId: number): void {
    this.#activity.lockChanged(lockId);
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
      nextSyncAt: this.#phase.kind === 'waiting' ? this.#phase.at : null,
      refreshAllowedAt: this.#earliestSyncAllowed(now),
      health: this.#healthSnapshot(locks),
      live: this.#liveStatus(),
      activity: this.#activity.availability,
      activityPerHour: this.#activityPerHour(),
    };
  }

  /** The expiry date the user entered for the key (epoch ms), or null; used where Tedee's is not. */
  setEnteredKeyExpiry(at: number | null): void {
    if (at === this.#enteredKeyExpiry) return;
    this.#enteredKeyExpiry = at;
    this.#emit('control');
  }

  /**
   * The user's "refresh now". Returns when the sync will happen: now, or the earliest moment
   * Tedee's limits allow. null when polling cannot run (not started, no key, key rejected,
   * paused, asleep, stopped).
   */
  refreshNow(): number | null {
    const phase = this.#phase;
    if (phase.kind === 'polling') return this.#clock.now();
    if (phase.kind !== 'waiting') return null;
    const at = this.#earliestSyncAllowed(this.#clock.now());
    if (at < phase.at) this.#move({ type: 'reschedule', at });
    return at;
  }

  /**
   * What a bridge answered to one `GET /lock` outside live mode (`status --bridge`): its
   * values win for the locks it knows; without a key, its lock list is the catalog.
   */
  applyBridgeLocks(locks: readonly BridgeLock[]): void {
    this.#onBridgeLocks(locks, this.#clock.now());
  }

  /**
   * A sync to confirm a lock operation: like refreshNow, but paid from the operations' reserve,
   * so it goes even when polling has spent its share of the hour. Tedee's 20 s rule still holds.
   */
  syncForOperation(): number | null {
    this.#pollCycle.wantSyncForOperation();
    return this.refreshNow();
  }

  /**
   * Where an operation on a lock can go now: through live mode's bridge for a lock the bridge
   * follows live (its values come from the bridge; the requests share the bridge's one guard,
   * and no cloud scope or hourly budget is needed), otherwise `cloud`.
   */
  operationPaths(cloud: OperationPath | null): OperationPaths {
    const bridge = this.#bridge;
    if (!bridge) return { cloud, bridge: null, isLive: () => false };
    const liveBridgeIdOf = (lockId: number): number | null => {
      const serial = this.#locks.serialOf(lockId);
      return serial !== null && this.#liveSerials().has(serial) ? bridge.bridgeIdOf(serial) : null;
    };
    return {
      cloud,
      bridge: new BridgeOperationPath(bridge.operator, this.#clock, liveBridgeIdOf),
      isLive: (lockId) => liveBridgeIdOf(lockId) !== null,
    };
  }

  /** Fetches names and serials again at the next poll (the user asked, or a lock was added). */
  refreshLockList(): number | null {
    this.#pollCycle.wantLockList();
    return this.refreshNow();
  }

  select(selection: LockSelection): number | null {
    this.#locks.select(selection);
    // With the lock list known, ids and serials resolve against it: no need to fetch it again.
    if (!this.#locks.catalogKnown) this.#pollCycle.wantLockList();
    this.#emit('control');
    return this.refreshNow();
  }

  /** A new key (or none): polling starts over with the lock list. */
  setApi(api: TedeeApi | null): void {
    this.#hasApi = api !== null;
    this.#consecutiveFailures = 0;
    this.#pollCycle.wantLockList();
    this.#health.forget();
    this.#pollStatus = api
      ? { kind: 'starting', message: 'Checking the key…', retryAt: null }
      : noKeyStatus();
    this.#move({ type: 'new-key', api, at: this.#clock.now() });
    this.#activity.keyChanged();
    this.#emit('control');
  }

  /** @throws InvalidSettingError with a message for the user; nothing changes then. */
  updatePollSettings(input: Partial<PollSettings>): PollSettings {
    const settings = parseSettings(pollSettingsSchema, { ...this.#settings, ...input });
    this.#settings = settings;
    this.#gates.setBudget(settings.budgetPerHour);
    if (this.#phase.kind === 'waiting' && this.#lastCloudSyncAt !== null) {
      const at = Math.max(this.#clock.now(), this.#lastCloudSyncAt + this.#cloudIntervalMs());
      this.#move({ type: 'reschedule', at });
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

  /** Sends nothing until resume(), or until `until` if given; drops the request in flight. */
  pause(until?: number): void {
    this.#move({ type: 'pause', until: until ?? null });
    this.#emit('control');
  }

  resume(): void {
    const at = this.#earliestSyncAllowed(this.#clock.now());
    if (this.#move({ type: 'resume', at })) this.#emit('control');
  }

  /** The computer goes to sleep: drop the request in flight, send nothing until wake(). */
  suspend(): void {
    this.#move({ type: 'suspend' });
  }

  /** Back from sleep: sync as soon as the limits allow (the 20 s guard still applies). */
  wake(): void {
    this.#move({ type: 'wake', at: this.#earliestSyncAllowed(this.#clock.now()) });
  }

  /**
   * The one place the phase changes. The timer and the request in flight follow it: a timer
   * only for the planned poll or the end of a pause, a request only while polling.
   * @returns whether the phase changed.
   */
  #move(event: PhaseEvent<TedeeApi>): boolean {
    const phase = nextPhase(this.#phase, event);
    if (phase === this.#phase) return false;
    this.#phase = phase;
    if (phase.kind !== 'polling') this.#flight?.abort.abort();
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    const pauseEnds = pauseOf(phase)?.until ?? null;
    if (phase.kind === 'waiting')
      this.#timer = this.#timeout(phase.at, () => this.#sendPoll(phase.api));
    else if (pauseEnds !== null) this.#timer = this.#timeout(pauseEnds, () => this.resume());
    this.#followHolds();
    const polls = phase.kind === 'waiting' || phase.kind === 'polling';
    this.#activity.run(polls && this.#readSurroundings ? phase.api : null);
    return true;
  }

  /** The bridge is asked exactly when the cloud may be: started, awake, not paused. */
  #followHolds(): void {
    const bridge = this.#bridge;
    if (!bridge) return;
    const phase = this.#phase;
    const running =
      phase.kind === 'held'
        ? phase.holds.started && !phase.holds.asleep && phase.holds.pause === null
        : phase.kind !== 'stopped';
    if (running) bridge.start();
    else bridge.hold();
  }

  #newLiveBridge(connection: BridgeConnection): LiveBridge {
    const bridge: LiveBridge = new LiveBridge({
      connection,
      clock: this.#clock,
      log: this.#log,
      listener: {
        locks: (locks, at) => {
          if (this.#bridge === bridge) this.#onBridgeLocks(locks, at);
        },
        event: (event, at) => {
          if (this.#bridge === bridge) this.#onBridgeEvent(event, at);
        },
        modeChanged: () => {
          if (this.#bridge !== bridge) return;
          this.#cloudPlanChanged();
          this.#emit('control');
        },
      },
    });
    return bridge;
  }

  #onBridgeLocks(locks: readonly BridgeLock[], at: number): void {
    // Bridge-only: the bridge's lock list is the catalog (names as the bridge knows them).
    if (!this.#hasApi) this.#locks.applyLockList(detailsOfBridgeLocks(locks));
    const statesBefore = this.#statesOfLocks(at);
    const observation = this.#locks.applyBridgeLocks(locks, at);
    // A state that moved with no callback telling it (LAN polling, a heartbeat) is a change
    // the activity log has an entry for, as a lock-status-changed event is.
    for (const lock of this.#locks.list(at, this.#staleAfterMs()))
      if (observation.changed.includes(lock.id) && statesBefore.get(lock.id) !== lock.state)
        this.lockStatusChanged(lock.id);
    this.#onBridgeObservation(observation, at);
  }

  #onBridgeEvent(event: BridgeEvent, at: number): void {
    const observation = this.#locks.applyBridgeEvent(event, at);
    // While live, the cloud is asked only every 5 minutes: the bridge's event is what says
    // the lock's activity log has something new.
    if (event.kind === 'lock-status')
      for (const lockId of observation.observed) this.lockStatusChanged(lockId);
    this.#onBridgeObservation(observation, at);
  }

  #statesOfLocks(at: number): ReadonlyMap<number, MonitoredLock['state']> {
    return new Map(this.#locks.list(at, this.#staleAfterMs()).map((lock) => [lock.id, lock.state]));
  }

  /**
   * What the bridge told is one more observation of those locks, as a sync is (the alert
   * policy is the same whatever the source); the history keeps only changes.
   */
  #onBridgeObservation({ observed, changed }: BridgeObservation, at: number): void {
    if (observed.length === 0) return;
    this.#lastSyncedAt = at;
    const locks = this.#locks.list(at, this.#staleAfterMs());
    const changedIds = new Set(changed);
    this.#history.recordSync(
      locks.filter((lock) => changedIds.has(lock.id)),
      at,
    );
    this.#emit(changed.length > 0 ? 'bridge' : 'heartbeat');
    const observedIds = new Set(observed);
    this.#raiseAlerts(
      { kind: 'observed', locks: locks.filter((lock) => observedIds.has(lock.id)) },
      at,
    );
  }

  /** Serials of the selected locks the bridge follows live right now. */
  #liveSerials(): ReadonlySet<string> {
    const bridge = this.#bridge;
    if (!bridge || (bridge.mode !== 'callbacks' && bridge.mode !== 'lan-polling')) return new Set();
    return bridge.serials;
  }

  /** Whether the bridge follows every selected lock live right now. */
  #allLive(): boolean {
    const live = this.#liveSerials();
    const locks = this.#locks.list(this.#clock.now(), this.#staleAfterMs());
    return locks.length > 0 && locks.every((lock) => lock.serial !== null && live.has(lock.serial));
  }

  /** Five minutes while the bridge follows every selected lock live; else the user's interval. */
  #cloudIntervalMs(): number {
    const intervalMs = this.#settings.intervalSeconds * 1000;
    return this.#allLive() ? Math.max(CLOUD_INTERVAL_WHILE_LIVE_MS, intervalMs) : intervalMs;
  }

  /**
   * The live mode changed: the next cloud poll moves to what the new mode asks for. When the
   * bridge is lost the cloud takes over at once (no gap); when it is back, the cloud waits.
   * Never earlier than a backoff or Tedee's limits planned.
   */
  #cloudPlanChanged(): void {
    const phase = this.#phase;
    if (phase.kind !== 'waiting' || this.#lastCloudSyncAt === null) return;
    const now = this.#clock.now();
    const planned = Math.max(
      this.#lastCloudSyncAt + this.#cloudIntervalMs(),
      this.#earliestSyncAllowed(now),
    );
    const earlierForFallback = planned < phase.at && this.#consecutiveFailures === 0;
    if (planned > phase.at || earlierForFallback) this.#move({ type: 'reschedule', at: planned });
  }

  #timeout(at: number, callback: () => void): TimerHandle {
    return this.#clock.setTimeout(
      () => {
        this.#timer = null;
        callback();
      },
      Math.max(0, at - this.#clock.now()),
    );
  }

  #sendPoll(api: TedeeApi): void {
    this.#move({ type: 'poll-sent' });
    const abort = new AbortController();
    const flight = {
      abort,
      done: this.#pollCycle
        .run(api, abort.signal, () => this.#liveSerials())
        .then((result) => {
          // Aborted on leaving `polling`: the answer no longer matters.
          if (result.kind !== 'aborted' && !abort.signal.aborted) this.#onPollAnswer(result);
        })
        .finally(() => {
          if (this.#flight === flight) this.#flight = null;
        }),
    };
    this.#flight = flight;
  }

  #onPollAnswer(result: PollAnswer): void {
    const now = this.#clock.now();
    // While the bridge is live, retries and rechecks of the cloud keep its slower pace too.
    const intervalMs = this.#cloudIntervalMs();
    switch (result.kind) {
      case 'not-yet':
        this.#move({ type: 'poll-answered', nextAt: result.at });
        return;
      case 'synced':
        return this.#onSynced(result.lockCount, result.dropped, now);
      case 'nothing-selected': {
        const message = droppedMessage(result.dropped) || 'No lock is selected for monitoring.';
        this.#pollStatus = { kind: 'ok', message, retryAt: null };
        const nextAt = now + Math.max(LOCK_LIST_RECHECK_MS, intervalMs);
        this.#move({ type: 'poll-answered', nextAt });
        return this.#emit('control');
      }
      case 'key-rejected':
        this.#pollStatus = { kind: result.status, message: result.message, retryAt: null };
        this.#move({ type: 'key-rejected' });
        return this.#reportFailure('key-rejected', now);
      case 'rate-limited':
        this.#pollStatus = {
          kind: 'rate-limited',
          message: result.message,
          retryAt: result.retryAt,
        };
        this.#move({ type: 'poll-answered', nextAt: Math.max(result.retryAt, now + intervalMs) });
        return this.#reportFailure('rate-limited', now);
      case 'lock-gone':
        this.#move({ type: 'poll-answered', nextAt: now });
        return this.#reportFailure(null, now);
      case 'unreachable': {
        this.#consecutiveFailures += 1;
        this.#pollStatus = { kind: 'offline', message: result.message, retryAt: null };
        const delay = backoffDelayMs(this.#consecutiveFailures, intervalMs, this.#random);
        this.#move({ type: 'poll-answered', nextAt: now + delay });
        return this.#reportFailure('unreachable', now);
      }
    }
  }

  #onSynced(lockCount: number, dropped: readonly string[], now: number): void {
    this.#consecutiveFailures = 0;
    this.#lastSyncedAt = now;
    this.#lastCloudSyncAt = now;
    this.#pollStatus = {
      kind: 'ok',
      message: droppedMessage(dropped) || watchingMessage(lockCount),
      retryAt: null,
    };
    this.#move({ type: 'poll-answered', nextAt: now + this.#cloudIntervalMs() });
    const locks = this.#locks.list(now, this.#staleAfterMs());
    this.#history.recordSync(locks, now);
    this.#emit('sync');
    const { details } = this.#health.facts;
    const behindOfflineBridge = locksBehindOfflineBridges(locks, details?.value ?? null);
    this.#raiseAlerts({ kind: 'synced', locks, behindOfflineBridge }, now, locks);
    this.#activity.locksSynced(locks);
  }

  /** What the planned syncs leave of the budget, less what the health reads take of it. */
  #activityPerHour(): number {
    const healthReads = this.#readSurroundings ? HEALTH_READS_PER_HOUR : 0;
    return Math.max(0, this.#gates.sparePerHour(this.#syncsPerHour()) - healthReads);
  }

  /**
   * The syncs' share of the budget is what polling at the cloud's interval plans (every 5 min
   * while the bridge follows every lock live); the rest is spare.
   */
  #syncsPerHour(): number {
    return projectedRequestsPerHour(this.#cloudIntervalMs() / 1000);
  }

  #healthSnapshot(locks: readonly MonitoredLock[]): HealthSnapshot {
    const details = this.#health.facts.details?.value ?? null;
    const watched = new Set(locks.map((lock) => lock.id));
    return {
      offlineBridges: offlineBridgesOf(locks, details),
      updateAvailable: (details?.locks ?? [])
        .filter((lock) => lock.updateAvailable && watched.has(lock.id))
        .map((lock) => lock.id),
      keyExpiry: this.#keyExpiry(),
    };
  }

  #keyExpiry() {
    return keyExpiryOf(this.#health.facts.keyValidTo, this.#enteredKeyExpiry);
  }

  #onActivityNews(news: ActivityNews): void {
    const now = this.#clock.now();
    this.#tell({ type: 'activity', at: now, news });
    if (news.announced.length === 0) return;
    const lock = this.#locks.list(now, this.#staleAfterMs()).find(({ id }) => id === news.lockId);
    const name = lock ? lockNameOf(lock) : `Lock ${news.lockId}`;
    const awaiting = this.#awaitingNames.get(news.lockId);
    const named = awaiting ? namedAlert(awaiting, name, news.announced, now) : null;
    if (named) {
      this.#awaitingNames.delete(news.lockId);
      this.#tell({ type: 'alert-named', at: now, alert: named });
    }
    const alerts = incorrectPinAlerts(name, news.lockId, news.announced, this.#alertSettings, now);
    if (alerts.length > 0) this.#tell({ type: 'alerts', at: now, alerts });
  }

  /** `reason` null for a 404, which is about one lock and resolved through the lock list. */
  #reportFailure(reason: PollFailureReason | null, now: number): void {
    this.#emit('failure');
    if (reason) this.#raiseAlerts({ kind: 'failed', reason }, now);
  }

  #status(): AppStatus {
    const pause = pauseOf(this.#phase);
    if (!pause) return this.#activeStatus();
    const { until } = pause;
    const message =
      until === null
        ? 'Monitoring is paused.'
        : `Monitoring is paused until ${new Date(until).toISOString()}.`;
    return { kind: 'paused', message, retryAt: until };
  }

  /** The cloud's status, with the bridge's sentence; in bridge-only mode the bridge's alone. */
  #activeStatus(): AppStatus {
    const bridge = this.#bridge;
    const poll = this.#pollStatus;
    if (!bridge) return poll;
    if (!this.#hasApi) return bridgeOnlyStatus(bridge, this.#locks.selectedIds().length);
    if (poll.kind !== 'ok') return poll;
    const following = bridge.mode === 'bridge-unreachable' ? ' Following the cloud.' : '';
    return { ...poll, message: `${poll.message} ${bridge.message}${following}` };
  }

  #liveStatus(): LiveStatus {
    const bridge = this.#bridge;
    if (!bridge) return LIVE_OFF;
    return { mode: bridge.mode, bridgeOnly: !this.#hasApi, message: bridge.message };
  }

  #staleAfterMs(): number {
    return 2 * this.#settings.intervalSeconds * 1000;
  }

  #earliestSyncAllowed(now: number): number {
    return this.#pollCycle.syncAllowedAt(this.#locks.selectedIds(), now);
  }

  /** `syncedLocks`: after a sync, the health alerts are decided too, and told in the same event. */
  #raiseAlerts(outcome: PollOutcome, now: number, syncedLocks?: readonly MonitoredLock[]): void {
    const { memory, alerts } = evaluateAlerts(this.#alertMemory, outcome, this.#alertSettings, now);
    this.#alertMemory = memory;
    if (syncedLocks) alerts.push(...this.#healthAlerts(syncedLocks, now));
    for (const alert of alerts)
      if (awaitsName(alert) && alert.lockId !== null)
        this.#awaitingNames.set(alert.lockId, { alert, at: now });
    if (alerts.length === 0) return;
    this.#tell({ type: 'alerts', at: now, alerts });
  }

  #healthAlerts(locks: readonly MonitoredLock[], now: number): Alert[] {
    const { details, doorSensors } = this.#health.facts;
    const input = {
      locks,
      details: details?.value ?? null,
      doorSensors: doorSensors?.value ?? null,
      keyExpiry: this.#keyExpiry(),
    };
    const evaluation = evaluateHealthAlerts(
      this.#healthAlertMemory,
      input,
      this.#alertSettings,
      now,
    );
    this.#healthAlertMemory = evaluation.memory;
    return evaluation.alerts;
  }

  #emit(cause: SnapshotCause): void {
    if (this.#listeners.size === 0) return;
    this.#tell({ type: 'snapshot', cause, snapshot: this.snapshot() });
  }

  #tell(event: MonitorEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

function bridgeOnlyStatus(bridge: LiveBridge, lockCount: number): AppStatus {
  const message = bridge.message;
  if (bridge.authError) return { kind: 'auth-error', message, retryAt: null };
  if (bridge.mode === 'bridge-unreachable') {
    return { kind: bridge.connecting ? 'starting' : 'offline', message, retryAt: null };
  }
  return {
    kind: 'ok',
    message: `${watchingMessage(lockCount)} ${message} Bridge only: no history or cloud-only facts without a Personal Access Key.`,
    retryAt: null,
  };
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
