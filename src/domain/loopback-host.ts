/**
 * Whether a URL's host is this machine's loopback interface. Plain http is allowed only there (an
 * identity provider during development, the demo's own provider): anywhere else, a token or a
 * code sent in clear can be read on the way.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
