/**
 * Every verb already answers { ok, data } | { ok, error }, but the IPC call itself can still
 * reject (window closing, preload missing a verb). Folding that into the same shape means
 * every caller has one path for showing errors.
 */
import type { InvokeResult } from '../preload/contract.ts';

export async function invokeSafely<T>(
  call: () => Promise<InvokeResult<T>>,
): Promise<InvokeResult<T>> {
  try {
    return await call();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `The app did not answer: ${detail}` };
  }
}
