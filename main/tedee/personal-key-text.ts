/**
 * What a Personal Access Key may contain. The key travels in the Authorization header, and
 * fetch refuses a header with a control character or a character beyond Latin-1 before
 * anything is sent: unchecked, such a key failed later as a misleading "cannot reach Tedee".
 * Copying from a web page, a mail or a chat adds exactly such characters (a line break, a
 * zero-width space, an ellipsis where the copy was shortened), so they are refused up front.
 * The answer describes the problem, never the key or the character's position in it.
 */

/** Ordered from the most to the least specific: the first that matches is the one reported. */
const PROBLEMS: ReadonlyArray<readonly [RegExp, string]> = [
  // C0, DEL and C1: line breaks and tabs from a copy, NUL, escape sequences.
  [/\p{Cc}/u, 'contains a control character (such as a line break or a tab)'],
  // Zero-width spaces and joiners, byte-order marks, direction marks, line and paragraph separators.
  [
    /[\p{Cf}\p{Zl}\p{Zp}]/u,
    'contains an invisible character (such as a zero-width space or a line separator)',
  ],
  // Tedee keys have none; a space inside means two things were pasted together.
  [/\s/u, 'contains a space'],
  // Beyond Latin-1 a header value cannot even be encoded (fetch throws "not a ByteString").
  [
    /[\u0100-\u{10FFFF}]/u,
    'contains a character a Tedee key never has (such as "…" from a shortened copy)',
  ],
];

/** Why `key` cannot be a Personal Access Key ("contains …"), or null when it can be sent. */
export function personalKeyProblem(key: string): string | null {
  for (const [pattern, problem] of PROBLEMS) if (pattern.test(key)) return problem;
  return null;
}
