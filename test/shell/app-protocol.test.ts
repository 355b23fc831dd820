import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fileForUrl,
  isAppUrl,
  registerAppScheme,
  serveRenderer,
} from '../../main/shell/app-protocol.ts';

const root = path.resolve('/opt/tedee-tray/renderer');

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** The app:// handler serveRenderer registers, and the file URLs it had net.fetch read. */
function servedFrom(rendererDir: string): { handler: ProtocolHandler; fetched: string[] } {
  let registered: ProtocolHandler | undefined;
  const fetched: string[] = [];
  serveRenderer(
    { handle: (_scheme, handler) => void (registered = handler) },
    { fetch: async (url: string) => (fetched.push(url), new Response('ok')) },
    rendererDir,
  );
  if (!registered) throw new Error('serveRenderer registered no handler');
  return { handler: registered, fetched };
}

describe('the app:// protocol', () => {
  it('serves files inside the renderer folder', () => {
    expect(fileForUrl('app://tedee-tray/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(fileForUrl('app://tedee-tray/assets/app.js', root)).toBe(
      path.join(root, 'assets/app.js'),
    );
  });

  it('dot segments are resolved by the URL parser and stay inside the folder', () => {
    expect(fileForUrl('app://tedee-tray/../secrets.txt', root)).toBe(
      path.join(root, 'secrets.txt'),
    );
    expect(fileForUrl('app://tedee-tray/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      path.join(root, 'etc/passwd'),
    );
  });

  it('never answers with a file outside the folder, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('..', '.', '%2e%2e', '..%2f', '%2f', 'a', '%5c..', '\\..'), {
          maxLength: 8,
        }),
        (parts) => {
          const file = fileForUrl(`app://tedee-tray/${parts.join('/')}`, root);
          expect(file === null || file.startsWith(`${root}${path.sep}`)).toBe(true);
        },
      ),
    );
  });

  it.each([
    'app://tedee-tray/..%2f..%2fetc%2fpasswd',
    'app://tedee-tray/',
    'app://other-host/index.html',
    'https://tedee-tray/index.html',
    'file:///etc/passwd',
    'app://tedee-tray/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(fileForUrl(url, root)).toBeNull();
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://tedee-tray/index.html')).toBe(true);
    expect(isAppUrl('app://tedee-tray.example/index.html')).toBe(false);
    expect(isAppUrl('https://tedee-tray/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('registers the scheme as standard and secure, and answers 404 outside the folder', async () => {
    const registered: unknown[] = [];
    registerAppScheme({
      registerSchemesAsPrivileged: (schemes) => void registered.push(...schemes),
    });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);

    const { handler, fetched } = servedFrom(root);
    expect((await handler(new Request('app://tedee-tray/..%2f..%2fx'))).status).toBe(404);
    expect((await handler(new Request('app://tedee-tray/index.html'))).status).toBe(200);
    expect(fetched).toEqual([`file://${path.join(root, 'index.html')}`]);
  });

  it('reads from inside app.asar in a packaged app, through net.fetch (no page itself is on file://)', async () => {
    // The grantFileProtocolExtraPrivileges fuse is off in packaged builds: file:// pages lose
    // their extra privileges, which main's net.fetch of a file inside the archive does not need.
    const packaged = path.join(
      path.sep,
      'opt',
      'Tedee Tray',
      'resources',
      'app.asar',
      'dist',
      'renderer',
    );
    const { handler, fetched } = servedFrom(packaged);
    await handler(new Request('app://tedee-tray/app.js'));
    expect(fetched).toEqual([pathToFileURL(path.join(packaged, 'app.js')).href]);
    expect(fetched[0]).toContain('/resources/app.asar/dist/renderer/app.js');
  });
});
