import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_OUTCOMES } from '../../model/access/oidc-outcomes.ts';
import { OIDC_DEFAULT_NAME } from '../../sync-server/auth/oidc-config.ts';
import { FLOW_COOKIE } from '../../sync-server/auth/oidc-flow.ts';
import { SESSION_COOKIE } from '../../sync-server/auth/sessions.ts';
import { createLogger } from '../../sync-server/log.ts';
import { CookieBrowser } from '../helpers/cookie-browser.ts';
import { listenTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const OTHER_CALLBACK = 'http://127.0.0.1:9/other/callback';

/**
 * Sign-in with the region's identity provider (AUTH-28…AUTH-30) over real HTTP: a journal server
 * configured with a real local provider (`oidc-provider`), driven by a cookie-keeping client.
 */
describe('sign-in through the region’s identity provider', () => {
  let provider: TestProvider;
  let server: TestServer;
  /** What the server told its error log (OPS-3: JSON lines): why a callback was refused. */
  const logged: string[] = [];
  const logger = createLogger({ level: 'error', destination: { write: (line: string) => void logged.push(line) } });
  // The error's message carries its causes' (pino's serializer), its stack the causes' stacks.
  const loggedAbout = (text: string) =>
    logged.some((line) => {
      const err = (JSON.parse(line) as { err?: { message?: string; stack?: string } }).err;
      return [err?.message, err?.stack].some((x) => x?.includes(text));
    });

  beforeAll(async () => {
    provider = await listenTestProvider();
    server = await startTestServer({
      oidc: { issuer: provider.issuer, clientId: 'journal', clientSecret: 'journal-secret', name: OIDC_DEFAULT_NAME },
      logger,
    });
    provider.register([
      { client_id: 'journal', client_secret: 'journal-secret', redirect_uris: [`${server.origin}/api/auth/oidc/callback`] },
      { client_id: 'other-client', client_secret: 'other-secret', redirect_uris: [OTHER_CALLBACK] },
    ]);
  });

  afterAll(async () => {
    await server?.dispose();
    await provider?.close();
  });

  const isCallback = (u: URL) => u.origin === server.origin && u.pathname === '/api/auth/oidc/callback';

  /** Starts a flow in `browser` and goes through the provider as `subject`, up to (not into) the journal's callback. */
  async function toCallback(browser: CookieBrowser, purpose: 'sign-in' | 'link', subject: string | null): Promise<URL> {
    const start = await browser.postJson(server.origin, '/api/auth/oidc/start', { purpose });
    expect(start.status).toBe(200);
    provider.signInAs(subject);
    return browser.followUntil(((await start.json()) as { url: string }).url, isCallback);
  }

  /** A browser signed in by password as `login`, whose identity at the provider `subject` is then linked. */
  async function linked(login: string, subject: string): Promise<CookieBrowser> {
    const browser = new CookieBrowser();
    expect((await browser.postJson(server.origin, '/api/auth/login', { login, password: 'demo' })).status).toBe(200);
    const done = await browser.request(await toCallback(browser, 'link', subject));
    expect(done.headers.get('location')).toBe('/?oidc=linked');
    return browser;
  }

  /** A fresh browser's sign-in through the provider as `subject`: where the callback sent it and who /api/me says it is. */
  async function signIn(subject: string | null) {
    const browser = new CookieBrowser();
    const res = await browser.request(await toCallback(browser, 'sign-in', subject));
    const me = await browser.request(`${server.origin}/api/me`);
    const login = me.status === 200 ? ((await me.json()) as { user: { login: string } }).user.login : null;
    return { location: res.headers.get('location'), setCookie: res.headers.getSetCookie(), login, browser };
  }

  const lastEntry = async (kind: string) => (await server.storage.listAccessLog({ kind, limit: 1 }))[0];

  it('AUTH-28, AUTH-29: a teacher links their identity; signing in through the provider then opens a session of that teacher like a password does', async () => {
    const browser = new CookieBrowser();
    await browser.postJson(server.origin, '/api/auth/login', { login: 'teacher', password: 'demo' });
    expect(await (await browser.request(`${server.origin}/api/auth/oidc`)).json()).toEqual({ name: OIDC_DEFAULT_NAME, linked: null });

    const start = await browser.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'link' });
    const authorize = new URL(((await start.json()) as { url: string }).url);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.origin}/api/auth/oidc/callback`);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    // Linking authenticates the person anew: a colleague's session at the provider is not bound unseen.
    expect(authorize.searchParams.get('prompt')).toBe('login');
    expect(start.headers.getSetCookie()[0]).toMatch(
      new RegExp(`^${FLOW_COOKIE}=[a-z2-7]{32}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=600$`),
    );

    provider.signInAs('person-teacher');
    const linkedAnswer = await browser.request(await browser.followUntil(authorize, isCallback));
    expect(linkedAnswer.status).toBe(302);
    expect(linkedAnswer.headers.get('location')).toBe('/?oidc=linked');
    const info = (await (await browser.request(`${server.origin}/api/auth/oidc`)).json()) as { linked: { linkedAt: number } };
    expect(info.linked.linkedAt).toBeGreaterThan(server.clock.now() - 60_000);
    expect(info.linked.linkedAt).toBeLessThanOrEqual(server.clock.now());
    expect(await lastEntry('identity-link')).toMatchObject({ login: 'teacher', object: `${provider.issuer} sub=person-teacher` });

    const signedIn = await signIn('person-teacher');
    expect(signedIn.location).toBe('/');
    expect(signedIn.login).toBe('teacher');
    const session = signedIn.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/; HttpOnly; Secure; SameSite=Lax; Path=\/; Max-Age=2592000$/);
    expect(await lastEntry('sign-in')).toMatchObject({ login: 'teacher', object: 'региональная учётная запись' });
    // Passwords keep working.
    expect(await server.login('teacher')).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('AUTH-29: an identity linked to nobody is refused with the message, no session, and a failed sign-in in the access log', async () => {
    const refused = await signIn('stranger');
    expect(refused.location).toBe('/?oidc=unknown');
    expect(OIDC_OUTCOMES.unknown).toContain('не связана ни с одним пользователем журнала. Войдите по паролю и привяжите её в профиле.');
    expect(refused.setCookie.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect(refused.login).toBeNull();
    expect(await lastEntry('sign-in-failed')).toMatchObject({ userId: null, object: expect.stringContaining('sub=stranger') });
  });

  it('AUTH-30: a callback used once is refused the second time, and its state does not fit another flow', async () => {
    await linked('classteacher', 'person-class');
    const browser = new CookieBrowser();
    const callback = await toCallback(browser, 'sign-in', 'person-class');
    const flowKey = browser.cookie(server.origin, FLOW_COOKIE)!;
    expect((await browser.request(callback)).headers.get('location')).toBe('/');
    // The answer clears the flow's cookie along with setting the session's.
    expect(browser.cookie(server.origin, FLOW_COOKIE)).toBeUndefined();
    expect(browser.cookie(server.origin, SESSION_COOKIE)).toMatch(/^[a-z2-7]{32}$/);

    // Replayed with the very flow cookie it came with: the flow is spent.
    const replay = new CookieBrowser();
    replay.setCookie(server.origin, FLOW_COOKIE, flowKey);
    const again = await replay.request(callback);
    expect(again.headers.get('location')).toBe('/?oidc=expired');
    expect(again.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);

    // Replayed into a flow of its own: its state is not that flow's.
    const other = new CookieBrowser();
    await other.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'sign-in' });
    const mixed = await other.request(callback);
    expect(mixed.headers.get('location')).toBe('/?oidc=invalid');
    expect(loggedAbout('"state"')).toBe(true);
    expect(mixed.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect((await other.request(`${server.origin}/api/me`)).status).toBe(401);
  });

  it('AUTH-29: an ID token the provider issued to another client (another audience) is refused', async () => {
    await linked('deputy', 'person-deputy');
    const browser = new CookieBrowser();
    const start = await browser.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'sign-in' });
    const authorize = new URL(((await start.json()) as { url: string }).url);
    const nonce = authorize.searchParams.get('nonce')!;

    // A real token of the same person and nonce, signed by the provider, but for `other-client`.
    const other = await client.discovery(new URL(provider.issuer), 'other-client', undefined, client.ClientSecretBasic('other-secret'), {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const otherUrl = client.buildAuthorizationUrl(other, {
      redirect_uri: OTHER_CALLBACK,
      scope: 'openid',
      nonce,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    provider.signInAs('person-deputy');
    const otherCallback = await new CookieBrowser().followUntil(otherUrl, (u) => u.href.startsWith(OTHER_CALLBACK));
    const otherTokens = await client.authorizationCodeGrant(other, otherCallback, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
    });
    expect(otherTokens.claims()).toMatchObject({ aud: 'other-client', sub: 'person-deputy', nonce });

    provider.replaceNextIdToken(otherTokens.id_token!);
    const res = await browser.request(await browser.followUntil(authorize, isCallback));
    expect(res.headers.get('location')).toBe('/?oidc=invalid');
    expect(loggedAbout('"aud" (audience)')).toBe(true);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect((await browser.request(`${server.origin}/api/me`)).status).toBe(401);
    // Without the swap the same person signs in: it was the audience that was refused.
    expect((await signIn('person-deputy')).login).toBe('deputy');
  });

  it('AUTH-29: an ID token not signed with the provider’s key, expired, or of another nonce is refused', async () => {
    await linked('russian', 'person-russian');
    /** A sign-in whose token response carries `forged` (made from the flow's nonce) instead of the provider's token. */
    const withToken = async (forged: (nonce: string) => string) => {
      const browser = new CookieBrowser();
      const start = await browser.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'sign-in' });
      const authorize = new URL(((await start.json()) as { url: string }).url);
      provider.signInAs('person-russian');
      provider.replaceNextIdToken(forged(authorize.searchParams.get('nonce')!));
      const res = await browser.request(await browser.followUntil(authorize, isCallback));
      return { location: res.headers.get('location'), me: (await browser.request(`${server.origin}/api/me`)).status };
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = (nonce: string) => ({ iss: provider.issuer, aud: 'journal', sub: 'person-russian', nonce, iat: now, exp: now + 600 });

    // The same claims signed by the provider's key are accepted: only what each case changes is refused.
    expect(await withToken((nonce) => provider.signIdToken(claims(nonce), 'provider'))).toEqual({ location: '/', me: 200 });
    expect(await withToken((nonce) => provider.signIdToken(claims(nonce), 'stranger'))).toEqual({ location: '/?oidc=invalid', me: 401 });
    expect(loggedAbout('signature verification failed')).toBe(true);
    const expired = (nonce: string) => ({ ...claims(nonce), iat: now - 7200, exp: now - 3600 });
    expect(await withToken((nonce) => provider.signIdToken(expired(nonce), 'provider'))).toEqual({ location: '/?oidc=invalid', me: 401 });
    expect(loggedAbout('"exp"')).toBe(true);
    const otherNonce = () => claims('not-the-flows-nonce');
    expect(await withToken(() => provider.signIdToken(otherNonce(), 'provider'))).toEqual({ location: '/?oidc=invalid', me: 401 });
    expect(loggedAbout('"nonce"')).toBe(true);
  });

  it('AUTH-28: one identity links to one account; unlinked, it signs in nobody', async () => {
    const owner = await linked('history', 'person-shared');
    const other = new CookieBrowser();
    await other.postJson(server.origin, '/api/auth/login', { login: 'english1', password: 'demo' });
    expect((await other.request(await toCallback(other, 'link', 'person-shared'))).headers.get('location')).toBe('/?oidc=taken');
    // The account already has an identity of this provider: another one is refused until it is unlinked.
    expect((await owner.request(await toCallback(owner, 'link', 'person-else'))).headers.get('location')).toBe('/?oidc=has-one');

    const unlink = await owner.postJson(server.origin, '/api/auth/oidc/unlink', {});
    expect(await unlink.json()).toEqual({ name: OIDC_DEFAULT_NAME, linked: null });
    expect(await lastEntry('identity-unlink')).toMatchObject({ login: 'history', object: `${provider.issuer} sub=person-shared` });
    expect((await signIn('person-shared')).location).toBe('/?oidc=unknown');
  });

  it('AUTH-28: linking needs a session and the same user at the callback; a person refusing at the provider is told so', async () => {
    const anonymous = new CookieBrowser();
    expect((await anonymous.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'link' })).status).toBe(401);
    expect((await anonymous.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'other' })).status).toBe(400);
    expect(await (await anonymous.request(`${server.origin}/api/auth/oidc`)).json()).toEqual({ name: OIDC_DEFAULT_NAME });
    // AUTH-3: a page of another site cannot start a flow.
    const foreign = await anonymous.request(`${server.origin}/api/auth/oidc/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ purpose: 'sign-in' }),
    });
    expect(foreign.status).toBe(403);

    // Signed out between the start and the callback: nothing is linked.
    const browser = new CookieBrowser();
    await browser.postJson(server.origin, '/api/auth/login', { login: 'english2', password: 'demo' });
    const callback = await toCallback(browser, 'link', 'person-english2');
    await browser.postJson(server.origin, '/api/auth/logout', {});
    expect((await browser.request(callback)).headers.get('location')).toBe('/?oidc=signed-out');
    expect((await signIn('person-english2')).location).toBe('/?oidc=unknown');

    expect((await signIn(null)).location).toBe('/?oidc=refused');
  });

  it('AUTH-31: the administrator sees who is linked and unlinks an account, which is then signed out everywhere', async () => {
    const teacher = await linked('arts', 'person-arts');
    const viaProvider = await signIn('person-arts');
    expect(viaProvider.login).toBe('arts');
    const arts = (await server.storage.findUserByLogin('arts'))!;
    const admin = new CookieBrowser();
    expect((await admin.postJson(server.origin, '/api/auth/login', { login: 'admin', password: 'demo' })).status).toBe(200);

    const list = (await (await admin.request(`${server.origin}/api/admin/oidc`)).json()) as {
      name: string;
      linked: Array<{ userId: string }>;
    };
    expect(list.name).toBe(OIDC_DEFAULT_NAME);
    expect(list.linked).toContainEqual({ userId: arts.id, linkedAt: expect.any(Number) });
    // Only the administrator: the teacher may neither read it nor unlink anyone.
    expect((await teacher.request(`${server.origin}/api/admin/oidc`)).status).toBe(403);
    expect((await teacher.postJson(server.origin, `/api/admin/users/${arts.id}/oidc-unlink`, {})).status).toBe(403);

    const unlink = await admin.postJson(server.origin, `/api/admin/users/${arts.id}/oidc-unlink`, {});
    expect(await unlink.json()).toEqual({ userId: arts.id, linked: null });
    expect(await lastEntry('identity-unlink')).toMatchObject({ login: 'admin', object: `arts: ${provider.issuer} sub=person-arts` });
    const after = (await (await admin.request(`${server.origin}/api/admin/oidc`)).json()) as { linked: Array<{ userId: string }> };
    expect(after.linked.map((l) => l.userId)).not.toContain(arts.id);
    // Both sessions are gone: the one the identity opened and the password one.
    expect((await viaProvider.browser.request(`${server.origin}/api/me`)).status).toBe(401);
    expect((await teacher.request(`${server.origin}/api/me`)).status).toBe(401);
    expect((await signIn('person-arts')).location).toBe('/?oidc=unknown');
    expect((await admin.postJson(server.origin, '/api/admin/users/u-nobody/oidc-unlink', {})).status).toBe(404);
  });

  it('AUTH-29: a disabled account does not sign in through the provider', async () => {
    await linked('primary', 'person-primary');
    const user = await server.storage.findUserByLogin('primary');
    await server.storage.updateUser(user!.id, { disabled: true });
    const refused = await signIn('person-primary');
    expect(refused.location).toBe('/?oidc=disabled');
    expect(refused.login).toBeNull();
    expect(await lastEntry('sign-in-failed')).toMatchObject({ login: 'primary', object: expect.stringContaining('отключена') });
  });
});

describe('without OIDC_* configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('AUTH-28: the provider’s routes are the API’s 404 (the sign-in page then shows no button)', async () => {
    const browser = new CookieBrowser();
    expect((await browser.request(`${server.origin}/api/auth/oidc`)).status).toBe(404);
    expect((await browser.postJson(server.origin, '/api/auth/oidc/start', { purpose: 'sign-in' })).status).toBe(404);
    expect((await browser.request(`${server.origin}/api/auth/oidc/callback?code=x&state=y`)).status).toBe(404);
  });
});
