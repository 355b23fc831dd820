/**
 * The unlock rule at the IPC boundary: whatever the window sends, through the real IPC handlers
 * into the real app and the simulator, no unlock or pull reaches Tedee unless main's own dialog
 * was confirmed.
 */
import fc from 'fast-check';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerIpcHandlers } from '../../main/shell/ipc.ts';
import { SAMPLE_LOCK_IDS } from '../../main/demo/sample-locks.ts';
import { invokeChannel } from '../../preload/contract.ts';
import type { InvokeResult, Verb } from '../../preload/contract.ts';
import { GOOD_KEY, startApp } from '../app/app-harness.ts';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<InvokeResult<unknown>>;

async function appBehindIpc(allowUnlock: boolean) {
  const h = await startApp({
    storedKey: GOOD_KEY,
    scopes: ['Device.Read', 'Lock.Operate'],
    settings: { operations: { allowUnlock } },
  });
  await h.app.start();
  await h.advance(0);
  const handlers = new Map<string, Handler>();
  registerIpcHandlers({
    ipcMain: {
      handle: (channel: string, listener: Handler) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    isTrustedSender: () => true,
    handle: (verb, request) => h.app.handle(verb, request),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const invoke = (verb: Verb, payload: unknown) =>
    handlers.get(invokeChannel(verb))!({} as IpcMainInvokeEvent, payload);
  const opening = () =>
    h.simulator.requests().filter((request) => /\/operation\/(unlock|pull)$/i.test(request.path));
  return { ...h, invoke, opening };
}

const { frontDoor, garage } = SAMPLE_LOCK_IDS;

describe('unlocking through IPC', () => {
  it('an unlock request without a confirmed dialog is refused, and nothing reaches Tedee', async () => {
    const h = await appBehindIpc(true);
    expect(await h.invoke('operateLock', { lockId: frontDoor, operation: 'unlock' })).toEqual({
      ok: true,
      data: 'cancelled',
    });
    expect(h.recorded.confirms.map((question) => question.message)).toEqual(['Unlock Front door?']);
    await h.advance(10_000);
    expect(h.opening()).toEqual([]);
    expect(h.simulator.lock(frontDoor)?.state).toBe('locked');
  });

  it('with unlocking off, the request is refused with the reason and no dialog', async () => {
    const h = await appBehindIpc(false);
    const answer = await h.invoke('operateLock', { lockId: frontDoor, operation: 'unlock' });
    expect(answer).toEqual({
      ok: false,
      error:
        'Unlocking from this computer is off. Turn on "Allow unlocking from this computer" in the settings first.',
    });
    expect(h.recorded.confirms).toEqual([]);
  });

  it('the window’s confirmation counts for nothing: extra fields are refused', async () => {
    const h = await appBehindIpc(true);
    expect(
      await h.invoke('operateLock', { lockId: frontDoor, operation: 'unlock', confirmed: true }),
    ).toEqual({ ok: false, error: 'Refused: the request was malformed.' });
    expect(h.recorded.confirms).toEqual([]);
  });

  it('no sequence of window requests produces an unlock or pull while the dialog is declined', async () => {
    // Mostly well-formed requests for real locks, so that a missing check would show at once.
    const lockId = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(frontDoor, garage) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.string(), fc.constant(null)) },
    );
    const operation = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('unlock', 'pull', 'lock') },
      { weight: 1, arbitrary: fc.constantFrom('Unlock', 'PULL', 'unlock ', 'open') },
      { weight: 1, arbitrary: fc.string() },
    );
    const request = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          verb: fc.constant<Verb>('operateLock'),
          payload: fc.record({ lockId, operation }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ verb: fc.constant<Verb>('operateLock'), payload: fc.anything() }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          verb: fc.constant<Verb>('updateSettings'),
          payload: fc.record({ operations: fc.record({ allowUnlock: fc.boolean() }) }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          verb: fc.constant<Verb>('refreshNow'),
          payload: fc.constant(undefined),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 12 }), async (requests) => {
        const h = await appBehindIpc(true);
        for (const { verb, payload } of requests) {
          await h.invoke(verb, payload);
          await h.advance(1_000);
        }
        await h.advance(10_000);
        expect(h.opening()).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
