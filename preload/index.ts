/**
 * The preload: the only bridge between the window and the main process. It exposes narrow
 * verbs on one object (window.tedeeTray) and never ipcRenderer, channel names or the IPC
 * event, whose `sender` would hand the page an ipcRenderer. Bundled into one CommonJS file
 * because a sandboxed preload cannot load modules of its own.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { ACTIVITY_CHANNEL, API_GLOBAL, invokeChannel, UPDATE_CHANNEL, VERBS } from './contract.ts';
import type { ActivityUpdate, TedeeTrayApi, Verb, WindowUpdate } from './contract.ts';

const invoke = (verb: Verb) => (request?: unknown) =>
  ipcRenderer.invoke(invokeChannel(verb), request);

const api = {
  // Every verb has the same shape on the wire; TedeeTrayApi gives each its precise type.
  ...(Object.fromEntries(VERBS.map((verb) => [verb, invoke(verb)])) as Omit<
    TedeeTrayApi,
    'onUpdate' | 'onActivity'
  >),
  onUpdate(listener: (update: WindowUpdate) => void): () => void {
    const forward = (_event: IpcRendererEvent, update: WindowUpdate) => listener(update);
    ipcRenderer.on(UPDATE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(UPDATE_CHANNEL, forward);
    };
  },
  onActivity(listener: (update: ActivityUpdate) => void): () => void {
    const forward = (_event: IpcRendererEvent, update: ActivityUpdate) => listener(update);
    ipcRenderer.on(ACTIVITY_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(ACTIVITY_CHANNEL, forward);
    };
  },
} satisfies TedeeTrayApi;

contextBridge.exposeInMainWorld(API_GLOBAL, api);
