/**
 * Which scopes open which endpoint (tedee-api.md §2 "Scopes", tedee-bridge-and-activity.md
 * §4.5): any one of a route's scopes is enough.
 */
import type { Route } from './routes.ts';

const DEVICE_READ: readonly string[] = ['Device.Read', 'Device.ReadWrite'];
const ACTIVITY_READ: readonly string[] = ['DeviceActivity.Read'];
/** Lock, unlock and pull; no other scope includes it. */
const LOCK_OPERATE: readonly string[] = ['Lock.Operate'];
/** The key list is account data. */
const ACCOUNT_READ: readonly string[] = ['Account.Read', 'Account.ReadWrite'];

export function scopesFor(route: Route): readonly string[] {
  switch (route.name) {
    case 'lockList':
    case 'lock':
    case 'syncAll':
    case 'syncSingle':
    case 'deviceDetails':
    case 'doorSensors':
    case 'operationStatus':
      return DEVICE_READ;
    case 'personalAccessKeys':
      return ACCOUNT_READ;
    case 'deviceActivity':
      return ACTIVITY_READ;
    case 'operation':
      return LOCK_OPERATE;
  }
}

export function grants(scopes: readonly string[], route: Route): boolean {
  const needed = scopesFor(route);
  return scopes.some((scope) => needed.includes(scope));
}
