/**
 * The keys of a LOCK object in the CLI's JSON, in order, as README's contract names them:
 * written out here, never taken from the code under test.
 */
export const LOCK_KEYS = [
  'id',
  'serial',
  'name',
  'connected',
  'state',
  'door',
  'battery',
  'charging',
  'lastChanged',
  'source',
  'jammed',
];
