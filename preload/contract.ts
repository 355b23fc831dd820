/**
 * The one definition of what crosses between the main process and the window: channel
 * names, a zod schema for every payload, and the types main, preload and renderer infer
 * from them. Nothing here may import electron or Node: the renderer bundle includes it.
 *
 * Renderer → main: `invoke` only, each verb answering `{ ok: true, data } | { ok: false, error }`
 * (an exception thrown in a handler would reach the window as a bare, unhelpful message).
 * Main → renderer: a validated WindowUpdate on every change: the whole state first (and to
 * `getState`), then only what changed (see windowChangesSchema), each numbered so the window
 * can tell that it missed one and ask for the whole state again. And, on their own channel, the
 * new entries of the activity logs whose History is open (the logs are too long for the state).
 * The Personal Access Key goes in (setKey) and never comes back out: WindowState only says
 * whether one is stored and how. The bridge token likewise (setBridgeToken).
 */
import { z } from 'zod';
import { LIVE_MODES } from '../main/engine/live-status.ts';
import { APP_STATUS_KINDS, TRAY_STATUSES } from '../main/engine/monitor-snapshot.ts';
import { appSettingsSchema } from '../main/settings/app-settings.ts';
import { settingsPatchSchema } from '../main/settings/settings-patch.ts';
import type { SettingsPatch } from '../main/settings/settings-patch.ts';
import { DOOR_STATES, LOCK_MODELS, LOCK_STATES } from '../main/tedee/lock-enums.ts';
import { ACTIVITY_SOURCES } from '../main/tedee/activity-model.ts';
import { LOCK_OPERATIONS } from '../main/tedee/operation-model.ts';

const epochMs = z.number().int().nonnegative();

export const batteryPointSchema = z.object({ at: epochMs, battery: z.number().min(0).max(100) });

export const lockEventSchema = z.object({
  at: epochMs,
  state: z.enum(LOCK_STATES).nullable(),
  connected: z.boolean().nullable(),
  battery: z.number().min(0).max(100).nullable(),
});

export const windowLockSchema = z.object({
  id: z.number().int(),
  serial: z.string().nullable(),
  name: z.string(),
  model: z.enum(LOCK_MODELS),
  connected: z.boolean().nullable(),
  state: z.enum(LOCK_STATES).nullable(),
  door: z.enum(DOOR_STATES).nullable(),
  battery: z.number().min(0).max(100).nullable(),
  charging: z.boolean().nullable(),
  lastOperationFailed: z.boolean(),
  /** Tedee's ISO time of the last state change. */
  lastChanged: z.string().nullable(),
  /** When any source (a cloud sync, a bridge callback, poll or heartbeat) last confirmed it. */
  lastSyncedAt: epochMs.nullable(),
  /** Where the values came from. */
  source: z.enum(['bridge', 'cloud']),
  /** Followed live through the bridge right now: the card says "Live" instead of a time. */
  live: z.boolean(),
  disconnectedSince: epochMs.nullable(),
  stale: z.boolean(),
  /** Battery over the last days, oldest first, for the chart. */
  batteryTrend: z.array(batteryPointSchema),
  /** The latest changes of state or connection, newest first. */
  recentEvents: z.array(lockEventSchema),
  /** Tedee offers a newer firmware for the lock (device details). */
  updateAvailable: z.boolean(),
  /** Entries of the lock's activity log kept on disk; the window asks for them (getActivity). */
  activityCount: z.number().int().nonnegative(),
});
export type WindowLock = z.infer<typeof windowLockSchema>;

export const accountLockSchema = z.object({
  id: z.number().int(),
  serial: z.string().nullable(),
  name: z.string(),
  model: z.enum(LOCK_MODELS),
  selected: z.boolean(),
});
export type AccountLock = z.infer<typeof accountLockSchema>;

export const KEY_STORAGES = ['encrypted', 'basic-text', 'unavailable'] as const;
const STORED_SECRET = z.enum(['none', 'saved', 'session-only']);

export const liveStatusSchema = z.object({
  mode: z.enum(LIVE_MODES),
  bridgeOnly: z.boolean(),
  message: z.string(),
});

/** What surrounds the locks: bridges that lost the cloud, and the key's coming expiry. */
export const healthStateSchema = z.object({
  offlineBridges: z.array(
    z.object({ id: z.number().int(), name: z.string(), lockNames: z.array(z.string()) }),
  ),
  /** Set only within the 14 days before the key expires. */
  keyExpiring: z
    .object({
      at: epochMs,
      daysLeft: z.number().int().min(1),
      source: z.enum(['tedee', 'entered']),
    })
    .nullable(),
  /** The key's expiry as Tedee's key list gives it (the key has Account.Read); else null. */
  keyExpiryFromTedee: epochMs.nullable(),
});
export type HealthState = z.infer<typeof healthStateSchema>;

/** One entry of a lock's activity log, its text (who and how) written by main. */
export const windowActivitySchema = z.object({
  id: z.number().int(),
  event: z.number().int(),
  text: z.string(),
  user: z.string().nullable(),
  source: z.enum(ACTIVITY_SOURCES).nullable(),
  /** ISO 8601, UTC. */
  date: z.string(),
});
export type WindowActivity = z.infer<typeof windowActivitySchema>;

/** New entries of one lock's activity log, newest first (pushed for open Histories only). */
export const activityUpdateSchema = z.object({
  lockId: z.number().int(),
  entries: z.array(windowActivitySchema),
});
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;

/** Whether the activity log can be read; 'needs-scope': the key lacks DeviceActivity.Read. */
export const ACTIVITY_STATUSES = ['off', 'checking', 'available', 'needs-scope'] as const;
/** Lock, unlock and pull as the window shows them: what runs, and how each last one ended. */
export const operationsStateSchema = z.object({
  /**
   * false once Tedee refused an operation for this key (it lacks Lock.Operate): the actions of
   * locks that go through the cloud are hidden until the key changes, and `notice` names the
   * scope that enables them. A live lock goes through the bridge, which needs no cloud scope.
   */
  cloudCanOperate: z.boolean(),
  /** The user's "Allow unlocking from this computer" switch. */
  unlockAllowed: z.boolean(),
  notice: z.string().nullable(),
  running: z.array(z.object({ lockId: z.number().int(), operation: z.enum(LOCK_OPERATIONS) })),
  /** The last finished operation of each lock, for "Locked." or the reason it failed. */
  results: z.array(
    z.object({
      lockId: z.number().int(),
      operation: z.enum(LOCK_OPERATIONS),
      ok: z.boolean(),
      message: z.string(),
      at: epochMs,
    }),
  ),
  /** The lock whose Lock button gets the focus: a "left unlocked" notification was clicked. */
  focusLockButton: z.number().int().nullable(),
});
export type OperationsState = z.infer<typeof operationsStateSchema>;

/**
 * Whether a lock's actions are offered: through the bridge while the lock is live (no cloud
 * scope needed), otherwise through the cloud unless Tedee refused this key an operation.
 */
export function canOperateLock(
  lock: Pick<WindowLock, 'live'>,
  operations: Pick<OperationsState, 'cloudCanOperate'>,
): boolean {
  return lock.live || operations.cloudCanOperate;
}

export const windowStateSchema = z.object({
  status: z.object({
    kind: z.enum(APP_STATUS_KINDS),
    message: z.string(),
    retryAt: epochMs.nullable(),
  }),
  tray: z.enum(TRAY_STATUSES),
  locks: z.array(windowLockSchema),
  /** Every lock of the account, for choosing which to monitor. */
  accountLocks: z.array(accountLockSchema),
  lastSyncedAt: epochMs.nullable(),
  nextSyncAt: epochMs.nullable(),
  refreshAllowedAt: epochMs,
  key: z.object({
    /** 'session-only': kept in memory because the system offers no safe storage. */
    stored: STORED_SECRET,
    /** What the operating system offers for secrets (Linux may only have basic_text). */
    storage: z.enum(KEY_STORAGES),
  }),
  settings: appSettingsSchema,
  bridge: z.object({
    /** Whether a token for the bridge address in the settings is kept; never the token. */
    token: STORED_SECRET,
    live: liveStatusSchema,
  }),
  budget: z.object({
    projectedPerHour: z.number().int(),
    budgetPerHour: z.number().int(),
    accountLimitPerHour: z.number().int(),
    /** What the syncs and the health reads leave of the budget: the activity log's most an hour. */
    activityPerHour: z.number().int().nonnegative(),
  }),
  activity: z.object({ status: z.enum(ACTIVITY_STATUSES), retryAt: epochMs.nullable() }),
  /** Things the user should know once, e.g. that a corrupt settings file was set aside. */
  notices: z.array(z.string()),
  demo: z.boolean(),
  /** Where the window should scroll to, e.g. after a notification about one lock was clicked. */
  focusLockId: z.number().int().nullable(),
  health: healthStateSchema,
  operations: operationsStateSchema,
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Numbers main gives its updates, one after the other, starting at 1. */
const versionSchema = z.number().int().positive();

/** The whole state: the first one, and the answer to getState (e.g. after the window reopened). */
export const windowFullSchema = z
  .object({ kind: z.literal('full'), version: versionSchema, state: windowStateSchema })
  .strict();
export type WindowFull = z.infer<typeof windowFullSchema>;

/**
 * A lock as it changed: its id and the values that differ; a lock new to the window comes whole.
 * A value left out is unchanged, which is why the window's schemas have no defaults: a default
 * would stand in for it.
 */
export const lockChangeSchema = windowLockSchema.partial().required({ id: true }).strict();
export type LockChange = z.infer<typeof lockChangeSchema>;

/**
 * What changed since the update numbered `baseVersion`. With 200 locks a sync that changes one
 * lock sends that lock's changed values, not 200 locks with a week of battery readings each
 * (about 70 ms of cloning for IPC alone).
 */
export const windowChangesSchema = z
  .object({
    kind: z.literal('changes'),
    version: versionSchema,
    baseVersion: versionSchema,
    /** The state's other values that changed, each whole (accountLocks included). */
    fields: windowStateSchema.omit({ locks: true }).partial().strict(),
    locks: z.array(lockChangeSchema),
    /** Every monitored lock's id in main's order; null when no lock came, went or moved. */
    lockIds: z.array(z.number().int()).nullable(),
  })
  .strict();
export type WindowChanges = z.infer<typeof windowChangesSchema>;

export const windowUpdateSchema = z.discriminatedUnion('kind', [
  windowFullSchema,
  windowChangesSchema,
]);
export type WindowUpdate = z.infer<typeof windowUpdateSchema>;

/**
 * A change to the settings in their stored shape: any setting at any depth left out stays as
 * it is; unknown keys are refused. Derived from the settings schema (settings-patch.ts), so
 * each value is checked here by its own rules, and the whole again in main once merged.
 */
export type SettingsUpdate = SettingsPatch;

export const BRIDGE_CHECKS = ['reachable', 'authenticated', 'clock', 'callbacks'] as const;
export type BridgeCheckName = (typeof BRIDGE_CHECKS)[number];

/** What "Test connection" found: one line per check, in BRIDGE_CHECKS order. */
export const bridgeTestSchema = z.object({
  checks: z.array(
    z.object({
      name: z.enum(BRIDGE_CHECKS),
      /** 'unknown': not tried, or nothing to judge by yet. */
      outcome: z.enum(['ok', 'failed', 'unknown']),
      detail: z.string(),
    }),
  ),
});
export type BridgeTest = z.infer<typeof bridgeTestSchema>;

/** Pages the window may open in the browser; main maps each to a fixed https URL. */
export const HELP_TOPICS = ['personal-access-keys'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

const none = z.undefined();

/** The most entries the window asks for at once. */
export const MAX_ACTIVITY_PAGE = 100;

/** Every renderer → main verb: what it takes and what it answers. */
export const invokeContract = {
  /** The whole state, numbered: what the window starts from, or starts again from after a gap. */
  getState: { request: none, response: windowFullSchema },
  /** Checks the key with a real call to Tedee before anything is stored. */
  setKey: {
    request: z
      .object({ key: z.string().trim().min(1).max(1000), sessionOnly: z.boolean() })
      .strict(),
    response: z.null(),
  },
  clearKey: { request: none, response: z.null() },
  /** Checks the token with the bridge (GET /bridge) before it is stored for the bridge address. */
  setBridgeToken: {
    request: z.object({ token: z.string().trim().min(1).max(200) }).strict(),
    response: z.null(),
  },
  clearBridgeToken: { request: none, response: z.null() },
  /** Asks the bridge in the settings with the stored token; reports every check, never throws for a failed one. */
  testBridge: { request: none, response: bridgeTestSchema },
  selectLocks: {
    request: z.union([
      z.literal('all'),
      z.object({ serials: z.array(z.string().min(1).max(100)).max(500) }).strict(),
    ]),
    response: z.null(),
  },
  updateSettings: { request: settingsPatchSchema, response: z.null() },
  /** Answers when the sync will happen (Tedee's 20 s rule may push it back). */
  refreshNow: { request: none, response: z.object({ at: epochMs }) },
  pause: {
    request: z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .nullable(),
      })
      .strict(),
    response: z.null(),
  },
  resume: { request: none, response: z.null() },
  /**
   * Asks main to lock, unlock or pull one lock. Main decides: unlock and pull only when the user
   * allowed them in the settings, and only after main's own native dialog was confirmed.
   * Answers whether it started ('ignored' while one runs on that lock, 'cancelled' when the
   * dialog was declined); the outcome arrives with the states.
   */
  operateLock: {
    request: z
      .object({ lockId: z.number().int().positive(), operation: z.enum(LOCK_OPERATIONS) })
      .strict(),
    response: z.enum(['started', 'ignored', 'cancelled']),
  },
  startDemo: { request: none, response: z.null() },
  openExternalHelp: {
    request: z.object({ topic: z.enum(HELP_TOPICS) }).strict(),
    response: z.null(),
  },
  /** A page of a lock's activity log, newest first: the newest, or those after `afterId`. */
  getActivity: {
    request: z
      .object({
        lockId: z.number().int(),
        afterId: z.number().int().nullable(),
        limit: z.number().int().min(1).max(MAX_ACTIVITY_PAGE),
      })
      .strict(),
    response: z.object({ entries: z.array(windowActivitySchema), more: z.boolean() }),
  },
  /** The locks whose History is open: only their new activity entries are pushed. */
  watchActivity: {
    request: z.object({ lockIds: z.array(z.number().int()).max(500) }).strict(),
    response: z.null(),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Verb = keyof typeof invokeContract;
export const VERBS = Object.keys(invokeContract) as Verb[];
export type RequestOf<V extends Verb> = z.input<(typeof invokeContract)[V]['request']>;
export type ResponseOf<V extends Verb> = z.output<(typeof invokeContract)[V]['response']>;
/** A request after main has parsed it (strings trimmed). */
export type ParsedRequestOf<V extends Verb> = z.output<(typeof invokeContract)[V]['request']>;

export type InvokeResult<T> = { ok: true; data: T } | { ok: false; error: string };

export function invokeChannel(verb: Verb): `tedee-tray:invoke:${Verb}` {
  return `tedee-tray:invoke:${verb}`;
}
export const UPDATE_CHANNEL = 'tedee-tray:update';
export const ACTIVITY_CHANNEL = 'tedee-tray:activity';

/** The object the preload puts on `window.tedeeTray`: narrow verbs, no channels, no ipcRenderer. */
export type TedeeTrayApi = {
  [V in Verb]: RequestOf<V> extends undefined
    ? () => Promise<InvokeResult<ResponseOf<V>>>
    : (request: RequestOf<V>) => Promise<InvokeResult<ResponseOf<V>>>;
} & {
  /** Calls `listener` with every update main pushes; returns the unsubscribe function. */
  onUpdate(listener: (update: WindowUpdate) => void): () => void;
  /** Calls `listener` with new activity entries of watched locks; returns the unsubscribe function. */
  onActivity(listener: (update: ActivityUpdate) => void): () => void;
};

/** The global name the preload exposes the API under. */
export const API_GLOBAL = 'tedeeTray';
