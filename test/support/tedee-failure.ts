/**
 * The TedeeError a call to the client failed with; the test fails when the call succeeds, or
 * fails with anything else. Given a secret, it also checks that no message, stack or
 * inspection of the error shows it.
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { TedeeError } from '../../main/tedee/errors.ts';

export async function failureOf(call: Promise<unknown>, secret?: string): Promise<TedeeError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TedeeError);
  if (secret !== undefined) {
    const text = `${inspect(error, { depth: 10, showHidden: true })} ${(error as Error).stack}`;
    expect(text).not.toContain(secret);
  }
  return error as TedeeError;
}
