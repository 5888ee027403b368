import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OidcFlowRecord, Storage, UserRecord } from '../../sync-server/storage/port.ts';

const ISSUER = 'https://idp.example.ru';
const OTHER_ISSUER = 'https://other-idp.example.ru';

const user = (id: string): UserRecord => ({ id, login: id, name: `Учитель ${id}`, roles: ['teacher'], passwordHash: 'h', disabled: false });

const flow = (id: string, createdAt: number, over: Partial<OidcFlowRecord> = {}): OidcFlowRecord => ({
  id,
  state: `state-${id}`,
  nonce: `nonce-${id}`,
  codeVerifier: `verifier-${id}`,
  purpose: 'sign-in',
  userId: null,
  redirectUri: 'https://journal.school.local/api/auth/oidc/callback',
  createdAt,
  expiresAt: createdAt + 600_000,
  ...over,
});

/**
 * The identity provider's half of the storage port (AUTH-28…AUTH-30), run against every adapter:
 * an identity is one account's and an account holds one identity per issuer; a flow is taken
 * once, never after it expired, and anyone's flows are bounded in number.
 * `reopen` closes the given store and opens the same data again.
 */
export function oidcStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  reopen: (storage: Storage) => Promise<Storage>,
  cleanup: () => Promise<void>,
) {
  describe(`storage contract, identity provider: ${adapterName}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      for (const id of ['u1', 'u2']) await storage.createUser(user(id));
    });
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('AUTH-28: an identity is bound to one account, found by issuer and subject, and kept across a reopening', async () => {
      expect(await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 100 })).toBe('ok');
      expect(await storage.findIdentity(ISSUER, 'sub-1')).toEqual({ issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 100 });
      expect(await storage.findIdentity(ISSUER, 'sub-2')).toBeNull();
      // The same subject of another issuer is another person.
      expect(await storage.findIdentity(OTHER_ISSUER, 'sub-1')).toBeNull();
      storage = await reopen(storage);
      expect((await storage.findIdentity(ISSUER, 'sub-1'))?.userId).toBe('u1');
    });

    it('AUTH-28: one identity, one account; one identity of an issuer per account; the same link again changes nothing', async () => {
      await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 100 });
      expect(await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u2', linkedAt: 200 })).toBe('identity-taken');
      expect(await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-2', userId: 'u1', linkedAt: 200 })).toBe('account-has-one');
      expect(await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 300 })).toBe('ok');
      expect(await storage.linkIdentity({ issuer: OTHER_ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 400 })).toBe('ok');
      expect(await storage.listIdentities('u1')).toEqual([
        { issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 100 },
        { issuer: OTHER_ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 400 },
      ]);
      expect(await storage.listIdentities('u2')).toEqual([]);
    });

    it('AUTH-28: an unlinked identity signs in nobody and may be linked to another account', async () => {
      await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u1', linkedAt: 100 });
      expect(await storage.unlinkIdentity(ISSUER, 'sub-1')).toBe(true);
      expect(await storage.unlinkIdentity(ISSUER, 'sub-1')).toBe(false);
      expect(await storage.findIdentity(ISSUER, 'sub-1')).toBeNull();
      expect(await storage.linkIdentity({ issuer: ISSUER, subject: 'sub-1', userId: 'u2', linkedAt: 200 })).toBe('ok');
      expect((await storage.findIdentity(ISSUER, 'sub-1'))?.userId).toBe('u2');
    });

    it('AUTH-30: a flow is taken once, with everything it was stored with; two takes at once get it once', async () => {
      const f = flow('f1', 1000, { purpose: 'link', userId: 'u1' });
      await storage.createOidcFlow(f, 100);
      const [a, b] = await Promise.all([storage.takeOidcFlow('f1', 2000), storage.takeOidcFlow('f1', 2000)]);
      expect([a, b].filter(Boolean)).toEqual([f]);
      expect(await storage.takeOidcFlow('f1', 2000)).toBeNull();
      expect(await storage.takeOidcFlow('unknown', 2000)).toBeNull();
    });

    it('AUTH-30: an expired flow is never given out, and is gone once taken or once a later flow starts', async () => {
      await storage.createOidcFlow(flow('old', 1000), 100);
      expect(await storage.takeOidcFlow('old', 1000 + 600_000)).toBeNull();
      await storage.createOidcFlow(flow('old2', 1000), 100);
      await storage.createOidcFlow(flow('new', 1000 + 700_000), 100);
      // Forgotten when the later flow was stored: not even a clock set back finds it.
      expect(await storage.takeOidcFlow('old2', 2000)).toBeNull();
      expect((await storage.takeOidcFlow('new', 1000 + 700_001))?.id).toBe('new');
    });

    it('AUTH-30: beyond the live flows allowed the oldest are forgotten, never the newest', async () => {
      for (let i = 0; i < 5; i++) await storage.createOidcFlow(flow(`f${i}`, 1000 + i), 3);
      const taken = await Promise.all([0, 1, 2, 3, 4].map((i) => storage.takeOidcFlow(`f${i}`, 2000)));
      expect(taken.map((t) => t?.id ?? null)).toEqual([null, null, 'f2', 'f3', 'f4']);
    });
  });
}
