/**
 * Labelled form controls with an error slot each, so every field in the settings panel is
 * reachable, named and able to say what is wrong with it in the same way.
 */
import { button, h } from './dom.ts';
import type { Child } from './dom.ts';

export interface NumberField {
  row: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
}

export function numberField(
  id: string,
  label: string,
  unit: string,
  range: { min: number; max: number },
  hint?: Child,
): NumberField {
  const input = h('input', {
    id,
    type: 'number',
    inputmode: 'numeric',
    min: range.min,
    max: range.max,
    step: 1,
    class: 'number-input',
  });
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const row = h(
    'div',
    { class: 'field field-number' },
    h('label', { for: id }, label),
    h(
      'div',
      { class: 'number-with-unit' },
      input,
      h('span', { class: 'unit', 'aria-hidden': 'true' }, unit),
    ),
    hint ?? null,
    error,
  );
  return { row, input, error };
}

/** A checkbox drawn as a switch; role="switch" makes screen readers say "on/off". */
export function switchControl(
  id: string,
  label: string,
  after?: Child,
): { row: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { id, type: 'checkbox', role: 'switch', class: 'switch' });
  return {
    row: h('div', { class: 'switch-row' }, input, h('label', { for: id }, label), after ?? null),
    input,
  };
}

/** A short number field at the end of a switch row ("… after [10] min", "… at [20] %"). */
export function inlineNumber(
  id: string,
  accessibleName: string,
  words: { before: string; unit: string },
  range: { min: number; max: number },
): NumberField {
  const input = h('input', {
    id,
    type: 'number',
    inputmode: 'numeric',
    min: range.min,
    max: range.max,
    step: 1,
    class: 'number-input number-small',
    'aria-label': accessibleName,
  });
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const row = h(
    'span',
    { class: 'inline-number' },
    h('span', { 'aria-hidden': 'true' }, words.before),
    input,
    h('span', { class: 'inline-unit', 'aria-hidden': 'true' }, words.unit),
  );
  return { row, input, error };
}

export interface SaveActions {
  save: HTMLButtonElement;
  undo: HTMLButtonElement;
  /** What saving answered, said to screen readers. */
  result: HTMLElement;
}

/** A settings form's Save, Undo and result line; `id` prefixes their ids (`settings-save`). */
export function saveActions(id: string, saveLabel: string, reset: () => void): SaveActions {
  const save = h('button', { type: 'submit', class: 'primary', id: `${id}-save` }, saveLabel);
  // Undo hides itself (nothing left to undo), so focus moves on to Save rather than being lost.
  const undo = button(
    'Undo changes',
    () => {
      reset();
      save.focus();
    },
    { class: 'quiet', id: `${id}-undo` },
  );
  const result = h('p', { class: 'form-result', id: `${id}-result`, role: 'status' });
  return { save, undo, result };
}
