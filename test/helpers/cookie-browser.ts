/**
 * The part of a browser a sign-in through another site needs, over `fetch`: it keeps each
 * site's cookies (by host and port; attributes beyond Max-Age=0 are not modelled) and follows
 * redirects one by one, so a test can stop at any hop — the provider's callback to the journal,
 * say — and look at it or send it twice.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request with this browser's cookies for its site; the answer's cookies are kept. Redirects are not followed. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = this.cookieHeader(target);
    if (cookies) headers.set('cookie', cookies);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.keep(target, res);
    return res;
  }

  /** A JSON POST from `origin`'s own page (its Origin header, as a browser sends it). */
  postJson(origin: string, path: string, body: unknown): Promise<Response> {
    return this.request(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });
  }

  /**
   * Goes to `url` and follows its redirects until the next address satisfies `stop`, which is
   * returned without being requested. A page that only submits its form at once (the provider's
   * «Submitting Callback» when another person logs in over its session) is submitted, as a
   * browser's script would.
   */
  async followUntil(url: string | URL, stop: (next: URL) => boolean, maxHops = 20): Promise<URL> {
    let next = new URL(url);
    let init: RequestInit = {};
    for (let hop = 0; hop < maxHops; hop++) {
      if (stop(next)) return next;
      const res = await this.request(next, init);
      init = {};
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, next);
        continue;
      }
      const page = await res.text();
      const form = res.status === 200 ? autoSubmittedForm(page) : null;
      if (!form) throw new Error(`${next.href} answered ${res.status} without a redirect: ${page.slice(0, 300)}`);
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: next.origin }, body: form.body };
      next = new URL(form.action, next);
    }
    throw new Error(`more than ${maxHops} redirects from ${String(url)}`);
  }

  /** The value of a cookie this browser holds for `origin`'s site. */
  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).host)?.get(name);
  }

  /** Puts a cookie into this browser, as another tab of the same browser would leave it. */
  setCookie(origin: string, name: string, value: string): void {
    const host = new URL(origin).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const site = this.jar.get(url.host) ?? new Map<string, string>();
      this.jar.set(url.host, site);
      if (attributes.some((a) => /^max-age=0$/i.test(a)) || value === '') site.delete(name);
      else site.set(name, value);
    }
  }
}

/** The form of a page whose script submits it on load: where to, and its fields. */
function autoSubmittedForm(page: string): { action: string; body: URLSearchParams } | null {
  if (!/document\.forms\[0\]\.submit\(\)/.test(page)) return null;
  const action = /<form[^>]*action="([^"]*)"/i.exec(page)?.[1];
  if (!action) return null;
  const body = new URLSearchParams();
  for (const input of page.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) body.set(name, unescapeHtml(/value="([^"]*)"/.exec(input[0])?.[1] ?? ''));
  }
  return { action: unescapeHtml(action), body };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
