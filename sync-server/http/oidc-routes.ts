import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { OIDC_OUTCOMES, type OidcOutcome } from '../../model/access/oidc-outcomes.ts';
import type { OidcConfig } from '../auth/oidc-config.ts';
import { clearedFlowCookie, flowCookie, flowIdFromCookieHeader, MAX_LIVE_FLOWS, newFlow } from '../auth/oidc-flow.ts';
import { classifyFailure, OidcRelyingParty, type VerifiedIdentity } from '../auth/oidc-relying-party.ts';
import { createSession, SESSION_ABSOLUTE_MS, sessionCookie } from '../auth/sessions.ts';
import type { OidcFlowRecord } from '../storage/port.ts';
import { CloseCode } from '../../model/index.ts';
import { readBody, requireAdmin, type IdentityDeps } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

/** The access log's note of how a person signed in (a password sign-in's is «пароль»). */
const METHOD = 'региональная учётная запись';

export interface OidcRouteDeps extends IdentityDeps {
  oidc: OidcConfig;
  /** Failures of the provider or of its answers, for the server's log (never the access log). */
  onError: (e: unknown) => void;
}

/**
 * Sign-in with the region's identity provider (AUTH-28…AUTH-30), mounted only when `OIDC_*` is
 * configured (without it these paths are the API's 404):
 * - `GET /auth/oidc` — the button's label, and for a signed-in user whether their account is linked;
 * - `POST /auth/oidc/start {purpose: "sign-in" | "link"}` — a flow begins: its cookie, and the
 *   provider's address for the browser to go to (a POST, so the Origin check of AUTH-3 applies);
 * - `GET /auth/oidc/callback` — where the provider sends the browser back; always answers with a
 *   redirect: to `/` signed in, or to `/?oidc={outcome}` (model/access/oidc-outcomes.ts);
 * - `POST /auth/oidc/unlink` — the signed-in user's identity of this provider is unbound;
 * - `GET /admin/oidc`, `POST /admin/users/:id/oidc-unlink` — the administrator's view (AUTH-31).
 */
export function oidcRoutes(deps: OidcRouteDeps) {
  const { storage, accessLog, now } = deps;
  const rp = new OidcRelyingParty(deps.oidc);
  const app = new Hono<AppEnv>();

  /** The identity of this provider bound to an account, if any. */
  const linkedTo = async (userId: string) => (await storage.listIdentities(userId)).find((i) => rp.isOurs(i.issuer)) ?? null;

  app.get('/auth/oidc', async (c) => {
    const auth = c.get('auth');
    if (!auth) return c.json({ name: deps.oidc.name });
    const linked = await linkedTo(auth.user.id);
    return c.json({ name: deps.oidc.name, linked: linked ? { linkedAt: linked.linkedAt } : null });
  });

  app.post('/auth/oidc/start', async (c) => {
    const { purpose } = await readBody(c);
    if (purpose !== 'sign-in' && purpose !== 'link') throw new HTTPException(400, { message: 'Некорректный запрос' });
    // AUTH-28: an identity is bound only to the account of the session that asks for it.
    const userId = purpose === 'link' ? requireAuth(c.get('auth')).user.id : null;
    // The origin the person uses (checked by originCheck): the provider sends them back there.
    const origin = c.req.header('origin') ?? new URL(c.req.url).origin;
    const { key, flow } = newFlow(purpose, userId, `${origin}/api/auth/oidc/callback`, now());
    let url: URL;
    try {
      url = await rp.authorizationUrl(flow);
    } catch (e) {
      deps.onError(e);
      throw new HTTPException(503, { message: OIDC_OUTCOMES.unavailable });
    }
    await storage.createOidcFlow(flow, MAX_LIVE_FLOWS);
    c.header('Set-Cookie', flowCookie(key));
    return c.json({ url: url.href });
  });

  app.get('/auth/oidc/callback', async (c) => {
    // AUTH-30: the flow is spent whatever happens next; a second callback with it finds nothing.
    c.header('Set-Cookie', clearedFlowCookie());
    const id = flowIdFromCookieHeader(c.req.header('cookie'));
    const flow = id ? await storage.takeOidcFlow(id, now()) : null;
    if (!flow) return back(c, 'expired');
    let identity: VerifiedIdentity;
    try {
      identity = await rp.verify(flow, new URL(c.req.url).search);
    } catch (e) {
      const why = classifyFailure(e);
      // The person cancelling at the provider is no fault; anything else the administrator may need to see.
      if (why !== 'refused') deps.onError(e);
      return back(c, why);
    }
    return flow.purpose === 'link' ? link(c, flow, identity) : signIn(c, identity);
  });

  app.post('/auth/oidc/unlink', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const linked = await linkedTo(user.id);
    if (linked) {
      await storage.unlinkIdentity(linked.issuer, linked.subject);
      await accessLog.record(c, 'identity-unlink', `${linked.issuer} sub=${linked.subject}`);
    }
    return c.json({ name: deps.oidc.name, linked: null });
  });

  // AUTH-31: which accounts hold an identity of this provider, for the administrator's users table.
  app.get('/admin/oidc', async (c) => {
    requireAdmin(c.get('auth'));
    const linked: Array<{ userId: string; linkedAt: number }> = [];
    for (const u of await storage.listUsers()) {
      const identity = await linkedTo(u.id);
      if (identity) linked.push({ userId: u.id, linkedAt: identity.linkedAt });
    }
    return c.json({ name: deps.oidc.name, linked });
  });

  // AUTH-31: the administrator unbinds an account's identity (a person who left the region's
  // system, an identity linked by mistake or taken over). Whoever held it is signed out everywhere:
  // a session opened with that identity must not outlive the link.
  app.post('/admin/users/:id/oidc-unlink', async (c) => {
    requireAdmin(c.get('auth'));
    const user = await storage.findUserById(c.req.param('id'));
    if (!user) throw new HTTPException(404, { message: 'Пользователь не найден' });
    const linked = await linkedTo(user.id);
    if (linked) {
      await storage.unlinkIdentity(linked.issuer, linked.subject);
      await accessLog.record(c, 'identity-unlink', `${user.login}: ${linked.issuer} sub=${linked.subject}`);
      await storage.deleteUserSessions(user.id);
      deps.revocation.closeUser(user.id, CloseCode.unauthenticated, 'identity unlinked');
    }
    return c.json({ userId: user.id, linked: null });
  });

  /**
   * AUTH-29: a verified identity bound to an activated account that may sign in gets a session
   * exactly as a password does — the same cookie, the same `sign-in` entry with the method.
   * Anything else signs in nobody; the access log keeps the failure.
   */
  async function signIn(c: Context<AppEnv>, identity: VerifiedIdentity) {
    const bound = await storage.findIdentity(identity.issuer, identity.subject);
    const user = bound ? await storage.findUserById(bound.userId) : null;
    if (!user) {
      await accessLog.record(c, 'sign-in-failed', `${METHOD} sub=${identity.subject}: не связана с пользователем`, {
        userId: null,
        login: '',
      });
      return back(c, 'unknown');
    }
    if (user.disabled || !user.passwordHash) {
      await accessLog.record(c, 'sign-in-failed', `${METHOD}: учётная запись отключена`, { userId: user.id, login: user.login });
      return back(c, 'disabled');
    }
    await accessLog.record(c, 'sign-in', METHOD, { userId: user.id, login: user.login });
    const { token } = await createSession(storage, user.id, now());
    c.header('Set-Cookie', sessionCookie(token, SESSION_ABSOLUTE_MS), { append: true });
    return c.redirect('/', 302);
  }

  /** AUTH-28: the identity is bound to the account that started the flow, if it is still the one signed in. */
  async function link(c: Context<AppEnv>, flow: OidcFlowRecord, identity: VerifiedIdentity) {
    const auth = c.get('auth');
    if (!auth || auth.user.id !== flow.userId) return back(c, 'signed-out');
    const result = await storage.linkIdentity({ ...identity, userId: auth.user.id, linkedAt: now() });
    if (result === 'identity-taken') return back(c, 'taken');
    if (result === 'account-has-one') return back(c, 'has-one');
    await accessLog.record(c, 'identity-link', `${identity.issuer} sub=${identity.subject}`);
    return back(c, 'linked');
  }

  return app;
}

/** Back to the app, which says what happened (the flow cookie set before stays cleared). */
function back(c: Context<AppEnv>, outcome: OidcOutcome) {
  return c.redirect(`/?oidc=${outcome}`, 302);
}
