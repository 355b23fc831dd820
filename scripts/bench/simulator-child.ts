/** Starts scripts/bench/simulator-process.ts and waits for its address. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SimulatorChild {
  baseUrl: string;
  key: string;
  stop(): Promise<void>;
}

export async function startSimulatorChild(
  lockCount: number,
  options: { churn: boolean },
): Promise<SimulatorChild> {
  const script = new URL('./simulator-process.ts', import.meta.url).pathname;
  const args = [script, String(lockCount), ...(options.churn ? ['--churn'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('simulator process has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [firstLine] = (await once(lines, 'line')) as [string];
  const { baseUrl, key } = JSON.parse(firstLine) as { baseUrl: string; key: string };
  return {
    baseUrl,
    key,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
