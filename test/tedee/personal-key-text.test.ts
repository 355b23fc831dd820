/**
 * Which keys can travel in the Authorization header. Each refused character is one that
 * fetch would refuse (or one that cannot be in a key copied whole), named in the user's words.
 */
import { describe, expect, it } from 'vitest';
import { personalKeyProblem } from '../../main/tedee/personal-key-text.ts';

const KEY = 'k3y9zq.UGVyc29uYWxBY2Nlc3NLZXlGb3JUZXN0cw==';

describe('personalKeyProblem', () => {
  it('accepts a key as Tedee issues it', () => {
    expect(personalKeyProblem(KEY)).toBeNull();
    expect(personalKeyProblem('abcdef.a+b/c=d_e-f~!')).toBeNull();
  });

  it.each([
    ['a NUL (C0)', '\u0000'],
    ['a line feed (C0)', '\n'],
    ['a tab (C0)', '\t'],
    ['an escape (C0)', '\u001B'],
    ['DEL', '\u007F'],
    ['a next-line (C1)', '\u0085'],
    ['a C1 control', '\u009B'],
  ])('refuses %s as a control character', (_label, character) => {
    expect(personalKeyProblem(`${KEY.slice(0, 10)}${character}${KEY.slice(10)}`)).toBe(
      'contains a control character (such as a line break or a tab)',
    );
  });

  it.each([
    ['a zero-width space', '\u200B'],
    ['a zero-width joiner', '\u200D'],
    ['a byte-order mark', '\uFEFF'],
    ['a left-to-right mark', '\u200E'],
    ['a soft hyphen', '\u00AD'],
    ['a line separator', '\u2028'],
    ['a paragraph separator', '\u2029'],
  ])('refuses %s as an invisible character', (_label, character) => {
    expect(personalKeyProblem(`${KEY.slice(0, 10)}${character}${KEY.slice(10)}`)).toMatch(
      /^contains an invisible character/,
    );
  });

  it('refuses a space or a no-break space inside the key', () => {
    expect(personalKeyProblem('abc def')).toBe('contains a space');
    expect(personalKeyProblem('abc\u00A0def')).toBe('contains a space');
  });

  it('refuses what cannot be a header value at all: an ellipsis, a letter beyond Latin-1', () => {
    for (const key of [`${KEY}\u2026`, 'k3y9zq.Пароль', 'k3y9zq.🔑']) {
      expect(personalKeyProblem(key), key).toMatch(/^contains a character a Tedee key never has/);
    }
  });

  it('never repeats the key or the character in its answer', () => {
    const secret = 'k3y9zq.s3cr3t\u200Bvalue';
    const problem = personalKeyProblem(secret) ?? '';
    expect(problem).not.toContain('s3cr3t');
    expect(problem).not.toContain('\u200B');
  });
});
