/**
 * What the window host saw on the page side, across every window: the test asserts there were
 * no problems, and the leak scan reads the results and console lines (never the invocations:
 * setKey's request carries the key by design).
 */
export interface WindowRecords {
  /** Page errors, console errors (CSP violations among them), dialogs, unservable requests. */
  problems: string[];
  /** Every console line the page wrote. */
  console: string[];
  invocations: { channel: string; args: unknown[] }[];
  /** What each invoke answered, as the page received it. */
  results: { channel: string; result: unknown }[];
}

export function emptyWindowRecords(): WindowRecords {
  return { problems: [], console: [], invocations: [], results: [] };
}
