/**
 * The boundary between the window and main, end to end: the window is created locked down
 * with the built preload and served from app://; the page reaches nothing but the verbs the
 * real preload exposes; and every handler main registered refuses a sender that is not the
 * window's own main frame, with nothing done.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel, VERBS } from '../../preload/contract.ts';
import type { RequestOf, Verb } from '../../preload/contract.ts';
import { REFUSED_SENDER_MESSAGE } from '../../main/shell/ipc.ts';
import { MAIN_FRAME_ROUTING_ID, WINDOW_PROCESS_ID } from './fake-electron/fake-browser-window.ts';
import type { FakeFrame } from './fake-electron/fake-browser-window.ts';
import { startE2eApp } from './harness/e2e-app.ts';
import type { E2eApp } from './harness/e2e-app.ts';
import { calmHousehold } from './harness/households.ts';
import { findSecrets } from './harness/leak-scan.ts';

const KEY = 'pak-e2e-BOUNDARY-0d9b7e45';
/** What a foreign sender tries to set as the key: it must get nowhere, not even into the log. */
const FOREIGN_KEY = 'pak-e2e-FOREIGN-9c3e5a17';
const root = join(import.meta.dirname, '../..');

/** A request each verb would accept from the window, so only the sender can be the reason to refuse. */
const VALID_REQUESTS: { [V in Verb]: RequestOf<V> } = {
  getState: undefined,
  setKey: { key: FOREIGN_KEY, sessionOnly: false },
  clearKey: undefined,
  setBridgeToken: { token: FOREIGN_KEY },
  clearBridgeToken: undefined,
  testBridge: undefined,
  selectLocks: { serials: [] },
  updateSettings: { poll: { intervalSeconds: 3600 } },
  refreshNow: undefined,
  pause: { minutes: null },
  resume: undefined,
  operateLock: { lockId: 48213, operation: 'unlock' },
  startDemo: undefined,
  openExternalHelp: { topic: 'personal-access-keys' },
  getActivity: { lockId: 48213, afterId: null, limit: 20 },
  watchActivity: { lockIds: [48213] },
};

const WINDOW_URL = 'app://tedee-tray/index.html';
const FOREIGN_SENDERS: Record<string, FakeFrame | null> = {
  'a subframe of the window': { processId: WINDOW_PROCESS_ID, routingId: 2, url: WINDOW_URL },
  'another renderer process': {
    processId: WINDOW_PROCESS_ID + 1,
    routingId: MAIN_FRAME_ROUTING_ID,
    url: WINDOW_URL,
  },
  'the main frame after navigating away': {
    processId: WINDOW_PROCESS_ID,
    routingId: MAIN_FRAME_ROUTING_ID,
    url: 'https://evil.example/index.html',
  },
  'a look-alike origin': {
    processId: WINDOW_PROCESS_ID,
    routingId: MAIN_FRAME_ROUTING_ID,
    url: 'app://tedee-tray.evil/index.html',
  },
  'no frame (destroyed)': null,
};

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({ locks: calmHousehold(), accountKeys: [KEY], storedKey: KEY });
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

function invokeAs(senderFrame: FakeFrame | null, verb: Verb): Promise<unknown> {
  const event = {
    senderFrame,
    sender: null,
    processId: senderFrame?.processId ?? 0,
    frameId: senderFrame?.routingId ?? 0,
  };
  return app.fake.ipcMain.invoke(invokeChannel(verb), event, [VALID_REQUESTS[verb]]);
}

describe('the window boundary', () => {
  it('creates the window locked down, with the built preload, and serves it from app://', () => {
    expect(app.window.options.webPreferences).toMatchObject({
      preload: join(root, 'dist/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      // The fake app is not packaged (as under `npm start`); a packaged one gets none.
      devTools: !app.fake.app.isPackaged,
    });
    expect(app.fake.log.named('BrowserWindow.loadURL').map((call) => call.args)).toEqual([
      [WINDOW_URL],
    ]);
    expect(app.window.webContents.mainFrame.url).toBe(WINDOW_URL);
    expect(app.fake.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
    expect(
      app.fake.log.named('protocol.registerSchemesAsPrivileged').map((call) => call.afterReady),
    ).toEqual([false]);

    // net.fetch carries main's requests to Tedee (the simulator) too; everything else it was
    // asked for is what the app:// handler served.
    const served = app.fake.log
      .named('net.fetch')
      .map((call) => String(call.args[0]))
      .filter((url) => !url.startsWith(`${app.simulator.baseUrl}/`));
    expect(served.length).toBeGreaterThan(0);
    for (const url of served)
      expect(url.startsWith(`file://${join(root, 'dist/renderer')}/`), url).toBe(true);
    expect(existsSync(join(root, 'dist/renderer/index.html'))).toBe(true);

    const openHandler = app.window.webContents.windowOpenHandler as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
    const permissionCheck = app.window.webContents.permissionCheckHandler as () => unknown;
    expect(permissionCheck()).toBe(false);
  });

  it('gives the page nothing but the verbs the preload declares', async () => {
    const reachable = await app.page.evaluate<Record<string, string>>(`({
      require: typeof require,
      module: typeof module,
      exports: typeof exports,
      process: typeof process,
      ipcRenderer: typeof ipcRenderer,
      electron: typeof window.electron,
      bridgeBinding: typeof __tedeeE2eBridge,
    })`);
    expect(reachable).toEqual({
      require: 'undefined',
      module: 'undefined',
      exports: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      bridgeBinding: 'undefined',
    });
    expect(await app.page.evaluate<string[]>('Object.keys(window.tedeeTray)')).toEqual([
      ...VERBS,
      'onUpdate',
      'onActivity',
    ]);
    // ...and a declared verb goes all the way to main and back.
    const answer = await app.page.evaluate<unknown>(
      'window.tedeeTray.getState().then((result) => result.ok && result.data.state.key)',
    );
    expect(answer).toEqual({ stored: 'saved', storage: 'encrypted' });
  });

  it('registers a handler for every verb and nothing else, and listens on no other channel', () => {
    expect([...app.fake.ipcMain.handlers.keys()].sort()).toEqual(VERBS.map(invokeChannel).sort());
    // e.g. electron-store's 'electron-store-get-data', which answers any sender with the userData path.
    expect(app.fake.ipcMain.eventNames()).toEqual([]);
  });

  it.each(Object.entries(FOREIGN_SENDERS))(
    'refuses every verb from %s, and does nothing',
    async (_name, senderFrame) => {
      const requestsBefore = app.simulator.requests().length;
      const invocations = app.host.records.invocations.length;
      for (const verb of VERBS) {
        expect(await invokeAs(senderFrame, verb), verb).toEqual({
          ok: false,
          error: REFUSED_SENDER_MESSAGE,
        });
      }
      expect(app.encryptedKeys()).toEqual([]);
      expect(existsSync(app.keyFile)).toBe(true);
      expect(app.fake.log.named('shell.openExternal')).toEqual([]);
      expect(app.simulator.requests()).toHaveLength(requestsBefore);
      expect(app.host.records.invocations).toHaveLength(invocations);
      const state = await app.page.evaluate<{ paused: boolean; interval: number; demo: boolean }>(
        'window.tedeeTray.getState().then(({ data: { state } }) => ({ paused: state.status.kind === "paused", interval: state.settings.poll.intervalSeconds, demo: state.demo }))',
      );
      expect(state).toEqual({ paused: false, interval: 30, demo: false });
    },
  );

  it('answers the same call from the window’s own main frame', async () => {
    expect(await invokeAs(app.window.webContents.mainFrame, 'getState')).toMatchObject({
      ok: true,
    });
  });

  it('never lets the keys out, and the window ran without errors', async () => {
    expect(await findSecrets(app, [KEY, FOREIGN_KEY])).toEqual([]);
    expect([...app.host.records.problems, ...app.fake.problems]).toEqual([]);
  });
});
