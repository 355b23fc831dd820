/** Alerts never repeat within an episode, whatever the sequence of polls and settings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAlertMemory, evaluateAlerts } from '../../main/engine/alert-policy.ts';
import type { PollOutcome } from '../../main/engine/alert-policy.ts';
import { ALERT_KINDS } from '../../main/engine/monitor-settings.ts';
import type { AlertKind } from '../../main/engine/monitor-settings.ts';
import type { MonitoredLock } from '../../main/engine/monitor-snapshot.ts';
import { LOCK_STATES } from '../../main/tedee/lock-enums.ts';
import { MINUTE, T0, settingsWith } from './alert-policy-run.ts';
import { makeLock } from './lock-factory.ts';

/** Kinds decided by health-alerts.ts from the reads about bridges, sensors and the key. */
type HealthKind = 'bridge-offline' | 'door-sensor-battery-low' | 'key-expiring';

describe('episodes (property)', () => {
  const THRESHOLD = 20;
  const LIMIT_MINUTES = 3;

  // Few distinct values, so that episodes start and end often within a short run.
  const arbitraryLiveLock = (id: number) =>
    fc
      .record({
        connected: fc.constantFrom(true, false, false, null),
        state: fc.constantFrom(...LOCK_STATES, 'unlocked', 'pulled', null),
        door: fc.constantFrom('open', 'open', 'closed', 'not-paired', null),
        battery: fc.constantFrom(null, 5, 18, 20, 21, 24, 25, 60),
        charging: fc.constantFrom(true, false, false, null),
        lastOperationFailed: fc.boolean(),
        // Few distinct times, so that the same change is seen by several syncs in a row.
        lastChanged: fc.constantFrom(null, '2025-11-03T07:00:00.000Z', '2025-11-03T07:30:00.000Z'),
      })
      .map((live) => makeLock({ id, name: `Lock ${id}`, ...live }));

  const arbitraryPoll: fc.Arbitrary<PollOutcome> = fc.oneof(
    fc.record({
      kind: fc.constant('synced' as const),
      locks: fc
        .tuple(
          fc.option(arbitraryLiveLock(1), { nil: null }),
          fc.option(arbitraryLiveLock(2), { freq: 8, nil: null }),
        )
        .map((locks) => locks.filter((lock): lock is MonitoredLock => lock !== null)),
    }),
    fc.record({
      kind: fc.constant('failed' as const),
      reason: fc.constantFrom('unreachable', 'unreachable', 'key-rejected', 'rate-limited'),
    }),
  );

  const arbitraryRun = fc.record({
    steps: fc.array(
      fc.record({ gap: fc.integer({ min: 0, max: 2 * MINUTE }), poll: arbitraryPoll }),
      { maxLength: 80 },
    ),
    snoozeUntil: fc.option(fc.integer({ min: T0, max: T0 + 60 * MINUTE }), { nil: null }),
    enabled: fc
      .tuple(...ALERT_KINDS.map(() => fc.constantFrom(true, true, true, false)))
      .map(
        (flags) =>
          Object.fromEntries(ALERT_KINDS.map((kind, i) => [kind, flags[i] ?? true])) as Record<
            AlertKind,
            boolean
          >,
      ),
  });

  it('an alert is never repeated within one episode, and only raised while its condition holds', () => {
    fc.assert(
      fc.property(arbitraryRun, ({ steps, snoozeUntil, enabled }) => {
        const settings = settingsWith({
          lowBatteryPercent: THRESHOLD,
          leftUnlockedMinutes: LIMIT_MINUTES,
          doorOpenMinutes: LIMIT_MINUTES,
          snoozeUntil,
          enabled,
        });
        let memory = emptyAlertMemory();
        let now = T0;
        /** Keys "kind:lockId" whose episode has ended since their last alert (absent = armed). */
        const spent = new Set<string>();
        /** Per lock, the lastChanged of the previous sync that listed it. */
        const lastChangedSeen = new Map<number, string | null>();
        for (const { gap, poll } of steps) {
          now += gap;
          // A new state change is a new 'unlocked' episode, before this poll's alerts.
          if (poll.kind === 'synced') {
            for (const lock of poll.locks) {
              if (lastChangedSeen.get(lock.id) !== lock.lastChanged)
                spent.delete(`unlocked:${lock.id}`);
              lastChangedSeen.set(lock.id, lock.lastChanged);
            }
            for (const id of [1, 2])
              if (!poll.locks.some((lock) => lock.id === id)) lastChangedSeen.delete(id);
          }
          const result = evaluateAlerts(memory, poll, settings, now);
          memory = result.memory;

          for (const alert of result.alerts) {
            const key = `${alert.kind}:${alert.lockId}`;
            expect(spent.has(key), `${key} repeated within its episode`).toBe(false);
            spent.add(key);
            expect(settings.enabled[alert.kind]).toBe(true);
            expect(snoozeUntil !== null && snoozeUntil > now).toBe(false);
            if (alert.lockId !== null) {
              expect(poll.kind).toBe('synced');
              const lock =
                poll.kind === 'synced' ? poll.locks.find((l) => l.id === alert.lockId) : undefined;
              expect(lock).toBeDefined();
              if (lock) expect(conditionHolds(alert.kind, lock)).toBe(true);
            }
            if (alert.kind === 'disconnected') spent.delete(`reconnected:${alert.lockId}`);
          }

          // What ends each episode, read from the input alone.
          if (poll.kind === 'failed') {
            if (poll.reason === 'key-rejected') spent.delete('api-unreachable:null');
            continue;
          }
          spent.delete('api-unreachable:null');
          spent.delete('key-rejected:null');
          for (const id of [1, 2]) {
            const lock = poll.locks.find((l) => l.id === id);
            const ends: Record<
              Exclude<
                AlertKind,
                | 'reconnected'
                | 'api-unreachable'
                | 'key-rejected'
                | 'unlocked'
                | 'incorrect-pin'
                | HealthKind
              >,
              boolean
            > = {
              jammed: !lock || (lock.state !== null && !isJammed(lock)),
              disconnected: !lock || lock.connected !== false,
              'battery-low':
                !lock ||
                (lock.battery !== null &&
                  (lock.charging === true || lock.battery >= THRESHOLD + 5)),
              'left-unlocked':
                !lock ||
                (lock.state !== null && lock.state !== 'unlocked' && lock.state !== 'pulled'),
              'door-open': !lock || (lock.door !== null && lock.door !== 'open'),
            };
            for (const [kind, ended] of Object.entries(ends))
              if (ended) spent.delete(`${kind}:${id}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  function conditionHolds(kind: AlertKind, lock: MonitoredLock): boolean {
    switch (kind) {
      case 'disconnected':
        return lock.connected === false;
      case 'reconnected':
        return lock.connected === true;
      case 'battery-low':
        return lock.battery !== null && lock.battery <= THRESHOLD && lock.charging !== true;
      case 'left-unlocked':
        return lock.state === 'unlocked' || lock.state === 'pulled';
      case 'door-open':
        return lock.door === 'open';
      case 'unlocked':
        return lock.state === 'unlocked' || lock.state === 'pulled';
      case 'jammed':
        return isJammed(lock);
      case 'api-unreachable':
      case 'key-rejected':
      // Raised by health-alerts.ts, never by this policy.
      case 'bridge-offline':
      case 'door-sensor-battery-low':
      case 'key-expiring':
      case 'incorrect-pin':
        return false;
    }
  }

  function isJammed(lock: MonitoredLock): boolean {
    return lock.state === 'semi-locked' && lock.lastOperationFailed;
  }
});
