/**
 * The app's identity where the operating system needs it. APP_ID must equal electron-builder's
 * appId: Windows shows notifications only for an AppUserModelId that an installed shortcut
 * carries, and the installer writes the appId there.
 */
export const APP_ID = 'io.github.tedee-tray';
export const APP_NAME = 'Tedee Tray';
