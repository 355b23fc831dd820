/**
 * Registers one ipcMain handler per contract verb. Every call is checked before it reaches
 * the app: the sender must be our window's main frame on our own origin (a frame that
 * navigated elsewhere, or a subframe, is refused), and the payload is parsed from `unknown`
 * with the contract's schema. The answer is always `{ ok, data } | { ok: false, error }`,
 * because an exception thrown here would reach the window only as a bare string.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { userMessageOf } from '../app/user-facing-error.ts';
import type { Logger } from '../app/ports.ts';
import { invokeChannel, invokeContract, VERBS } from '../../preload/contract.ts';
import type { InvokeResult, ParsedRequestOf, ResponseOf, Verb } from '../../preload/contract.ts';

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  handle<V extends Verb>(verb: V, request: ParsedRequestOf<V>): Promise<ResponseOf<V>>;
  logger: Logger;
}

export const REFUSED_SENDER_MESSAGE =
  'Refused: the request did not come from the Tedee Tray window.';

export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const verb of VERBS) {
    deps.ipcMain.handle(invokeChannel(verb), (event, payload: unknown) =>
      answer(deps, verb, event, payload),
    );
  }
  return () => {
    for (const verb of VERBS) deps.ipcMain.removeHandler(invokeChannel(verb));
  };
}

async function answer<V extends Verb>(
  deps: IpcDeps,
  verb: V,
  event: IpcMainInvokeEvent,
  payload: unknown,
): Promise<InvokeResult<ResponseOf<V>>> {
  if (!deps.isTrustedSender(event)) {
    deps.logger.warn(`Refused "${verb}" from an untrusted sender.`);
    return { ok: false, error: REFUSED_SENDER_MESSAGE };
  }
  const parsed = invokeContract[verb].request.safeParse(payload);
  if (!parsed.success) {
    // The issue paths only, never the values: a malformed setKey payload may hold the key.
    deps.logger.warn(
      `Refused "${verb}": malformed request at ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}.`,
    );
    return { ok: false, error: 'Refused: the request was malformed.' };
  }
  try {
    const data = await deps.handle(verb, parsed.data as ParsedRequestOf<V>);
    return { ok: true, data };
  } catch (error) {
    deps.logger.error(
      `"${verb}" failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    return { ok: false, error: userMessageOf(error) };
  }
}
