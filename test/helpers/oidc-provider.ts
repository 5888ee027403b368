import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

/**
 * A real OpenID Connect provider (`oidc-provider`) on an ephemeral port of this computer, standing
 * in for the region's: discovery, keys, authorization with PKCE, tokens signed with its own key.
 * Only the person at its login page is the test's: whoever `signInAs` names is signed in and
 * consents without a form, or, with null, refuses.
 *
 * Its address is known before its clients (`listen`, then `register`), so that a journal server
 * can be started with the issuer and the journal's callback registered once that server's port is known.
 */
export interface TestProvider {
  issuer: string;
  /** Registers the clients and starts answering; before it, every request gets 503. */
  register(clients: ClientMetadata[]): void;
  /** The person the next logins are of (the provider's `sub`); null: they refuse (access_denied). */
  signInAs(subject: string | null): void;
  /** The next token response carries this ID token instead of its own (a token meant for someone else). */
  replaceNextIdToken(idToken: string): void;
  /**
   * An RS256 ID token of these claims under the provider's key id, signed with its key or with a
   * stranger's: for the checks a token from the provider itself never fails (expiry, signature).
   */
  signIdToken(claims: Record<string, unknown>, by: 'provider' | 'stranger'): string;
  close(): Promise<void>;
}

export async function listenTestProvider(): Promise<TestProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handle) return handle(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let subject: string | null = 'person-1';
  let swapIdToken: string | null = null;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  return {
    issuer,
    register(clients) {
      const provider = new Provider(issuer, {
        clients,
        jwks: { keys: [{ ...key.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', alg: 'RS256' } as never] },
        cookies: { keys: ['test-provider-cookie-key'] },
        pkce: { methods: ['S256'], required: () => true },
        features: { devInteractions: { enabled: false } },
        findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
        // Said, so that the provider does not print a notice for each default it falls back to.
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      });
      // Quiet: a refused request is what several tests are about.
      provider.on('server_error', () => {});
      provider.use(async (ctx, next) => {
        await next();
        if (ctx.path === '/token' && swapIdToken && ctx.body && typeof ctx.body === 'object') {
          ctx.body = { ...(ctx.body as object), id_token: swapIdToken };
          swapIdToken = null;
        }
      });
      const callback = provider.callback();
      handle = (req, res) => {
        if (req.url?.startsWith('/interaction/')) void interact(provider, req, res, subject);
        else callback(req, res);
      };
    },
    signInAs(s) {
      subject = s;
    },
    replaceNextIdToken(idToken) {
      swapIdToken = idToken;
    },
    signIdToken(claims, by) {
      return signJwt(claims, by === 'provider' ? key : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The provider's login and consent pages, answered at once for `subject` (null: the person refuses). */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse, subject: string | null): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    if (subject === null) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the person refused' });
    } else if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: subject } });
    } else {
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope('openid');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
}

const KEY_ID = 'test-key';

function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
