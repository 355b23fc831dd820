/**
 * A stand-in for the preload API, typed as the contract's TedeeTrayApi so it cannot offer a
 * verb or an answer the real preload would not. The harness bundles this file into a script
 * that runs before the page's own (page.addInitScript), reading its fixture from
 * globalThis.__tedeeFixture. Calls are recorded and states can be pushed, through
 * globalThis.__tedeeFake. States become numbered updates with main's own WindowUpdates, so
 * every window test also runs the window's side of "only what changed".
 *
 * Answers are structured clones, as Electron's IPC would deliver them.
 */
import type {
  API_GLOBAL,
  ActivityUpdate,
  InvokeResult,
  ResponseOf,
  TedeeTrayApi,
  Verb,
  WindowState,
  WindowUpdate,
} from '../../preload/contract.ts';
import { WindowUpdates } from '../../main/app/window-updates.ts';

export type FakeResponses = { [V in Verb]?: InvokeResult<ResponseOf<V>> };

export interface FakeFixture {
  state: WindowState;
  responses: FakeResponses;
}

export interface FakeCall {
  verb: Verb;
  request: unknown;
}

export interface FakeControl {
  calls: FakeCall[];
  /** Pushes what changed since the last state main handed out, as main does. */
  emit(state: WindowState): void;
  /** Pushes a whole state, as main does to a window that has none yet. */
  emitFull(state: WindowState): void;
  /** Pushes new activity entries, as main does for a watched lock. */
  emitActivity(update: ActivityUpdate): void;
  /** Hands an update to the listeners without the clone emit makes, for timing the window alone. */
  deliver(update: WindowUpdate): void;
  /** Loosely typed because it is called across page.evaluate; the harness's typed respond() is the way in. */
  respond(verb: Verb, result: InvokeResult<unknown>): void;
}

export interface FakeGlobals {
  __tedeeFixture: FakeFixture;
  __tedeeFake: FakeControl;
  tedeeTray: TedeeTrayApi;
}

/** Checked against the contract's constant: renaming the global breaks this line. */
const GLOBAL_NAME: typeof API_GLOBAL = 'tedeeTray';

function install(scope: FakeGlobals): void {
  const fixture = scope.__tedeeFixture;
  const calls: FakeCall[] = [];
  const responses: FakeResponses = { ...fixture.responses };
  const listeners = new Set<(update: WindowUpdate) => void>();
  const activityListeners = new Set<(update: ActivityUpdate) => void>();
  const updates = new WindowUpdates();
  let state = fixture.state;
  const push = (update: WindowUpdate) => {
    for (const listener of listeners) listener(structuredClone(update));
  };

  function answer<V extends Verb>(
    verb: V,
    request: unknown,
    fallback: ResponseOf<V>,
  ): Promise<InvokeResult<ResponseOf<V>>> {
    calls.push({ verb, request: structuredClone(request) });
    const result: InvokeResult<ResponseOf<V>> = responses[verb] ?? { ok: true, data: fallback };
    return Promise.resolve(structuredClone(result));
  }

  const api: TedeeTrayApi = {
    getState: () => answer('getState', undefined, updates.full(state)),
    setKey: (request) => answer('setKey', request, null),
    clearKey: () => answer('clearKey', undefined, null),
    setBridgeToken: (request) => answer('setBridgeToken', request, null),
    clearBridgeToken: () => answer('clearBridgeToken', undefined, null),
    testBridge: () => answer('testBridge', undefined, { checks: [] }),
    selectLocks: (request) => answer('selectLocks', request, null),
    updateSettings: (request) => answer('updateSettings', request, null),
    refreshNow: () => answer('refreshNow', undefined, { at: state.refreshAllowedAt }),
    pause: (request) => answer('pause', request, null),
    resume: () => answer('resume', undefined, null),
    operateLock: (request) => answer('operateLock', request, 'started'),
    startDemo: () => answer('startDemo', undefined, null),
    openExternalHelp: (request) => answer('openExternalHelp', request, null),
    getActivity: (request) => answer('getActivity', request, { entries: [], more: false }),
    watchActivity: (request) => answer('watchActivity', request, null),
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onActivity(listener) {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
  };

  scope.__tedeeFake = {
    calls,
    emit(next) {
      state = next;
      push(updates.next(next));
    },
    emitActivity(update) {
      for (const listener of activityListeners) listener(structuredClone(update));
    },
    emitFull(next) {
      state = next;
      push(updates.full(next));
    },
    deliver(update) {
      for (const listener of listeners) listener(update);
    },
    respond(verb, result) {
      Object.assign(responses, { [verb]: result });
    },
  };
  // contextBridge exposes a frozen object; so does the fake, so the page cannot patch it.
  scope[GLOBAL_NAME] = Object.freeze(api);
}

install(globalThis as unknown as FakeGlobals);
