/**
 * The tray app's controller: owns the engine, the settings and the key, answers the
 * window's verbs and the tray's menu, and renders every change to the window and the tray.
 * It imports no Electron: everything outside comes through the ports (see ports.ts).
 */
import type { DemoBackend } from '../demo/demo-backend.ts';
import { awaitsName } from '../engine/activity-alerts.ts';
import type { ActivityNews } from '../engine/activity-feed.ts';
import { ActivityStore } from '../engine/activity-store.ts';
import { mergeAlerts } from '../engine/alert-policy.ts';
import type { Alert } from '../engine/alert-policy.ts';
import { systemClock } from '../engine/clock.ts';
import type { Clock, TimerHandle } from '../engine/clock.ts';
import { enteredExpiryMs } from '../engine/key-expiry.ts';
import { LockHistory } from '../engine/lock-history.ts';
import { CloudOperationPath } from '../engine/cloud-operation-path.ts';
import type { TedeeOperationsApi } from '../engine/cloud-operation-path.ts';
import { LockMonitor } from '../engine/lock-monitor.ts';
import type { TedeeApi } from '../engine/lock-monitor.ts';
import type { BridgeConnection } from '../engine/bridge-connection.ts';
import { LockOperations } from '../engine/lock-operations.ts';
import { ActivityDescriber } from '../tedee/activity-events.ts';
import type { Activity } from '../tedee/activity-model.ts';
import { originOf } from '../tedee/api-address.ts';
import { AuthError, ForbiddenError, TedeeError } from '../tedee/errors.ts';
import { personalKeyProblem } from '../tedee/personal-key-text.ts';
import type { AppSettings } from '../settings/app-settings.ts';
import { DEFAULT_LAN_POLL_SECONDS } from '../settings/bridge-settings.ts';
import { applySettingsUpdate } from '../settings/settings-update.ts';
import type {
  HelpTopic,
  ParsedRequestOf,
  ResponseOf,
  SettingsUpdate,
  Verb,
  WindowActivity,
  WindowState,
} from '../../preload/contract.ts';
import type {
  BoundKey,
  ConfirmPort,
  HistoryStore,
  KeyStorage,
  KeyVault,
  LoginItemPort,
  Logger,
  NotifierPort,
  SettingsPort,
  TrayAction,
  TrayPort,
  WindowPort,
} from './ports.ts';
import { testBridgeConnection } from './bridge-connection-test.ts';
import { BridgeTokenKeeper } from './bridge-token-keeper.ts';
import { HistorySaver } from './history-saver.ts';
import { OperationController } from './operation-controller.ts';
import {
  KEY_READ_TIMEOUT_MS,
  keyReadingNotice,
  keyReadingPresentation,
} from './key-reading-presentation.ts';
import type { KeyReading } from './key-reading-presentation.ts';
import { trayPresentation } from './tray-presentation.ts';
import { UserFacingError } from './user-facing-error.ts';
import { buildWindowState } from './window-state.ts';
import { WindowUpdates } from './window-updates.ts';

export const HELP_URLS: Readonly<Record<HelpTopic, string>> = {
  'personal-access-keys': 'https://portal.tedee.com/personal-access-keys',
};

export interface TedeeTrayAppDeps {
  settings: SettingsPort;
  /** The lock history of earlier runs, and where this run's goes. */
  history: HistoryStore;
  /** The activity logs of earlier runs, and where this run's go. */
  activity: HistoryStore;
  keyVault: KeyVault;
  /** The bridge token at rest, kept like the key (its own file). */
  bridgeTokenVault: KeyVault;
  /** This installation's persistent id for its bridge callback (kept in the user-data folder). */
  instanceId(): string;
  tray: TrayPort;
  notifier: NotifierPort;
  /** Main's own confirmation dialog, the only way to an unlock. */
  confirm: ConfirmPort;
  window: WindowPort;
  loginItem: LoginItemPort;
  logger: Logger;
  /** `keyOrigin`: where the key was given for; the client sends it nowhere else. */
  createApi(options: {
    key: string;
    apiUrl: string;
    keyOrigin: string;
  }): TedeeApi & TedeeOperationsApi;
  startDemo(): Promise<DemoBackend>;
  openExternal(url: string): void;
  openLogsFolder(): void;
  quit(): void;
  clock?: Clock;
}

type KeyState = WindowState['key']['stored'];
type Handlers = { [V in Verb]: (request: ParsedRequestOf<V>) => Promise<ResponseOf<V>> };

export class TedeeTrayApp {
  readonly #deps: TedeeTrayAppDeps;
  readonly #monitor: LockMonitor;
  readonly #historySaver: HistorySaver;
  readonly #activitySaver: HistorySaver;
  readonly #describer: ActivityDescriber;
  /** Locks whose History is open in the window: only their new activity entries are sent. */
  #watchedActivity = new Set<number>();
  /** Per lock, the tag of the notification that carried its unnamed unlocked/jammed alert. */
  readonly #notificationToName = new Map<number, string>();
  #notificationCount = 0;
  #settings: AppSettings;
  readonly #notices: string[];
  /**
   * Kept in memory for the session (also for redacting logs); never sent to the window. It is
   * used only while the API address is on its origin: moved elsewhere (in the window, or by an
   * edit of settings.json), the key waits, and is used again if the address comes back.
   */
  #key: BoundKey | null = null;
  /** How #key is kept; the window is told 'none' while #key waits for its origin. */
  #keyState: KeyState = 'none';
  /** Asked once, in start(), and kept: it does not change while the app runs. */
  #keyStorage: KeyStorage = 'unavailable';
  /** Until the stored key is read (or known to be absent) the tray says so; null once it is. */
  #keyReading: KeyReading | null = 'reading';
  /** Resolves when start() is through; verbs wait for it (see handle). */
  readonly #started = Promise.withResolvers<void>();
  #shutDown = false;
  #demo: DemoBackend | null = null;
  readonly #bridgeToken: BridgeTokenKeeper;
  /** The bridge connection the monitor runs with, as JSON, so only a real change restarts it. */
  #appliedBridge = 'null';
  /** Changes of the bridge connection, one after the other: each waits for the last to stop. */
  #bridgeChanges: Promise<void> = Promise.resolve();
  #focusLockId: number | null = null;
  /** Set when a notification offering "Lock now" was clicked: the window focuses that button. */
  #focusLockButton: number | null = null;
  readonly #operations: LockOperations;
  readonly #operationControl: OperationController;
  /** The cloud path for the current key; null without one. */
  #cloudPath: CloudOperationPath | null = null;
  readonly #clock: Clock;
  #refreshRenderTimer: TimerHandle | null = null;
  #refreshRenderAt = 0;
  readonly #windowUpdates = new WindowUpdates();

  constructor(deps: TedeeTrayAppDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    const loaded = deps.settings.load();
    this.#settings = loaded.settings;
    this.#notices = [...loaded.notices];
    this.#bridgeToken = new BridgeTokenKeeper({
      vault: deps.bridgeTokenVault,
      logger: deps.logger,
      instanceId: () => deps.instanceId(),
      clock: this.#clock,
    });
    const history = LockHistory.fromJSON(deps.history.load());
    // Recording trims only a lock whose sample is kept: without this, a file saved long ago would
    // keep samples past the age limit for as long as those locks stay as they were.
    history.prune(this.#clock.now());
    this.#historySaver = new HistorySaver({
      store: deps.history,
      history,
      clock: this.#clock,
      logger: deps.logger,
    });
    const activity = ActivityStore.fromJSON(deps.activity.load());
    this.#activitySaver = new HistorySaver({
      store: deps.activity,
      history: activity,
      clock: this.#clock,
      logger: deps.logger,
    });
    this.#describer = new ActivityDescriber((message) => deps.logger.warn(message));
    // No key yet: start() reads the stored one.
    this.#monitor = new LockMonitor({
      api: null,
      clock: this.#clock,
      poll: this.#settings.poll,
      alerts: this.#settings.alerts,
      selection: this.#settings.selection,
      history,
      enteredKeyExpiry: enteredExpiryMs(this.#settings.keyExpiresOn),
      log: (line) => deps.logger.info(line),
      activity,
    });
    this.#monitor.subscribe((event) => {
      switch (event.type) {
        case 'alerts':
          return this.#notify(event.alerts);
        case 'alert-named':
          return this.#replaceWithNamed(event.alert);
        case 'activity':
          return this.#onActivity(event.news);
        case 'snapshot':
          // A change the bridge reported is in the history too (a heartbeat changes nothing there).
          if (event.cause === 'sync' || event.cause === 'bridge') this.#historySaver.synced();
          return this.#render();
      }
    });
    this.#operations = new LockOperations({
      monitor: this.#monitor,
      clock: this.#clock,
      // Through the bridge for a lock live mode follows live, else the cloud.
      paths: () => this.#monitor.operationPaths(this.#cloudPath),
    });
    this.#operationControl = new OperationController({
      operations: this.#operations,
      confirm: deps.confirm,
      notifier: deps.notifier,
      logger: deps.logger,
      unlockAllowed: () => this.#settings.operations.allowUnlock,
      lockName: (lockId) =>
        this.#monitor.snapshot().locks.find((lock) => lock.id === lockId)?.name ?? null,
      changed: () => this.#render(),
    });
  }

  /** The key of this session, so the log can redact it wherever it appears. */
  get secrets(): readonly string[] {
    return [
      this.#key?.key,
      this.#demo?.key,
      this.#bridgeToken.secret,
      this.#demo?.bridge.token,
    ].filter((secret): secret is string => !!secret);
  }

  /**
   * Shows the tray at once, reads the stored key (the system's keychain may first ask the user,
   * or not answer at all: after KEY_READ_TIMEOUT_MS the tray says so and offers to try again),
   * then starts polling.
   */
  async start(): Promise<void> {
    try {
      await this.#readStoredKey();
      // Quit while the keychain was still answering: nothing more to start.
      if (this.#shutDown) return;
      if (this.#deps.loginItem.isEnabled() !== this.#settings.startAtLogin) {
        this.#deps.loginItem.setEnabled(this.#settings.startAtLogin);
      }
      this.#monitor.start();
      this.#render();
      for (const notice of this.#notices) this.#deps.logger.warn(notice);
    } finally {
      // Also when reading failed: verbs then go on without a stored key rather than hang.
      this.#started.resolve();
    }
  }

  /** Resolves when the key is read, or when the keychain failed or took too long. */
  async #readStoredKey(): Promise<void> {
    this.#keyReading = 'reading';
    this.#render();
    const reading = this.#readKeyFromVault();
    const timeout = Promise.withResolvers<'timed-out'>();
    const timer = this.#clock.setTimeout(() => timeout.resolve('timed-out'), KEY_READ_TIMEOUT_MS);
    try {
      const outcome = await Promise.race([reading, timeout.promise]);
      if (outcome === 'timed-out') {
        this.#keyReading = 'timed-out';
        this.#deps.logger.warn(
          `The system keychain did not answer within ${KEY_READ_TIMEOUT_MS / 1000} s; the stored key is not read yet.`,
        );
      }
    } catch (error) {
      this.#keyReading = 'failed';
      this.#deps.logger.error(`The stored key could not be read: ${String(error)}`);
    } finally {
      this.#clock.clearTimeout(timer);
    }
    if (!this.#shutDown) this.#render();
  }

  /** The key storage and the stored key; also when it answers after the timeout. */
  async #readKeyFromVault(): Promise<'read'> {
    this.#keyStorage = await this.#deps.keyVault.storage();
    const key = this.#keyStorage === 'encrypted' ? await this.#deps.keyVault.load() : null;
    await this.#bridgeToken.readStored(this.#keyStorage);
    if (!this.#shutDown) this.#applyBridge();
    // A key entered (or removed) in the window while the keychain was answering is newer.
    if (this.#keyReading === null || this.#shutDown) return 'read';
    this.#keyReading = null;
    if (key !== null) {
      this.#key = key;
      this.#keyState = 'saved';
      this.#useApi(this.#apiForKey());
    }
    this.#render();
    return 'read';
  }

  /** Resolves when no request to Tedee is in flight (a poll, or a lock operation's). */
  async idle(): Promise<void> {
    await this.#monitor.idle();
    await this.#cloudPath?.idle();
  }

  async shutdown(): Promise<void> {
    this.#shutDown = true;
    this.#operations.stop();
    if (this.#refreshRenderTimer !== null) this.#clock.clearTimeout(this.#refreshRenderTimer);
    // Together: a bridge change under way finds the monitor stopped and starts nothing, and
    // the running bridge's callback is deleted within the engine's 2 s bound.
    await Promise.all([this.#monitor.stop(), this.#bridgeChanges]);
    // After stop(): the sync that was in flight is in the history by now.
    this.#historySaver.flush();
    this.#activitySaver.flush();
    await this.#demo?.stop();
  }

  state(): WindowState {
    return buildWindowState({
      snapshot: this.#monitor.snapshot(),
      catalog: this.#monitor.catalog,
      history: this.#monitor.history,
      settings: this.#settings,
      key: {
        stored: this.#keyFitsAddress() ? this.#keyState : 'none',
        storage: this.#keyStorage,
      },
      bridgeToken: this.#bridgeToken.stateFor(this.#settings.bridge),
      notices: [
        ...this.#notices,
        ...this.#keyOriginNotice(),
        ...this.#bridgeToken.noticesFor(this.#settings.bridge),
        ...keyReadingNotice(this.#keyReading),
      ],
      demo: this.#demo !== null,
      focusLockId: this.#focusLockId,
      activityCount: (lockId) => this.#monitor.activity.count(lockId),
      operations: this.#operationControl.state(
        this.#settings.operations.allowUnlock,
        this.#focusLockButton,
      ),
    });
  }

  /**
   * One window verb, its request already parsed against the contract. It waits for start():
   * a window opened while the key is still being read must not be told there is none.
   */
  async handle<V extends Verb>(verb: V, request: ParsedRequestOf<V>): Promise<ResponseOf<V>> {
    await this.#started.promise;
    const handler = this.#handlers[verb] as (request: ParsedRequestOf<V>) => Promise<ResponseOf<V>>;
    return handler(request);
  }

  onTrayAction(action: TrayAction): void {
    switch (action.kind) {
      case 'open-window':
        // Opened without a lock in mind: the lock of an earlier notification is not shown again.
        return this.openLock(null);
      case 'open-lock':
        return this.openLock(action.lockId);
      case 'refresh-now':
        this.#monitor.refreshNow();
        return;
      case 'pause':
        return this.#pause(action.minutes);
      case 'resume':
        return this.#monitor.resume();
      case 'toggle-start-at-login':
        void this.#updateSettings({ startAtLogin: !this.#settings.startAtLogin }).catch(
          (error: unknown) => this.#deps.logger.error(`Start at login: ${String(error)}`),
        );
        return;
      case 'open-logs':
        return this.#deps.openLogsFolder();
      case 'lock':
        void this.#operationControl
          .request(action.lockId, 'lock', 'tray')
          .catch((error: unknown) =>
            this.#deps.logger.warn(`Lock from the tray: ${String(error)}`),
          );
        return;
      case 'read-key-again':
        if (this.#keyReading === 'timed-out' || this.#keyReading === 'failed')
          void this.#readStoredKey();
        return;
      case 'quit':
        return this.#deps.quit();
    }
  }

  /**
   * A click on a notification about one lock, or its line in the tray menu.
   * @param focusLockButton the notification offered "Lock now": the window focuses the lock's
   *   Lock button, where the platform showed no button on the notification itself.
   */
  openLock(lockId: number | null, focusLockButton = false): void {
    this.#focusLockId = lockId;
    this.#focusLockButton = focusLockButton ? lockId : null;
    this.#render();
    this.#deps.window.show(lockId ?? undefined);
  }

  /** The "Lock now" button of a notification: locks that one lock, nothing else. */
  lockFromNotification(lockId: number): void {
    void this.#operationControl
      .request(lockId, 'lock', 'notification')
      .catch((error: unknown) =>
        this.#deps.logger.warn(`Lock from a notification: ${String(error)}`),
      );
  }

  suspend(): void {
    this.#monitor.suspend();
  }

  wake(): void {
    this.#monitor.wake();
  }

  /** The app may be ended without a quit: the history goes to disk now, and polling goes on. */
  systemShuttingDown(): void {
    this.#historySaver.flush();
    this.#activitySaver.flush();
  }

  readonly #handlers: Handlers = {
    getState: async () => this.#windowUpdates.full(this.state()),
    setKey: async ({ key, sessionOnly }) => {
      await this.#setKey(key, sessionOnly);
      return null;
    },
    clearKey: async () => {
      this.#keyReading = null;
      this.#deps.keyVault.clear();
      this.#key = null;
      this.#keyState = 'none';
      this.#forgetKeyExpiryDate();
      this.#useApi(null);
      this.#forbidUnlockForNewKey();
      this.#deps.logger.info('The Personal Access Key was removed; monitoring stopped.');
      return null;
    },
    setBridgeToken: async ({ token }) => {
      await this.#bridgeToken.set(token, this.#settings.bridge, this.#keyStorage);
      this.#applyBridge();
      this.#render();
      return null;
    },
    clearBridgeToken: async () => {
      this.#bridgeToken.clear();
      this.#applyBridge();
      this.#render();
      return null;
    },
    testBridge: async () => {
      const { address, authMode } = this.#settings.bridge;
      if (address === '') throw new UserFacingError("Enter and save the bridge's address first.");
      return testBridgeConnection({
        address,
        token: this.#bridgeToken.tokenToTest(this.#settings.bridge),
        authMode,
        live: this.#monitor.snapshot().live,
        clock: this.#clock,
      });
    },
    selectLocks: async (selection) => {
      this.#monitor.select(selection);
      this.#saveSettings({ ...this.#settings, selection });
      return null;
    },
    updateSettings: async (update) => {
      await this.#updateSettings(update);
      return null;
    },
    refreshNow: async () => {
      const at = this.#monitor.refreshNow();
      if (at === null)
        throw new UserFacingError('Monitoring is not running: it is paused or has no working key.');
      return { at };
    },
    pause: async ({ minutes }) => {
      this.#pause(minutes);
      return null;
    },
    resume: async () => {
      this.#monitor.resume();
      return null;
    },
    operateLock: async ({ lockId, operation }) =>
      this.#operationControl.request(lockId, operation, 'window'),
    startDemo: async () => {
      this.#demo ??= await this.#deps.startDemo();
      const { key, apiUrl } = this.#demo;
      this.#useApi(this.#deps.createApi({ key, apiUrl, keyOrigin: originOf(apiUrl) }));
      this.#applyBridge();
      this.#render();
      return null;
    },
    openExternalHelp: async ({ topic }) => {
      this.#deps.openExternal(HELP_URLS[topic]);
      return null;
    },
    getActivity: async ({ lockId, afterId, limit }) => {
      const page = this.#monitor.activity.page(lockId, { afterId, limit });
      return { entries: page.entries.map((entry) => this.#windowActivity(entry)), more: page.more };
    },
    watchActivity: async ({ lockIds }) => {
      this.#watchedActivity = new Set(lockIds);
      return null;
    },
  };

  #onActivity(news: ActivityNews): void {
    this.#activitySaver.synced();
    if (this.#watchedActivity.has(news.lockId)) {
      const entries = news.added.map((entry) => this.#windowActivity(entry));
      this.#deps.window.sendActivity({ lockId: news.lockId, entries });
    }
    // The lock's entry count changed.
    this.#render();
  }

  #windowActivity(entry: Activity): WindowActivity {
    const { id, event, user, source, date } = entry;
    return { id, event, text: this.#describer.text(entry), user, source, date };
  }

  /** The alert of a notification that went out unnamed, now with who and how. */
  #replaceWithNamed(alert: Alert): void {
    if (alert.lockId === null) return;
    const tag = this.#notificationToName.get(alert.lockId);
    if (tag === undefined) return;
    this.#notificationToName.delete(alert.lockId);
    this.#deps.notifier.replace(tag, { title: alert.title, body: alert.body }, alert.lockId);
  }

  /** The key is checked with a real call before anything is stored. */
  async #setKey(key: string, sessionOnly: boolean): Promise<void> {
    const problem = personalKeyProblem(key);
    if (problem !== null)
      throw new UserFacingError(`This key ${problem}. Copy it again from the Tedee Portal.`);
    // The key is given for the address it is checked against, and for nothing else.
    const bound: BoundKey = { key, origin: originOf(this.#settings.apiUrl) };
    const api = this.#deps.createApi({
      key,
      apiUrl: this.#settings.apiUrl,
      keyOrigin: bound.origin,
    });
    try {
      await api.listLocks();
    } catch (error) {
      if (error instanceof AuthError)
        throw new UserFacingError(
          'Tedee rejected this key. Check that it was copied whole and has not expired.',
        );
      if (error instanceof ForbiddenError || error instanceof TedeeError) throw error;
      throw new UserFacingError('The key could not be checked. Try again in a moment.');
    }
    if (sessionOnly) {
      this.#deps.keyVault.clear();
    } else if (this.#keyStorage !== 'encrypted') {
      throw new UserFacingError(
        'This system offers no safe place to store the key. Tick "keep for this session only" to use it until you quit.',
      );
    } else {
      await this.#deps.keyVault.save(bound);
    }
    this.#key = bound;
    this.#keyReading = null;
    this.#keyState = sessionOnly ? 'session-only' : 'saved';
    this.#forgetKeyExpiryDate();
    if (this.#demo) await this.#stopDemo();
    this.#useApi(api);
    this.#forbidUnlockForNewKey();
    this.#applyBridge();
    this.#deps.logger.info(
      `A Personal Access Key was accepted (${sessionOnly ? 'this session only' : 'stored encrypted'}).`,
    );
  }

  /** The entered expiry date belongs to the key it was entered for, not to the next one. */
  #forgetKeyExpiryDate(): void {
    if (this.#settings.keyExpiresOn === null) return;
    this.#saveSettings({ ...this.#settings, keyExpiresOn: null });
    this.#monitor.setEnteredKeyExpiry(null);
  }

  async #stopDemo(): Promise<void> {
    const demo = this.#demo;
    this.#demo = null;
    await demo?.stop();
  }

  async #updateSettings(update: SettingsUpdate): Promise<void> {
    const next = applySettingsUpdate(this.#settings, update);
    this.#monitor.updatePollSettings(next.poll);
    this.#monitor.updateAlertSettings(next.alerts);
    this.#monitor.setEnteredKeyExpiry(enteredExpiryMs(next.keyExpiresOn));
    if (next.startAtLogin !== this.#settings.startAtLogin)
      this.#deps.loginItem.setEnabled(next.startAtLogin);
    const apiUrlChanged = next.apiUrl !== this.#settings.apiUrl;
    // Saved whatever the key does: what the user typed stays, and the window asks for a key.
    this.#saveSettings(next);
    this.#applyBridge();
    if (apiUrlChanged && this.#key && !this.#demo) {
      this.#useApi(this.#apiForKey());
      if (!this.#keyFitsAddress())
        this.#deps.logger.info(
          `The API address moved to ${originOf(next.apiUrl)}; the Personal Access Key, given for ${this.#key.origin}, is not sent there.`,
        );
    }
    this.#render();
  }

  /** Polling and lock operations both go through `api` from now on. */
  #useApi(api: (TedeeApi & TedeeOperationsApi) | null): void {
    this.#monitor.setApi(api);
    this.#operationControl.keyChanged();
    this.#cloudPath = api
      ? new CloudOperationPath({
          api,
          gate: this.#monitor.operationGate,
          clock: this.#clock,
          // A scope 403 hides the actions for this key; the app's status stays as it is.
          onForbidden: () => this.#operationControl.cloudRefused(),
        })
      : null;
  }

  /** "Allow unlocking" was given for the key before: a new key starts with it off. */
  #forbidUnlockForNewKey(): void {
    if (!this.#settings.operations.allowUnlock) return;
    this.#saveSettings({ ...this.#settings, operations: { allowUnlock: false } });
    this.#deps.logger.info(
      'The key changed, so "Allow unlocking from this computer" is off again.',
    );
  }

  /** The client for the key and the current API address; null when the key is for another origin. */
  #apiForKey(): (TedeeApi & TedeeOperationsApi) | null {
    if (!this.#key || !this.#keyFitsAddress()) return null;
    const { key, origin } = this.#key;
    return this.#deps.createApi({ key, apiUrl: this.#settings.apiUrl, keyOrigin: origin });
  }

  /**
   * Starts, restarts or stops live mode for what the settings, the token and demo mode say now.
   * The monitor restarts the bridge connection only when it really changed.
   */
  #applyBridge(): void {
    const connection = this.#bridgeConnection();
    const applied = JSON.stringify(connection);
    if (applied === this.#appliedBridge) return;
    this.#appliedBridge = applied;
    this.#bridgeChanges = this.#bridgeChanges
      .then(() => this.#monitor.setBridge(connection))
      .catch((error: unknown) =>
        this.#deps.logger.error(`Live mode could not be changed: ${String(error)}`),
      );
  }

  #bridgeConnection(): BridgeConnection | null {
    if (this.#demo === null) return this.#bridgeToken.connectionFor(this.#settings.bridge);
    return {
      address: this.#demo.bridge.address,
      token: this.#demo.bridge.token,
      authMode: 'encrypted',
      callbackHost: null,
      callbackPort: null,
      lanPollSeconds: DEFAULT_LAN_POLL_SECONDS,
      instanceId: this.#deps.instanceId(),
    };
  }

  #keyFitsAddress(): boolean {
    return this.#key !== null && this.#key.origin === originOf(this.#settings.apiUrl);
  }

  /** Shown for as long as a key waits for its origin, so the window says why it asks for one. */
  #keyOriginNotice(): string[] {
    if (!this.#key || this.#keyFitsAddress()) return [];
    return [
      `The Personal Access Key was given for ${this.#key.origin}, and Tedee Tray sends a key only to the address it was given for. Enter the key again for ${originOf(this.#settings.apiUrl)}, or set the API address back.`,
    ];
  }

  #pause(minutes: number | null): void {
    this.#monitor.pause(minutes === null ? undefined : this.#now() + minutes * 60_000);
  }

  #saveSettings(settings: AppSettings): void {
    this.#settings = settings;
    this.#deps.settings.save(settings);
  }

  #render(): void {
    const state = this.state();
    this.#deps.window.sendUpdate(this.#windowUpdates.next(state));
    this.#deps.tray.show(
      this.#keyReading === null
        ? trayPresentation(state, this.#now())
        : keyReadingPresentation(this.#keyReading),
    );
    this.#renderAgainWhenRefreshAllowed(state.refreshAllowedAt);
  }

  /** The tray menu is a snapshot: "Refresh available at 14:05:20" must turn into "Refresh now". */
  #renderAgainWhenRefreshAllowed(allowedAt: number): void {
    if (allowedAt <= this.#now() || allowedAt === this.#refreshRenderAt) return;
    if (this.#refreshRenderTimer !== null) this.#clock.clearTimeout(this.#refreshRenderTimer);
    this.#refreshRenderAt = allowedAt;
    this.#refreshRenderTimer = this.#clock.setTimeout(() => {
      this.#refreshRenderTimer = null;
      this.#render();
    }, allowedAt - this.#now());
  }

  #now(): number {
    return this.#clock.now();
  }

  /** The path the lock would take can carry an operation: the bridge needs no cloud scope. */
  #canOperate(lockId: number): boolean {
    return (
      this.#operationControl.cloudCanOperate ||
      this.#monitor.operationPaths(this.#cloudPath).isLive(lockId)
    );
  }

  #notify(alerts: readonly Alert[]): void {
    const text = mergeAlerts(alerts);
    if (!text) return;
    const lockIds = new Set(alerts.map((alert) => alert.lockId));
    const [onlyLockId] = lockIds;
    const lockId = lockIds.size === 1 && onlyLockId !== undefined ? onlyLockId : null;
    const [only] = alerts;
    // Only a notification of one unnamed alert can become its named version; a merged one says more.
    if (alerts.length === 1 && only && awaitsName(only) && lockId !== null) {
      this.#notificationCount += 1;
      const tag = `${only.kind}-${lockId}-${this.#notificationCount}`;
      this.#notificationToName.set(lockId, tag);
      this.#deps.notifier.notify(text, lockId, { tag });
      return;
    }
    // "Lock now" only on a notification about one lock left unlocked, never on a merged one.
    const offerLock =
      alerts.length === 1 &&
      only?.kind === 'left-unlocked' &&
      lockId !== null &&
      this.#canOperate(lockId);
    this.#deps.notifier.notify(
      text,
      lockId,
      offerLock ? { action: { label: 'Lock now', lockId } } : undefined,
    );
  }
}
