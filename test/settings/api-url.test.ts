import { describe, expect, it } from 'vitest';
import { isAllowedApiUrl } from '../../main/settings/app-settings.ts';

describe('isAllowedApiUrl: where the key may be sent', () => {
  it('allows https anywhere', () => {
    expect(isAllowedApiUrl('https://api.tedee.com')).toBe(true);
    expect(isAllowedApiUrl('https://tedee-proxy.example.org:8443/base')).toBe(true);
  });

  it('allows plain http only to this machine', () => {
    expect(isAllowedApiUrl('http://127.0.0.1:8123')).toBe(true);
    expect(isAllowedApiUrl('http://localhost:8123')).toBe(true);
    expect(isAllowedApiUrl('http://[::1]:8123')).toBe(true);
    expect(isAllowedApiUrl('http://192.168.1.20')).toBe(false);
    expect(isAllowedApiUrl('http://api.tedee.com')).toBe(false);
  });

  it('refuses other schemes, credentials, a query or a fragment', () => {
    expect(isAllowedApiUrl('ftp://api.tedee.com')).toBe(false);
    expect(isAllowedApiUrl('https://user:secret@api.tedee.com')).toBe(false);
    expect(isAllowedApiUrl('https://user@api.tedee.com')).toBe(false);
    expect(isAllowedApiUrl('https://:secret@api.tedee.com')).toBe(false);
    expect(isAllowedApiUrl('https://api.tedee.com/?key=1')).toBe(false);
    expect(isAllowedApiUrl('https://api.tedee.com/#top')).toBe(false);
  });

  it('refuses what is not a URL at all, without throwing', () => {
    expect(isAllowedApiUrl('api.tedee.com')).toBe(false);
    expect(isAllowedApiUrl('')).toBe(false);
  });
});
