/**
 * Runs in the page before its own scripts (bundled into the init script by preload-script.ts)
 * and plays the part of Electron's sandboxed preload environment for the REAL preload bundle:
 * `require('electron')` answers contextBridge and an ipcRenderer whose messages travel over a
 * Playwright binding to the fake ipcMain. Everything stays in this closure: the binding is
 * removed from the page, and `require`, `module`, `ipcRenderer` and `process` are never
 * globals, so a test can check that the page reaches nothing but what the preload exposes.
 *
 * Not a faithful copy of context isolation: the preload shares the page's world here. What
 * the tests check (the globals the page can reach, the verbs, the wire format) does not
 * depend on it.
 */

/** The preload bundle's text wrapped as a CommonJS function; see preload-script.ts. */
declare const runPreloadBundle: (
  require: (id: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
) => void;
declare const bridgeConfig: { binding: string; token: string };

/** Page → Node messages; the token proves the call came from this closure. */
export type BridgeMessage =
  | { kind: 'invoke'; channel: string; args: unknown[] }
  /**
   * Waits for the next message main sent to the window (null once it will never come). Main's
   * messages go to the document that is there: a new document starts with an empty queue.
   */
  | { kind: 'next'; documentId: string };

export interface Delivery {
  channel: string;
  args: unknown[];
}

type Listener = (event: unknown, ...args: unknown[]) => void;
type Binding = (token: string, message: BridgeMessage) => Promise<unknown>;

const page = globalThis as unknown as Record<string, unknown>;

// Playwright exposes the binding in every frame; no frame keeps it.
const binding = page[bridgeConfig.binding] as Binding;
delete page[bridgeConfig.binding];
// Electron runs a preload in the main frame only (nodeIntegrationInSubFrames is off).
if (page.top === page.self) install();

function install(): void {
  const send = (message: BridgeMessage) => binding(bridgeConfig.token, message);
  const listeners = new Map<string, Listener[]>();
  const documentId = crypto.randomUUID();

  const ipcRenderer = {
    // Electron clones invoke arguments (structured clone): what cannot be cloned throws here too.
    invoke: (channel: string, ...args: unknown[]) =>
      send({ kind: 'invoke', channel, args: structuredClone(args) }),
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((known) => known !== listener),
      );
      return ipcRenderer;
    },
  };

  const contextBridge = {
    exposeInMainWorld(key: string, api: Record<string, unknown>) {
      // contextBridge hands the page a copy it cannot change, and refuses to overwrite a global.
      if (key in page)
        throw new Error(
          `Cannot bind an API on top of an existing property on the window object: ${key}`,
        );
      Object.defineProperty(page, key, { value: Object.freeze({ ...api }), enumerable: true });
    },
  };

  const electron = { contextBridge, ipcRenderer };
  const require = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  runPreloadBundle(require, module, module.exports);

  void (async () => {
    for (;;) {
      let delivery: Delivery | null;
      try {
        delivery = (await send({ kind: 'next', documentId })) as Delivery | null;
      } catch {
        return; // the page is going away
      }
      if (delivery === null) return;
      // Electron's IpcRendererEvent carries `sender` (the ipcRenderer): the preload must not pass it on.
      const event = { sender: ipcRenderer, senderId: 0 };
      for (const listener of listeners.get(delivery.channel) ?? [])
        listener(event, ...delivery.args);
    }
  })();
}
