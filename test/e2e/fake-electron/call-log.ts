/**
 * Every call main makes into the fake Electron, in order. Tests read it to see what main
 * did (a tray image set, a notification shown, a state sent), and the leak scan reads all of
 * it, so a recorder that forgot to record would hide a leak: record arguments as given.
 */
export interface RecordedCall {
  /** e.g. 'Tray.setToolTip', 'webContents.send' */
  api: string;
  args: unknown[];
  /** Whether app 'ready' had happened: some Electron APIs may only be used before or after it. */
  afterReady: boolean;
}

export class CallLog {
  readonly calls: RecordedCall[] = [];
  #afterReady = false;

  markReady(): void {
    this.#afterReady = true;
  }

  record(api: string, ...args: unknown[]): void {
    this.calls.push({ api, args, afterReady: this.#afterReady });
  }

  named(api: string): RecordedCall[] {
    return this.calls.filter((call) => call.api === api);
  }
}
