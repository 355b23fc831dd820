import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { createConfirmDialog } from '../../main/shell/confirm-dialog.ts';

/** dialog.showMessageBox as Electron documents it: resolves with the index of the button chosen. */
function fakeDialog(choose: (options: MessageBoxOptions) => number) {
  const shown: MessageBoxOptions[] = [];
  return {
    shown,
    dialog: {
      showMessageBox: async (options: MessageBoxOptions): Promise<MessageBoxReturnValue> => {
        shown.push(options);
        return { response: choose(options), checkboxChecked: false };
      },
    } as never,
  };
}

const question = {
  message: 'Unlock Front door?',
  detail: 'The door will open for anyone there.',
  confirmLabel: 'Unlock',
};

describe('the confirmation dialog', () => {
  it('names the lock, and says yes only when "Unlock" is chosen', async () => {
    const { dialog, shown } = fakeDialog((options) => options.buttons!.indexOf('Unlock'));
    expect(await createConfirmDialog(dialog).confirm(question)).toBe(true);
    expect(shown[0]).toMatchObject({
      message: 'Unlock Front door?',
      detail: 'The door will open for anyone there.',
      buttons: ['Unlock', 'Cancel'],
      type: 'warning',
    });
  });

  it('Enter (the default button) and Escape or closing (the cancel button) never unlock', async () => {
    const enter = fakeDialog((options) => options.defaultId!);
    expect(await createConfirmDialog(enter.dialog).confirm(question)).toBe(false);
    const escape = fakeDialog((options) => options.cancelId!);
    expect(await createConfirmDialog(escape.dialog).confirm(question)).toBe(false);
    expect(enter.shown[0]?.buttons?.[enter.shown[0].defaultId!]).toBe('Cancel');
  });
});
