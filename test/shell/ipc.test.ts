import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { GENERIC_ERROR_MESSAGE, UserFacingError } from '../../main/app/user-facing-error.ts';
import { REFUSED_SENDER_MESSAGE, registerIpcHandlers } from '../../main/shell/ipc.ts';
import type { IpcDeps } from '../../main/shell/ipc.ts';
import { invokeChannel, invokeContract, VERBS } from '../../preload/contract.ts';
import type { InvokeResult } from '../../preload/contract.ts';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<InvokeResult<unknown>>;

function setUp(options: { trusted?: boolean; handle?: IpcDeps['handle'] } = {}) {
  const handlers = new Map<string, Handler>();
  const logged: string[] = [];
  const handle = vi.fn(options.handle ?? (async () => null as never));
  const unregister = registerIpcHandlers({
    ipcMain: {
      handle: (channel: string, listener: Handler) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    isTrustedSender: () => options.trusted ?? true,
    handle: handle as unknown as IpcDeps['handle'],
    logger: {
      info: (m) => logged.push(m),
      warn: (m) => logged.push(m),
      error: (m) => logged.push(m),
    },
  });
  const call = (verb: string, payload?: unknown) => {
    const handler = handlers.get(invokeChannel(verb as never));
    if (!handler) throw new Error(`no handler for ${verb}`);
    return handler({} as IpcMainInvokeEvent, payload);
  };
  return { handlers, handle, call, logged, unregister };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract verb, and removes them all', () => {
    const { handlers, unregister } = setUp();
    expect([...handlers.keys()].sort()).toEqual(VERBS.map(invokeChannel).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('refuses every verb from a sender that is not our window, without calling the app', async () => {
    const { call, handle } = setUp({ trusted: false });
    for (const verb of VERBS) {
      expect(await call(verb, undefined)).toEqual({ ok: false, error: REFUSED_SENDER_MESSAGE });
    }
    expect(handle).not.toHaveBeenCalled();
  });

  it('passes a parsed request and wraps the answer', async () => {
    const { call, handle } = setUp({ handle: async () => ({ at: 42 }) as never });
    expect(await call('refreshNow')).toEqual({ ok: true, data: { at: 42 } });
    await call('setKey', { key: '  abc.def  ', sessionOnly: false });
    expect(handle).toHaveBeenLastCalledWith('setKey', { key: 'abc.def', sessionOnly: false });
  });

  it('turns a user-facing error into its message and anything else into a generic one', async () => {
    const userFacing = setUp({
      handle: async () => {
        throw new UserFacingError('Tedee rejected this key.');
      },
    });
    expect(await userFacing.call('clearKey')).toEqual({
      ok: false,
      error: 'Tedee rejected this key.',
    });
    const internal = setUp({
      handle: async () => {
        throw new Error('/home/user/secret/path exploded');
      },
    });
    expect(await internal.call('clearKey')).toEqual({ ok: false, error: GENERIC_ERROR_MESSAGE });
  });

  it('rejects malformed payloads of every verb without calling the app, and never logs the payload', async () => {
    const { call, handle, logged } = setUp();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VERBS), fc.anything(), async (verb, payload) => {
        handle.mockClear();
        const acceptable = invokeContract[verb].request.safeParse(payload).success;
        const result = await call(verb, payload);
        expect(result.ok).toBe(acceptable);
        expect(handle).toHaveBeenCalledTimes(acceptable ? 1 : 0);
      }),
      { numRuns: 400 },
    );
    expect(await call('setKey', { key: 'SECRET-KEY-abc', sessionOnly: 'yes' })).toMatchObject({
      ok: false,
    });
    expect(await call('pause', { minutes: -5 })).toMatchObject({ ok: false });
    expect(await call('selectLocks', { serials: 'all' })).toMatchObject({ ok: false });
    expect(
      await call('updateSettings', { poll: { intervalSeconds: 30 }, extra: true }),
    ).toMatchObject({
      ok: false,
    });
    expect(await call('getState', { sneaky: true })).toMatchObject({ ok: false });
    expect(logged.join('\n')).not.toContain('SECRET-KEY-abc');
  });

  it('says in the log which verb was refused and where a request was malformed, never its values', async () => {
    const untrusted = setUp({ trusted: false });
    expect(await untrusted.call('getState')).toEqual({
      ok: false,
      error: 'Refused: the request did not come from the Tedee Tray window.',
    });
    expect(untrusted.logged).toEqual(['Refused "getState" from an untrusted sender.']);

    const { call, logged } = setUp();
    expect(await call('setKey', { key: 'SECRET-KEY-abc', sessionOnly: 'yes' })).toEqual({
      ok: false,
      error: 'Refused: the request was malformed.',
    });
    await call('setKey', { key: 7, sessionOnly: 'yes' });
    await call('pause', 'SECRET-KEY-abc');
    await call('updateSettings', { poll: { intervalSeconds: 'SECRET-KEY-abc' } });
    expect(logged).toEqual([
      'Refused "setKey": malformed request at sessionOnly.',
      'Refused "setKey": malformed request at key, sessionOnly.',
      'Refused "pause": malformed request at (root).',
      'Refused "updateSettings": malformed request at poll.intervalSeconds.',
    ]);
  });

  it('logs why the app failed a verb, by the name and message of the error', async () => {
    const failing = setUp({
      handle: async () => {
        throw new RangeError('no lock 7');
      },
    });
    await failing.call('clearKey');
    expect(failing.logged).toEqual(['"clearKey" failed: RangeError: no lock 7']);
    const odd = setUp({
      handle: async () => {
        throw 'a string' as unknown as Error;
      },
    });
    expect(await odd.call('resume')).toEqual({ ok: false, error: GENERIC_ERROR_MESSAGE });
    expect(odd.logged).toEqual(['"resume" failed: a string']);
  });
});
