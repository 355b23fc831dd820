/**
 * Finding the local address toward the bridge from a real connection, over loopback.
 */
import { Socket, connect as netConnect, createServer } from 'node:net';
import type { Server, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeTimeoutError, BridgeUnreachableError } from '../../main/bridge/bridge-errors.ts';
import { localAddressTowardBridge } from '../../main/bridge/local-address.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function listen(host: string): Promise<number> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('localAddressTowardBridge', () => {
  it('is the local end of a connection to the bridge', async () => {
    const port = await listen('127.0.0.1');
    expect(await localAddressTowardBridge({ bridgeHost: '127.0.0.1', bridgePort: port })).toBe(
      '127.0.0.1',
    );
  });

  it('closes its connection once it has the address', async () => {
    const port = await listen('127.0.0.1');
    const sockets: Socket[] = [];
    const recording = ((options: Parameters<typeof netConnect>[0]) => {
      const socket = netConnect(options);
      sockets.push(socket);
      return socket;
    }) as typeof connect;
    await localAddressTowardBridge({
      bridgeHost: '127.0.0.1',
      bridgePort: port,
      connect: recording,
    });
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.destroyed).toBe(true);
  });

  it('over IPv6 loopback it is ::1', async () => {
    const port = await listen('::1').catch(() => null);
    if (port === null) return; // This machine has no IPv6 loopback: nothing to check.
    expect(await localAddressTowardBridge({ bridgeHost: '::1', bridgePort: port })).toBe('::1');
  });

  it('an override is used as is, without connecting', async () => {
    expect(
      await localAddressTowardBridge({
        bridgeHost: '127.0.0.1',
        bridgePort: 1,
        override: '192.168.1.50',
      }),
    ).toBe('192.168.1.50');
  });

  it('a bridge that refuses is unreachable', async () => {
    const port = await listen('127.0.0.1');
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await localAddressTowardBridge({
      bridgeHost: '127.0.0.1',
      bridgePort: port,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeUnreachableError);
    expect((error as BridgeUnreachableError).failure).toBe('refused');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});

describe('localAddressTowardBridge with a connection that misbehaves', () => {
  it('a bridge that does not answer the connection is a timeout, and the attempt is closed', async () => {
    let socket: Socket | undefined;
    const silent = ((options: { timeout?: number }) => {
      socket = new Socket();
      socket.setTimeout(options.timeout ?? 0);
      return socket;
    }) as unknown as typeof connect;
    const error = await localAddressTowardBridge({
      bridgeHost: '192.168.1.20',
      bridgePort: 80,
      timeoutMs: 50,
      connect: silent,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    expect((error as Error).message).toBe('The bridge did not answer within 0.05 s.');
    expect(socket?.destroyed).toBe(true);
  });

  it('a connection without a local address is unreachable', async () => {
    const addressless = (() => {
      const socket = new Socket();
      setImmediate(() => socket.emit('connect'));
      return socket;
    }) as unknown as typeof connect;
    const error = await localAddressTowardBridge({
      bridgeHost: '192.168.1.20',
      bridgePort: 80,
      connect: addressless,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeUnreachableError);
    expect((error as BridgeUnreachableError).failure).toBe('other');
    expect((error as Error).message).toBe(
      'Cannot reach the bridge at 192.168.1.20:80: check that this computer is on its network.',
    );
  });
});
