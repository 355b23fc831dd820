/**
 * What the user can set about monitoring, with its limits and defaults. The zod schema is
 * the one definition: the CLI flags, the app's settings file and the window all go through it.
 * The schemas hold the rules only; the defaults are plain values beside them, so a schema used
 * for a partial change (main/settings/settings-patch.ts) cannot fill in a default unasked.
 */
import { z } from 'zod';

/** Tedee: sync endpoints "no more than once every 20 seconds" (tedee-api.md §3). */
export const MIN_INTERVAL_SECONDS = 20;
export const DEFAULT_INTERVAL_SECONDS = 30;
/** Tedee's account budget is 700 requests per hour; half of it leaves room for the Tedee app. */
export const ACCOUNT_REQUESTS_PER_HOUR = 700;
export const DEFAULT_BUDGET_PER_HOUR = 350;
/**
 * Requests per hour of the budget kept for lock, unlock and pull (each is a command, a few
 * status checks and a sync): polling never spends them, so an operation is never refused
 * because monitoring used the budget up. Tedee asks integrators to keep such headroom (§3).
 */
export const OPERATION_RESERVE_PER_HOUR = 20;
/** Node's timers overflow past ~24.8 days and fire at once; a day is beyond any useful interval. */
export const MAX_INTERVAL_SECONDS = 24 * 60 * 60;
export const LOW_BATTERY_RANGE = { min: 5, max: 95 } as const;
const lowBatteryMessage = `The low-battery threshold must be a whole number between ${LOW_BATTERY_RANGE.min} and ${LOW_BATTERY_RANGE.max} %.`;

export const ALERT_KINDS = [
  'disconnected',
  'reconnected',
  'battery-low',
  'left-unlocked',
  'door-open',
  'api-unreachable',
  'key-rejected',
  'bridge-offline',
  'door-sensor-battery-low',
  'key-expiring',
  'unlocked',
  'jammed',
  'incorrect-pin',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const enabledByDefault: Record<AlertKind, boolean> = {
  disconnected: true,
  reconnected: true,
  'battery-low': true,
  'left-unlocked': false,
  'door-open': false,
  'api-unreachable': true,
  'key-rejected': true,
  'bridge-offline': true,
  'door-sensor-battery-low': true,
  'key-expiring': true,
  // Every unlock is news only for some doors (a holiday home, not the office during the day).
  unlocked: false,
  jammed: true,
  'incorrect-pin': true,
};

export const alertSettingsSchema = z.object({
  enabled: z.object(
    Object.fromEntries(ALERT_KINDS.map((kind) => [kind, z.boolean()])) as Record<
      AlertKind,
      z.ZodBoolean
    >,
  ),
  lowBatteryPercent: z
    .number()
    .int(lowBatteryMessage)
    .min(LOW_BATTERY_RANGE.min, lowBatteryMessage)
    .max(LOW_BATTERY_RANGE.max, lowBatteryMessage),
  leftUnlockedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  doorOpenMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /**
   * The locks (by serial, which survives re-adding) whose every unlock is alerted when the
   * 'unlocked' alert is on; null for every lock.
   */
  unlockedLockSerials: z.array(z.string().min(1).max(100)).max(500).nullable(),
  /** Epoch ms until which no alert is raised; null when not snoozed. */
  snoozeUntil: z.number().int().nonnegative().nullable(),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/**
 * Requests per hour the reads beyond the syncs plan at most (health-reads.ts): the device
 * details every 10 minutes, the door sensors hourly, the key's expiry daily (counted as one).
 * They get only what the syncs leave of the budget less the operations' reserve.
 */
export const HEALTH_READS_PER_HOUR = 6 + 1 + 1;

/** The first and last day accepted as a key's expiry date; Tedee allows at most five years. */
const KEY_EXPIRY_YEARS = { min: 2020, max: 2100 } as const;
const keyExpiryMessage =
  'Enter the date the key expires as year-month-day, e.g. 2027-05-31, or leave it empty.';

/**
 * The expiry date the user picked for the key in the Tedee Portal (YYYY-MM-DD), or null when
 * not entered. Used only where Tedee's own date cannot be read (key-expiry.ts).
 */
export const keyExpiryDateSchema = z
  .string()
  .trim()
  .refine((text) => {
    // A day that exists, written YYYY-MM-DD: only then does it come back unchanged.
    const date = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return false;
    const year = date.getUTCFullYear();
    return year >= KEY_EXPIRY_YEARS.min && year <= KEY_EXPIRY_YEARS.max;
  }, keyExpiryMessage)
  .nullable();

/**
 * Requests per hour that polling every `intervalSeconds` plans: one batched sync per
 * interval whatever the number of locks, plus one lock-list refresh an hour (start-up,
 * renamed locks), which Tedee caps separately.
 */
export function projectedRequestsPerHour(intervalSeconds: number): number {
  return Math.ceil(3600 / intervalSeconds) + 1;
}

export const pollSettingsSchema = z
  .object({
    intervalSeconds: z
      .number()
      .int('The interval must be a whole number of seconds.')
      .min(
        MIN_INTERVAL_SECONDS,
        `The interval must be at least ${MIN_INTERVAL_SECONDS} seconds: Tedee allows one sync per lock every ${MIN_INTERVAL_SECONDS} seconds.`,
      )
      .max(
        MAX_INTERVAL_SECONDS,
        `The interval must be at most ${MAX_INTERVAL_SECONDS} seconds (one day).`,
      ),
    budgetPerHour: z
      .number()
      .int()
      .min(1)
      .max(
        ACCOUNT_REQUESTS_PER_HOUR,
        `Tedee allows at most ${ACCOUNT_REQUESTS_PER_HOUR} requests per hour per account.`,
      ),
  })
  .superRefine(({ intervalSeconds, budgetPerHour }, context) => {
    const projected = projectedRequestsPerHour(intervalSeconds);
    if (projected + OPERATION_RESERVE_PER_HOUR > budgetPerHour) {
      context.addIssue({
        code: 'custom',
        path: ['intervalSeconds'],
        message: `Polling every ${intervalSeconds} s needs about ${projected} requests per hour, and ${OPERATION_RESERVE_PER_HOUR} more are kept for locking and unlocking: ${projected + OPERATION_RESERVE_PER_HOUR}, more than the budget of ${budgetPerHour}.`,
      });
    }
  });
export type PollSettings = z.infer<typeof pollSettingsSchema>;

/** A setting outside its range; the message is written for the user. */
export class InvalidSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSettingError';
  }
}

/** Parses settings and reports the first problem in the user's terms, never silently fixing it. */
export function parseSettings<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidSettingError(parsed.error.issues[0]?.message ?? 'Invalid setting.');
}

// Parsed, so a default that breaks its own rule fails at start-up rather than in use.
export const defaultAlertSettings: AlertSettings = alertSettingsSchema.parse({
  enabled: enabledByDefault,
  lowBatteryPercent: 20,
  leftUnlockedMinutes: 10,
  doorOpenMinutes: 5,
  unlockedLockSerials: null,
  snoozeUntil: null,
});
export const defaultPollSettings: PollSettings = pollSettingsSchema.parse({
  intervalSeconds: DEFAULT_INTERVAL_SECONDS,
  budgetPerHour: DEFAULT_BUDGET_PER_HOUR,
});
