/**
 * `--demo`: the built-in Tedee simulator on a loopback port, with the scripted demo locks, and
 * a real TedeeClient talking to it. The key is made up on the spot and shared by the two; it
 * exists only inside this process, so the demo needs no account and leaks nothing.
 */
import { randomBytes } from 'node:crypto';
import { demoLocks, startDemoScript } from '../demo/demo-script.ts';
import { TedeeSimulator } from '../demo/tedee-simulator.ts';
import { TedeeClient } from '../tedee/client.ts';

export interface DemoConnection {
  api: TedeeClient;
  close(): Promise<void>;
}

export async function startDemoConnection(): Promise<DemoConnection> {
  const key = randomBytes(24).toString('base64url');
  const simulator = await TedeeSimulator.start({ keys: [key], locks: demoLocks() });
  const script = startDemoScript(simulator);
  return {
    api: new TedeeClient({ personalKey: key, apiUrl: simulator.baseUrl }),
    async close() {
      script.stop();
      await simulator.close();
    },
  };
}
