/**
 * An invoke's error next to the control that caused it. role="alert" makes screen readers
 * say it at once; it is only ever created in answer to the user's own action.
 */
import { h } from './dom.ts';

export function inlineError(message: string | undefined, id?: string): HTMLElement | null {
  if (message === undefined) return null;
  return h('p', { class: 'inline-error', role: 'alert', id }, message);
}
