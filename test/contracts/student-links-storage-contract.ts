import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivationCodeRecord, Storage, StudentLink, UserRecord } from '../../sync-server/storage/port.ts';

const A: StudentLink = { classId: '5b', studentId: 'st-a' };
const B: StudentLink = { classId: '7a', studentId: 'st-b' };
const C: StudentLink = { classId: '7a', studentId: 'st-c' };
const A_MOVED: StudentLink = { classId: '10a', studentId: 'st-a' };

const parent = (id: string, links: StudentLink[]): UserRecord => ({
  id,
  login: id,
  name: `Родитель ${id}`,
  roles: ['parent'],
  passwordHash: 'h',
  disabled: false,
  studentLinks: links,
});

const parentCode = (id: string, link: StudentLink, over: Partial<ActivationCodeRecord> = {}): ActivationCodeRecord => ({
  id,
  codeHash: `hash-${id}`,
  userId: null,
  role: 'parent',
  name: 'Родитель',
  studentLink: link,
  issuedBy: 'ct',
  createdAt: 100,
  expiresAt: 1000,
  usedAt: null,
  usedBy: null,
  ...over,
});

/**
 * The student links of accounts (AUTH-25…AUTH-27), run against every adapter: a parent's
 * account holds every child, a code adds one atomically, a transfer moves the links to a student.
 */
export function studentLinksStorageContract(adapterName: string, open: () => Promise<Storage>, cleanup: () => Promise<void>) {
  describe(`student links storage contract: ${adapterName}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('AUTH-26: an account holds several links, read back in the order they were made; staff hold none', async () => {
      await storage.createUser(parent('p1', [B, A]));
      await storage.createUser({ id: 't1', login: 't1', name: 'Учитель', roles: ['teacher'], passwordHash: 'h', disabled: false });
      expect(await storage.findUserById('p1')).toEqual(parent('p1', [B, A]));
      expect((await storage.findUserByLogin('p1'))?.studentLinks).toEqual([B, A]);
      const listed = await storage.listUsers();
      expect(listed.find((u) => u.id === 'p1')?.studentLinks).toEqual([B, A]);
      expect(listed.find((u) => u.id === 't1')).not.toHaveProperty('studentLinks');
    });

    it('AUTH-26: the accounts linked to a student are found by the link, each with all its links', async () => {
      await storage.createUser(parent('p2', [A]));
      await storage.createUser(parent('p1', [B, A]));
      await storage.createUser(parent('p3', [C]));
      expect((await storage.usersLinkedTo(A)).map((u) => [u.id, u.studentLinks])).toEqual([
        ['p1', [B, A]],
        ['p2', [A]],
      ]);
      expect(await storage.usersLinkedTo({ classId: '9z', studentId: 'none' })).toEqual([]);
    });

    it('AUTH-26: a new account made by a code gets the link of the code', async () => {
      await storage.createActivationCode(parentCode('c1', A));
      expect(await storage.redeemActivationCode('c1', 500, parent('p1', [A]))).toBe('ok');
      expect((await storage.findUserById('p1'))?.studentLinks).toEqual([A]);
    });

    it('AUTH-26: a code adds its link to an existing account once, in one transaction with its use', async () => {
      await storage.createUser(parent('p1', [A]));
      await storage.createActivationCode(parentCode('c1', B));
      expect(await storage.redeemActivationCodeAsLink('c1', 500, 'p1', B)).toBe('ok');
      expect(await storage.findUserById('p1')).toEqual(parent('p1', [A, B]));
      expect(await storage.findActivationCode('hash-c1')).toEqual(parentCode('c1', B, { usedAt: 500, usedBy: 'p1' }));
      // Used: nothing more happens, for this account or another.
      await storage.createUser(parent('p2', []));
      expect(await storage.redeemActivationCodeAsLink('c1', 600, 'p2', B)).toBe('used');
      expect((await storage.findUserById('p2'))?.studentLinks).toBeUndefined();
      // A link the account has already is kept once.
      await storage.createActivationCode(parentCode('c2', A));
      expect(await storage.redeemActivationCodeAsLink('c2', 700, 'p1', A)).toBe('ok');
      expect((await storage.findUserById('p1'))?.studentLinks).toEqual([A, B]);
      // No such account: the code stays unused.
      await storage.createActivationCode(parentCode('c3', C));
      expect(await storage.redeemActivationCodeAsLink('c3', 800, 'nobody', C)).toBe('used');
      expect((await storage.findActivationCode('hash-c3'))?.usedAt).toBeNull();
    });

    it('AUTH-27: a move rewrites every link to the student and nothing else, keeping each account’s order', async () => {
      await storage.createUser(parent('p1', [A, B]));
      await storage.createUser(parent('p2', [A]));
      await storage.createUser(parent('p3', [C, B]));
      expect(await storage.moveStudentLinks(A, A_MOVED)).toBe(2);
      expect((await storage.findUserById('p1'))?.studentLinks).toEqual([A_MOVED, B]);
      expect((await storage.findUserById('p2'))?.studentLinks).toEqual([A_MOVED]);
      expect((await storage.findUserById('p3'))?.studentLinks).toEqual([C, B]);
      // An account that has the target already keeps it once.
      await storage.createUser(parent('p4', [B, C]));
      expect(await storage.moveStudentLinks(C, B)).toBe(2);
      expect((await storage.findUserById('p4'))?.studentLinks).toEqual([B]);
      expect((await storage.findUserById('p3'))?.studentLinks).toEqual([B]);
      expect(await storage.moveStudentLinks({ classId: '9z', studentId: 'none' }, A)).toBe(0);
    });

    it('AUTH-25: an unused code replaced by a newer one ends at once; a used code is left as it is', async () => {
      await storage.createActivationCode(parentCode('c1', A));
      expect(await storage.endActivationCode('c1', 300)).toBe(true);
      expect((await storage.findActivationCode('hash-c1'))?.expiresAt).toBe(300);
      // Never later than it was.
      expect(await storage.endActivationCode('c1', 900)).toBe(true);
      expect((await storage.findActivationCode('hash-c1'))?.expiresAt).toBe(300);
      await storage.createActivationCode(parentCode('c2', A, { usedAt: 200, usedBy: 'p1' }));
      expect(await storage.endActivationCode('c2', 300)).toBe(false);
      expect((await storage.findActivationCode('hash-c2'))?.expiresAt).toBe(1000);
      expect(await storage.endActivationCode('nothing', 300)).toBe(false);
    });
  });
}
