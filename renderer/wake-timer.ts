/**
 * Redraws the window when a time it shows comes due (Refresh now becoming available, a pause
 * or snooze ending) and once a minute for "12 min ago", without waiting for main's next state.
 */

const MINUTE = 60_000;
/** Past the moment by a little, so `now < refreshAllowedAt` is already false when it fires. */
const MARGIN_MS = 50;

export interface WakeTimer {
  schedule(now: number, times: ReadonlyArray<number | null>): void;
}

export function createWakeTimer(onWake: () => void): WakeTimer {
  let timer: number | undefined;
  return {
    schedule(now, times) {
      window.clearTimeout(timer);
      const due = times.filter((at): at is number => at !== null && at > now);
      const next = Math.min(now + MINUTE, ...due);
      timer = window.setTimeout(onWake, next - now + MARGIN_MS);
    },
  };
}
