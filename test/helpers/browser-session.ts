/**
 * A browser's part in a sign-in, with fetch: a cookie jar (name, value, path; what a server clears
 * is dropped) and redirects followed by hand, so that each hop can be looked at.
 */
export type Hop = { url: string; response: Response; body: string };

export class BrowserSession {
  readonly cookies = new Map<string, { value: string; path: string }>();

  async request(url: string, init: RequestInit = {}): Promise<Hop> {
    const target = new URL(url);
    const cookie = [...this.cookies.entries()]
      .filter(([, { path }]) => target.pathname === path || target.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(([name, { value }]) => `${name}=${value}`)
      .join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) } });
    for (const header of response.headers.getSetCookie()) this.remember(header);
    return { url, response, body: await response.text() };
  }

  /** Follows redirects from `url` while `keepGoing` says so; returns every hop. */
  async follow(url: string, init: RequestInit = {}, keepGoing: (location: string) => boolean = () => true): Promise<Hop[]> {
    const hops = [await this.request(url, init)];
    for (let count = 0; count < 10; count += 1) {
      const last = hops.at(-1)!;
      const location = last.response.headers.get('location');
      if (last.response.status < 300 || last.response.status >= 400 || !location) break;
      const next = new URL(location, last.url).href;
      if (!keepGoing(next)) break;
      hops.push(await this.request(next));
    }
    return hops;
  }

  private remember(header: string): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair!.indexOf('=');
    const name = pair!.slice(0, separator);
    const value = pair!.slice(separator + 1);
    const attribute = (key: string) => attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const maxAge = attribute('max-age');
    const expires = attribute('expires');
    const cleared = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (cleared) this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attribute('path') ?? '/' });
  }
}

/** The Set-Cookie header a response gave a cookie, for checking its attributes. */
export function setCookieOf(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`));
}
