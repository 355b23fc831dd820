/**
 * The rules for the address of the Tedee cloud API that the app and the CLI share: plain http
 * only to this computer, and the origin a Personal Access Key is bound to. Pure (no Node): the
 * settings schema that uses it is bundled into the window.
 */

/**
 * `localhost`, 127.0.0.0/8 and [::1]: what the simulator and a local debugging proxy listen on.
 * `hostname` as the WHATWG URL parser gives it, which has already turned `127.1`, `0x7f.0.0.1`
 * and `[0:0::1]` into their canonical forms, so those cannot slip past the comparison.
 */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** Plain http leaves the machine unencrypted: allowed only where it never leaves the machine. */
export function isAllowedApiProtocol(url: URL): boolean {
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname))
  );
}

/**
 * Scheme, host and port of an API address (`https://api.tedee.com`): what a stored key is
 * given for. A path prefix is not part of it: the same server behind another path is the same
 * party, and browsers draw the line at the origin too.
 */
export function originOf(apiUrl: string): string {
  return new URL(apiUrl).origin;
}
