/**
 * Tedee's published limits (tedee-api.md §3) and the app's default budget, as literal numbers
 * for tests. Tests must not import these from main/: a test that takes the rule from the code
 * under test passes whatever the code changed it to.
 */

/** Sync all and sync single: "no more than once every 20 seconds", per lock. */
export const SYNC_GAP_MS = 20_000;
/** The account's global limit. */
export const ACCOUNT_LIMIT_PER_HOUR = 700;
/** The app's default share of it. */
export const DEFAULT_BUDGET_PER_HOUR = 350;
/** GET /my/lock with a Personal Access Key. */
export const LOCK_LIST_LIMIT = { calls: 10, windowMs: 600_000 } as const;
/** The rule for the activity log: at most one request per lock per 60 s. */
export const ACTIVITY_GAP_MS = 60_000;
/** GET /my/deviceactivity: at most 200 entries per page (tedee-bridge-and-activity.md §3.1). */
export const ACTIVITY_MAX_PAGE = 200;
