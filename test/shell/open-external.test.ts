import { describe, expect, it } from 'vitest';
import { HELP_URLS } from '../../main/app/tedee-tray-app.ts';
import { createExternalOpener } from '../../main/shell/open-external.ts';

describe('opening links in the browser', () => {
  it('opens only https URLs on the allowlist', () => {
    const opened: string[] = [];
    const warnings: string[] = [];
    const open = createExternalOpener(
      { openExternal: async (url: string) => void opened.push(url) },
      Object.values(HELP_URLS),
      { info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
    );
    open('https://portal.tedee.com/personal-access-keys');
    open('https://portal.tedee.com/personal-access-keys/../../evil');
    open('file:///etc/passwd');
    open('https://evil.example/');
    expect(opened).toEqual(['https://portal.tedee.com/personal-access-keys']);
    expect(warnings).toHaveLength(3);
  });

  it('refuses an allowlisted entry that is not https', () => {
    const opened: string[] = [];
    const open = createExternalOpener(
      { openExternal: async (url: string) => void opened.push(url) },
      ['http://example.com/'],
      {
        info: () => {},
        warn: () => {},
        error: () => {},
      },
    );
    open('http://example.com/');
    expect(opened).toEqual([]);
  });
});
