/**
 * The tray app's controller with recording fakes for every port, the real Tedee client and
 * the simulator over loopback, on a manual clock: the whole app minus Electron.
 */
import { afterEach } from 'vitest';
import type { NotificationText } from '../../main/engine/alert-policy.ts';
import type {
  BoundKey,
  HistoryStore,
  KeyStorage,
  KeyVault,
  LoginItemPort,
  NotificationLockAction,
  SettingsPort,
  TrayPresentation,
} from '../../main/app/ports.ts';
import { TedeeTrayApp } from '../../main/app/tedee-tray-app.ts';
import { BridgeSimulator } from '../../main/demo/bridge-simulator.ts';
import { sampleLocks } from '../../main/demo/sample-locks.ts';
import { TedeeSimulator } from '../../main/demo/tedee-simulator.ts';
import { defaultAppSettings } from '../../main/settings/app-settings.ts';
import type { AppSettings } from '../../main/settings/app-settings.ts';
import { TedeeClient } from '../../main/tedee/client.ts';
import type { ActivityUpdate, WindowState, WindowUpdate } from '../../preload/contract.ts';
import { applyWindowUpdate } from '../../renderer/window-updates.ts';
import type { Numbered } from '../../renderer/window-updates.ts';
import { ManualClock } from '../support/manual-clock.ts';

export const GOOD_KEY = 'goodk3.S3cretPersonalAccessKeyValue';
export const BRIDGE_TOKEN = 'Br1dgeT0kenS3cret';
export const INSTANCE_ID = 'app0test0001';

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

export interface AppHarnessOptions {
  storage?: KeyStorage;
  storedKey?: string | null;
  /** The origin the stored key was given for; the simulator's unless given. */
  storedKeyOrigin?: string;
  settings?: Partial<AppSettings>;
  /** What an earlier run saved as the lock history (anything, to test unreadable files). */
  savedHistory?: unknown;
  /** What an earlier run saved as the activity log. */
  savedActivity?: unknown;
  /** What notifier.replace answers: true where the platform replaces (macOS, Windows). */
  notificationsReplace?: boolean;
  /** Every history save throws, as on a full disk. */
  historySaveFails?: boolean;
  /** Where the app's clock starts; a restarted app starts later than the run before it. */
  startAt?: number;
  /**
   * The keychain's answers to the key vault's load, one per call, in order: a promise the test
   * settles when it likes (a keychain that asks the user, or never answers).
   */
  keychainAnswers?: Array<Promise<void>>;
  /** A simulated bridge with the sample locks, answering BRIDGE_TOKEN on the app's clock. */
  withBridge?: boolean;
  /** The sample locks paired with that bridge (all unless given); the others stay on the cloud. */
  bridgeLockIds?: number[];
  /** Settings as an earlier run saved them: live mode on, for the simulated bridge. */
  liveModeSaved?: boolean;
  /** The simulated bridge's clock against the app's (negative: the bridge is behind). */
  bridgeClockOffsetMs?: number;
  /** A bridge token stored by an earlier run, and the bridge address it was given for (the simulator's unless given). */
  storedBridgeToken?: string | null;
  storedBridgeTokenOrigin?: string;
  /** The scopes of GOOD_KEY in the simulated account; Device.Read and DeviceActivity.Read unless given. */
  scopes?: string[];
}

export async function startApp(options: AppHarnessOptions = {}) {
  const clock = new ManualClock(options.startAt);
  const simulator = await TedeeSimulator.start({
    keys: [{ key: GOOD_KEY, scopes: options.scopes ?? ['Device.Read', 'DeviceActivity.Read'] }],
    locks: sampleLocks(),
    now: () => clock.now(),
  });
  const bridge = options.withBridge
    ? await BridgeSimulator.start({
        token: BRIDGE_TOKEN,
        locks: sampleLocks().filter(
          (lock) => !options.bridgeLockIds || options.bridgeLockIds.includes(lock.id ?? -1),
        ),
        now: () => clock.now() + (options.bridgeClockOffsetMs ?? 0),
      })
    : null;
  let storedSettings: AppSettings = {
    ...defaultAppSettings,
    apiUrl: simulator.baseUrl,
    ...options.settings,
    ...(options.liveModeSaved && bridge
      ? { bridge: { ...defaultAppSettings.bridge, enabled: true, address: bridge.baseUrl } }
      : {}),
  };
  let storedKey: BoundKey | null =
    options.storedKey == null
      ? null
      : { key: options.storedKey, origin: options.storedKeyOrigin ?? simulator.baseUrl };
  let storedBridgeToken: BoundKey | null =
    options.storedBridgeToken == null
      ? null
      : {
          key: options.storedBridgeToken,
          origin: options.storedBridgeTokenOrigin ?? bridge?.baseUrl ?? 'http://192.168.1.20',
        };
  const saves: AppSettings[] = [];
  let windowHas: Numbered | null = null;
  const recorded = {
    windowStates: [] as WindowState[],
    windowUpdates: [] as WindowUpdate[],
    windowShows: [] as Array<number | undefined>,
    trays: [] as TrayPresentation[],
    notifications: [] as Array<{
      text: NotificationText;
      lockId: number | null;
      action?: NotificationLockAction;
      tag?: string;
    }>,
    /** Notifications shown in place of an earlier one (a platform that can replace). */
    replacements: [] as Array<{ tag: string; text: NotificationText; lockId: number | null }>,
    /** New activity entries sent to the window. */
    activityUpdates: [] as ActivityUpdate[],
    /** Every activity-log save, the JSON as written to disk. */
    activitySaves: [] as unknown[],
    /** Every confirmation dialog main raised, and what the user is to answer next. */
    confirms: [] as Array<{ message: string; detail: string; confirmLabel: string }>,
    confirmAnswer: false,
    logs: [] as string[],
    loginItem: [] as boolean[],
    opened: [] as string[],
    /** The key vault's methods, in the order the app called them. */
    keyVault: [] as Array<keyof KeyVault>,
    /** Every history save: when on the app's clock, and the JSON as written to disk. */
    historySaves: [] as Array<{ at: number; json: unknown }>,
    /** Every Tedee client the app made: where it sends, and the origin its key is for. */
    clients: [] as Array<{ apiUrl: string; keyOrigin: string }>,
    /** The bridge token vault's methods, in the order the app called them. */
    bridgeTokenVault: [] as Array<keyof KeyVault>,
    quits: 0,
  };
  const settingsPort: SettingsPort = {
    load: () => ({ settings: storedSettings, notices: [] }),
    save: (settings) => {
      storedSettings = settings;
      saves.push(settings);
    },
  };
  const historyStore: HistoryStore = {
    load: () => options.savedHistory ?? null,
    // Through JSON text, as the file does: what a restart reads is what was written.
    save: (json) => {
      if (options.historySaveFails) throw new Error('ENOSPC: no space left on device');
      recorded.historySaves.push({ at: clock.now(), json: JSON.parse(JSON.stringify(json)) });
    },
  };
  const activityStore: HistoryStore = {
    load: () => options.savedActivity ?? null,
    save: (json) => {
      recorded.activitySaves.push(JSON.parse(JSON.stringify(json)));
    },
  };
  const storage = options.storage ?? 'encrypted';
  const keyVault: KeyVault = {
    storage: async () => {
      recorded.keyVault.push('storage');
      return storage;
    },
    load: async () => {
      recorded.keyVault.push('load');
      // The key as it was when the keychain was asked: a late answer brings the old one.
      const key = storedKey;
      await options.keychainAnswers?.shift();
      return key;
    },
    save: async (bound) => {
      recorded.keyVault.push('save');
      if (storage !== 'encrypted') throw new Error('no safe storage');
      storedKey = bound;
    },
    clear: () => {
      recorded.keyVault.push('clear');
      storedKey = null;
    },
  };
  const bridgeTokenVault: KeyVault = {
    storage: async () => storage,
    load: async () => {
      recorded.bridgeTokenVault.push('load');
      return storedBridgeToken;
    },
    save: async (bound) => {
      recorded.bridgeTokenVault.push('save');
      if (storage !== 'encrypted') throw new Error('no safe storage');
      storedBridgeToken = bound;
    },
    clear: () => {
      recorded.bridgeTokenVault.push('clear');
      storedBridgeToken = null;
    },
  };
  let loginEnabled = false;
  const loginItem: LoginItemPort = {
    isEnabled: () => loginEnabled,
    setEnabled: (enabled) => {
      loginEnabled = enabled;
      recorded.loginItem.push(enabled);
    },
  };
  const log = (level: string) => (message: string) => recorded.logs.push(`${level} ${message}`);
  const demos: Array<TedeeSimulator | BridgeSimulator> = [];

  const app = new TedeeTrayApp({
    settings: settingsPort,
    history: historyStore,
    activity: activityStore,
    keyVault,
    bridgeTokenVault,
    instanceId: () => INSTANCE_ID,
    loginItem,
    tray: { show: (presentation) => recorded.trays.push(presentation) },
    notifier: {
      notify: (text, lockId, extras) => recorded.notifications.push({ text, lockId, ...extras }),
      replace: (tag, text, lockId) => {
        recorded.replacements.push({ tag, text, lockId });
        return options.notificationsReplace ?? true;
      },
    },
    confirm: {
      confirm: async (question) => {
        recorded.confirms.push(question);
        return recorded.confirmAnswer;
      },
    },
    window: {
      sendUpdate: (update) => {
        recorded.windowUpdates.push(update);
        // What the window makes of the updates, for tests that read whole states. A test's own
        // getState moves main's numbering on; the window would then ask for the whole state.
        windowHas = applyWindowUpdate(windowHas, update) ?? {
          version: update.version,
          state: app.state(),
        };
        recorded.windowStates.push(windowHas.state);
      },
      sendActivity: (update) => recorded.activityUpdates.push(update),
      show: (lockId) => recorded.windowShows.push(lockId),
    },
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    createApi: ({ key, apiUrl, keyOrigin }) => {
      recorded.clients.push({ apiUrl, keyOrigin });
      return new TedeeClient({ personalKey: key, apiUrl, keyOrigin, now: () => clock.now() });
    },
    startDemo: async () => {
      const demo = await TedeeSimulator.start({
        keys: ['demo.key'],
        locks: sampleLocks(),
        now: () => clock.now(),
      });
      const demoBridge = await BridgeSimulator.start({
        token: 'demo.token',
        locks: sampleLocks(),
        now: () => clock.now(),
      });
      demos.push(demo, demoBridge);
      return {
        apiUrl: demo.baseUrl,
        key: 'demo.key',
        bridge: { address: demoBridge.baseUrl, token: 'demo.token' },
        stop: async () => {
          await Promise.all([demo.close(), demoBridge.close()]);
        },
      };
    },
    openExternal: (url) => recorded.opened.push(url),
    openLogsFolder: () => recorded.opened.push('logs'),
    quit: () => {
      recorded.quits += 1;
    },
    clock,
  });
  running.push(async () => {
    await app.shutdown();
    await simulator.close();
    await bridge?.close();
    await Promise.all(demos.map((demo) => demo.close()));
  });

  /** Waits for the request in flight, then lets time pass with every poll that falls due. */
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    await app.idle();
  };
  return {
    app,
    clock,
    simulator,
    /** The simulated bridge, with `withBridge`. */
    bridge,
    recorded,
    saves,
    storedKey: () => storedKey,
    storedBridgeToken: () => storedBridgeToken,
    /** The lock history as last saved, or null before the first save. */
    savedHistory: (): unknown => recorded.historySaves.at(-1)?.json ?? null,
    storedSettings: () => storedSettings,
    advance: (ms: number) => clock.advanceBy(ms, settle),
    lastState: () => app.state(),
    everythingShown: () =>
      JSON.stringify([
        recorded.windowStates,
        recorded.trays,
        recorded.notifications,
        recorded.logs,
        app.state(),
      ]),
  };
}
