/**
 * `--demo`: a real TedeeClient talking to the built-in simulator with the scripted demo locks
 * (see demo-backend.ts), so the demo needs no account and leaks nothing.
 */
import { startDemoBackend } from '../demo/demo-backend.ts';
import { originOf } from '../tedee/api-address.ts';
import { TedeeClient } from '../tedee/client.ts';

export interface DemoConnection {
  api: TedeeClient;
  close(): Promise<void>;
}

export async function startDemoConnection(): Promise<DemoConnection> {
  const backend = await startDemoBackend();
  return {
    api: new TedeeClient({
      personalKey: backend.key,
      apiUrl: backend.apiUrl,
      keyOrigin: originOf(backend.apiUrl),
    }),
    close: () => backend.stop(),
  };
}
