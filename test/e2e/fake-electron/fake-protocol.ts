/**
 * protocol and net: main registers its app:// handler here, the window host calls it for
 * every request the page makes, and the handler's net.fetch(file://…) reads the file; main's
 * requests to Tedee go through net.fetch(http://…) too. The ready rules are Electron's:
 * privileged schemes only before 'ready', handlers only after.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallLog } from './call-log.ts';
import type { FakeApp } from './fake-app.ts';
import { chromiumLikeFetch } from './fake-net-http.ts';

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** Chromium's file loader types files by extension; these are the ones the window loads. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export class FakeProtocol {
  readonly #log: CallLog;
  readonly #app: FakeApp;
  readonly handlers = new Map<string, ProtocolHandler>();
  readonly privilegedSchemes: unknown[] = [];

  constructor(log: CallLog, app: FakeApp) {
    this.#log = log;
    this.#app = app;
  }

  registerSchemesAsPrivileged(schemes: readonly unknown[]): void {
    this.#log.record('protocol.registerSchemesAsPrivileged', schemes);
    if (this.#app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privilegedSchemes.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    this.#log.record('protocol.handle', scheme);
    if (!this.#app.isReady())
      throw new Error('protocol module can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
}

export function fakeNet(log: CallLog) {
  return {
    /** The URL only is recorded: `init` carries the Authorization header, i.e. the key. */
    async fetch(input: string, init?: RequestInit): Promise<Response> {
      log.record('net.fetch', input);
      const url = new URL(input);
      // Main's requests to Tedee (the simulator).
      if (url.protocol === 'http:' || url.protocol === 'https:')
        return chromiumLikeFetch(input, init);
      // The window's app:// handler reads files; any other scheme reaching here is a finding.
      if (url.protocol !== 'file:')
        throw new TypeError(`the fake net.fetch only reads file: URLs, not ${url.protocol}`);
      const path = fileURLToPath(url);
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch {
        throw new TypeError('net::ERR_FILE_NOT_FOUND');
      }
      const type = MIME_TYPES[extname(path)] ?? 'application/octet-stream';
      return new Response(new Uint8Array(body), { status: 200, headers: { 'content-type': type } });
    },
  };
}
