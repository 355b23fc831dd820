/**
 * Matches a request path to one of the endpoints the client uses. The patterns are derived
 * from main/tedee/api-paths.ts, the same table the client builds its URLs from, so a path
 * change on one side cannot leave the other behind.
 *
 * Tedee's cloud treats path segments and query names case-insensitively (tedee-api.md §1), so
 * this matcher does too; ids are digits, so their case never matters.
 */
import { apiPaths } from '../tedee/api-paths.ts';
import { LOCK_OPERATIONS } from '../tedee/operation-model.ts';
import type { LockOperation } from '../tedee/operation-model.ts';

/** Endpoints without an id in their path. */
const LITERAL_ROUTES = [
  'lockList',
  'syncAll',
  'deviceDetails',
  'doorSensors',
  'personalAccessKeys',
  'deviceActivity',
] as const;
type LiteralRouteName = (typeof LITERAL_ROUTES)[number];

export type Route =
  | { name: LiteralRouteName }
  | { name: 'lock'; id: number }
  | { name: 'syncSingle'; id: number }
  | { name: 'operation'; id: number; operation: LockOperation }
  /** Operation ids are epoch milliseconds, so the id slot (digits) fits them. */
  | { name: 'operationStatus'; id: number };

type PatternName = Exclude<Route['name'], 'operation'> | `operation:${LockOperation}`;

/** Stands in for `{id}` while turning the path builders into patterns. */
const ID_PLACEHOLDER = 918273645;
const ID_SLOT = Symbol('id');
type Pattern = readonly (string | typeof ID_SLOT)[];

function pattern(path: string): Pattern {
  return segments(path).map((segment) => (segment === String(ID_PLACEHOLDER) ? ID_SLOT : segment));
}

// Literal endpoints first: `/my/lock/sync` must not be read as the lock with id "sync"
// (the id slot takes digits only, so the order is belt and braces).
const patterns: readonly { name: PatternName; pattern: Pattern }[] = [
  { name: 'lockList', pattern: pattern(apiPaths.lockList) },
  { name: 'syncAll', pattern: pattern(apiPaths.syncAll) },
  { name: 'deviceDetails', pattern: pattern(apiPaths.deviceDetails) },
  { name: 'doorSensors', pattern: pattern(apiPaths.doorSensors) },
  { name: 'personalAccessKeys', pattern: pattern(apiPaths.personalAccessKeys) },
  { name: 'lock', pattern: pattern(apiPaths.lock(ID_PLACEHOLDER)) },
  { name: 'syncSingle', pattern: pattern(apiPaths.syncSingle(ID_PLACEHOLDER)) },
  { name: 'deviceActivity', pattern: pattern(apiPaths.deviceActivity) },
  ...LOCK_OPERATIONS.map((operation) => ({
    name: `operation:${operation}` as const,
    pattern: pattern(apiPaths.operation(ID_PLACEHOLDER, operation)),
  })),
  {
    name: 'operationStatus',
    pattern: pattern(apiPaths.operationStatus(String(ID_PLACEHOLDER))),
  },
];

/** Lower-cased segments; a trailing slash is ignored, as ASP.NET routing does. */
function segments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase());
}

export function matchRoute(path: string): Route | undefined {
  const actual = segments(path);
  for (const { name, pattern: expected } of patterns) {
    const id = matchPattern(expected, actual);
    if (id === false) continue;
    if (isLiteral(name)) return { name };
    if (id === undefined) return undefined;
    if (name.startsWith('operation:'))
      return { name: 'operation', id, operation: name.slice('operation:'.length) as LockOperation };
    return { name: name as Exclude<PatternName, `operation:${LockOperation}`>, id };
  }
  return undefined;
}

function isLiteral(name: PatternName): name is LiteralRouteName {
  return (LITERAL_ROUTES as readonly string[]).includes(name);
}

/** false when the path does not fit; otherwise the id the pattern captured, if it has a slot. */
function matchPattern(expected: Pattern, actual: readonly string[]): number | undefined | false {
  if (expected.length !== actual.length) return false;
  let id: number | undefined;
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] ?? '';
    if (part === ID_SLOT) {
      // Tedee ids are integers; anything else is a different (unknown) route, as in ASP.NET.
      if (!/^\d{1,15}$/.test(segment)) return false;
      id = Number(segment);
    } else if (part !== segment) {
      return false;
    }
  }
  return id;
}

/** Splits a request target into path and query; the URL constructor would treat `//x` as a host. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  if (mark < 0) return { path: target, query: new URLSearchParams() };
  return { path: target.slice(0, mark), query: new URLSearchParams(target.slice(mark + 1)) };
}

/** Every value of a query parameter, its name matched case-insensitively. */
export function queryValues(query: URLSearchParams, name: string): string[] {
  const wanted = name.toLowerCase();
  return [...query].filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}
