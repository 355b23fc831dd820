/**
 * What --help prints. Defaults and limits are read from the engine, so the help cannot drift
 * from what the flags accept.
 */
import {
  defaultAlertSettings,
  DEFAULT_INTERVAL_SECONDS,
  MIN_INTERVAL_SECONDS,
} from '../engine/monitor-settings.ts';
import { DEFAULT_API_URL } from '../tedee/api-paths.ts';
import { DEFAULT_LAN_POLL_SECONDS } from '../engine/bridge-connection.ts';
import { API_URL_VARIABLE } from './arguments.ts';
import { BRIDGE_TOKEN_VARIABLE, KEY_VARIABLE } from './environment-secret.ts';
import { DEFAULT_ACTIVITY_LIMIT, MAX_ACTIVITY_LIMIT } from './option-values.ts';

export function helpText(): string {
  return `Watch Tedee smart locks from the command line.

Usage:
  npm run --silent cli -- status [--json] [--api-url URL] [--bridge URL [--bridge-auth MODE]]
                                 [--demo]
  npm run --silent cli -- watch [--interval SECONDS] [--locks ID,ID,...] [--low-battery PERCENT]
                                [--api-url URL] [--bridge URL [--bridge-auth MODE]
                                [--callback-host HOST] [--callback-port N] [--instance NAME]]
                                [--demo]
  npm run --silent cli -- activity [--lock ID] [--limit N] [--json] [--api-url URL] [--demo]
  npm run --silent cli -- lock ID [--api-url URL] [--bridge URL [--bridge-auth MODE]] [--demo]
  npm run --silent cli -- unlock ID --yes [--api-url URL] [--bridge URL [--bridge-auth MODE]]
                                      [--demo]
  npm run --silent cli -- pull ID --yes [--api-url URL] [--bridge URL [--bridge-auth MODE]]
                                    [--demo]

Commands:
  status    Fetch every lock once, print a table (or one JSON object with --json) and exit.
  watch     Follow the locks until Ctrl+C or SIGTERM, one JSON object per line on stdout:
            {"type":"snapshot",...} after every sync and every change the bridge reports,
            {"type":"alert",...} for every alert, {"type":"status",...} whenever the
            connection status changes (live, live by LAN polling, following the cloud),
            {"type":"activity",...} for each activity entry after the start (who and how;
            needs the DeviceActivity.Read scope, without it one note on stderr).
  activity  Print the newest entries of each lock's activity log and exit.
  lock      Lock the lock with this id and wait until it reports locked (at most 60 s).
  unlock    Unlock it; refuses to run without --yes, the consent to open the door.
  pull      Pull its latch (the door opens); also needs --yes.

Options:
  --json                 status: print {"locks":[...]}; activity: {"activities":[...]}.
  --interval SECONDS     watch: time between syncs, at least ${MIN_INTERVAL_SECONDS} (default ${DEFAULT_INTERVAL_SECONDS}).
  --locks ID,ID,...      watch: only these lock ids (default: every lock of the account).
  --low-battery PERCENT  watch: battery alert level, 5 to 95 (default ${defaultAlertSettings.lowBatteryPercent}).
  --lock ID              activity: only this lock (default: every lock).
  --limit N              activity: entries per lock, 1 to ${MAX_ACTIVITY_LIMIT} (default ${DEFAULT_ACTIVITY_LIMIT}).
  --api-url URL          Tedee API address (default ${DEFAULT_API_URL}, or ${API_URL_VARIABLE}).
  --bridge URL           Live mode through a Tedee Bridge's local API, e.g. http://192.168.1.20
                         (http:// to a private, link-local or loopback address only). With a
                         key: live, with the cloud as fallback; without: the bridge alone.
                         lock/unlock/pull: through the bridge when it lists the lock.
  --bridge-auth MODE     encrypted (default) or plain, as the bridge's "Encrypted token" switch.
  --callback-host HOST   watch: this computer's address the bridge calls back (default: the one
                         that routes to the bridge).
  --callback-port N      watch: the port the bridge calls back (default: a free one). Without
                         callbacks (a firewall), the bridge is polled every ${DEFAULT_LAN_POLL_SECONDS} s.
  --instance NAME        watch: a name for this watch's callback, for several watches on one
                         computer (default: an id kept in this user's state folder).
  --yes                  unlock, pull: yes, open this door.
  --demo                 Three simulated locks with a scripted life; no key or account needed.
  -h, --help             Show this help.

The Personal Access Key is read only from the environment variable ${KEY_VARIABLE.name}
(create one with the Device.Read scope at https://portal.tedee.com/personal-access-keys;
add DeviceActivity.Read for the activity log; lock, unlock and pull also need Lock.Operate).
The bridge token is read only from ${BRIDGE_TOKEN_VARIABLE.name} (Tedee app: Bridge → Settings → API).

Exit codes:
  0    success (watch: stopped by Ctrl+C or SIGTERM; lock: also when already locked)
  1    an unexpected error in the CLI itself
  2    usage error (unlock or pull without --yes too)
  3    Tedee rejected the key (HTTP 401 or 403); activity: the key lacks DeviceActivity.Read;
       lock/unlock/pull: the key lacks Lock.Operate; without a key, the bridge rejected the token
  4    Tedee unreachable or failing (network, timeout, HTTP 5xx or 429, unreadable answer);
       without a key, the bridge unreachable or failing
  5    lock/unlock/pull: the lock or Tedee refused or did not finish (reason on stderr)
  130  interrupted by Ctrl+C or SIGTERM before the command finished`;
}
