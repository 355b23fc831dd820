/**
 * The native "Unlock Front door?" dialog, raised by the main process: the window can ask for an
 * unlock, but only the user's click on this dialog lets one through.
 *
 * Cancel is the default button and the Escape answer (defaultId, cancelId): Enter or a closed
 * dialog never unlocks. noLink keeps Windows from turning "Unlock" into a command link.
 */
import type { Dialog, MessageBoxOptions } from 'electron';
import type { ConfirmPort } from '../app/ports.ts';

const CONFIRM = 0;
const CANCEL = 1;

export function createConfirmDialog(dialog: Pick<Dialog, 'showMessageBox'>): ConfirmPort {
  return {
    async confirm({ message, detail, confirmLabel }) {
      const options: MessageBoxOptions = {
        type: 'warning',
        title: 'Tedee Tray',
        message,
        detail,
        buttons: [confirmLabel, 'Cancel'],
        defaultId: CANCEL,
        cancelId: CANCEL,
        noLink: true,
      };
      const { response } = await dialog.showMessageBox(options);
      return response === CONFIRM;
    },
  };
}
