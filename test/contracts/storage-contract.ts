import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActivationCodeRecord, Storage, UpdateRow } from '../../sync-server/storage/port.ts';

const row = (update: Uint8Array, userId = 'u1', clientTime: number | null = 1000): UpdateRow => ({
  update,
  userId,
  sessionId: 's1',
  clientTime,
  serverTime: 2000,
});

function someUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('marks').set(`k${i}`, i);
  return out;
}

/**
 * The storage port's contract (STORE-*), run against every adapter: the SQLite adapter now,
 * PostgreSQL with its issue. A new adapter passes this suite unchanged.
 */
export function storageContract(adapterName: string, open: () => Promise<Storage>, cleanup: () => Promise<void> = async () => {}) {
  describe(`storage contract: ${adapterName}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('STORE-1: a new store is empty and lists no documents', async () => {
      expect(await storage.isEmpty()).toBe(true);
      expect(await storage.listDocuments()).toEqual([]);
      expect(await storage.loadDocument('journal/x/2026')).toEqual({ snapshot: null, updates: [] });
    });

    it('STORE-2: appended updates come back in order with their attribution and numbered seqs', async () => {
      const [a, b, c] = someUpdates(3);
      expect(await storage.appendUpdates('journal/x/2026', [row(a, 'u1', 10), row(b, 'u2', null)])).toBe(2);
      expect(await storage.appendUpdates('journal/x/2026', [row(c)])).toBe(3);
      const { updates } = await storage.loadDocument('journal/x/2026');
      expect(updates.map((u) => u.seq)).toEqual([1, 2, 3]);
      expect(updates[0]).toEqual({ seq: 1, update: a, userId: 'u1', sessionId: 's1', clientTime: 10, serverTime: 2000 });
      expect(updates[1].userId).toBe('u2');
      expect(updates[1].clientTime).toBeNull();
      expect(updates[2].update).toEqual(c);
      expect(await storage.isEmpty()).toBe(false);
    });

    it('STORE-3: documents have separate logs', async () => {
      const [a, b] = someUpdates(2);
      await storage.appendUpdates('journal/a/2026', [row(a)]);
      await storage.appendUpdates('journal/b/2026', [row(b)]);
      expect(await storage.listDocuments()).toEqual(['journal/a/2026', 'journal/b/2026']);
      expect((await storage.loadDocument('journal/a/2026')).updates.map((u) => u.update)).toEqual([a]);
    });

    it('STORE-4: a snapshot compacts loading but never cuts the log', async () => {
      const ups = someUpdates(5);
      await storage.appendUpdates(
        'd/x/1',
        ups.slice(0, 3).map((u) => row(u)),
      );
      const doc = new Y.Doc();
      for (const u of ups.slice(0, 3)) Y.applyUpdate(doc, u);
      const snapshot = { upToSeq: 3, state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc), createdAt: 5 };
      await storage.putSnapshot('d/x/1', snapshot);
      await storage.appendUpdates(
        'd/x/1',
        ups.slice(3).map((u) => row(u)),
      );
      const loaded = await storage.loadDocument('d/x/1');
      expect(loaded.snapshot).toEqual(snapshot);
      expect(loaded.updates.map((u) => u.seq)).toEqual([4, 5]);
      expect((await storage.readUpdates('d/x/1', 0)).length).toBe(5);
      // An older snapshot never replaces a newer one.
      await storage.putSnapshot('d/x/1', { ...snapshot, upToSeq: 2 });
      expect((await storage.loadDocument('d/x/1')).snapshot?.upToSeq).toBe(3);
    });

    it('STORE-5: an append is all or nothing', async () => {
      const [a] = someUpdates(1);
      const bad = { ...row(a), userId: undefined as unknown as string };
      await expect(storage.appendUpdates('d/y/1', [row(a), bad])).rejects.toThrow();
      expect((await storage.loadDocument('d/y/1')).updates).toEqual([]);
    });

    it('STORE-21: an append carries its refused changes and new client-id bindings in its transaction, all or nothing', async () => {
      const [a, b] = someUpdates(2);
      const refused = (id: string) => ({
        id,
        docName: 'd/y/1',
        path: 'marks/261103.2.math:ab12cd:0',
        value: [5, 'oral', 1],
        oldValue: undefined,
        userId: 'u1',
        sessionId: 's1',
        reason: 'forbidden',
        detail: 'not your lesson',
        clientTime: null,
        serverTime: 10,
        state: 'open' as const,
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
      });
      const bad = { ...row(b), userId: undefined as unknown as string };
      await expect(storage.appendUpdates('d/y/1', [bad], { refused: [refused('r-lost')], bindings: [[21, 'u1']] })).rejects.toThrow();
      expect(await storage.findRefused('r-lost'), 'rolled back with the update').toBeNull();
      expect(await storage.loadClientIds('d/y/1')).toEqual(new Map());
      expect(await storage.appendUpdates('d/y/1', [row(a)], { refused: [refused('r-kept')], bindings: [[21, 'u1']] })).toBe(1);
      expect((await storage.findRefused('r-kept'))?.reason).toBe('forbidden');
      expect(await storage.loadClientIds('d/y/1')).toEqual(new Map([[21, 'u1']]));
      // Extras alone (a refusal in an update that changed nothing else) commit without an update.
      expect(await storage.appendUpdates('d/y/1', [], { refused: [refused('r-alone')] })).toBe(1);
      expect(await storage.findRefused('r-alone')).not.toBeNull();
    });

    it('STORE-8: concurrent appends to one and several documents keep their order and seqs', async () => {
      const ups = someUpdates(6);
      const seqs = await Promise.all([
        storage.appendUpdates('d/a/1', [row(ups[0]), row(ups[1])]),
        storage.appendUpdates('d/b/1', [row(ups[2])]),
        storage.appendUpdates('d/a/1', [row(ups[3])]),
        storage.appendUpdates('d/b/1', [row(ups[4]), row(ups[5])]),
      ]);
      expect(seqs).toEqual([2, 1, 3, 3]);
      expect((await storage.readUpdates('d/a/1', 0)).map((u) => u.update)).toEqual([ups[0], ups[1], ups[3]]);
      // One failing append among concurrent ones fails alone.
      const bad = { ...row(ups[0]), userId: undefined as unknown as string };
      const results = await Promise.allSettled([storage.appendUpdates('d/c/1', [row(ups[0])]), storage.appendUpdates('d/c/1', [bad])]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect((await storage.readUpdates('d/c/1', 0)).length).toBe(1);
    });

    it('STORE-9: refused changes are kept, listed newest first by document, state and author, and resolved once', async () => {
      const base = {
        docName: 'journal/5b/2026',
        path: 'marks/261103.2.math:ab12cd:0',
        value: [5, 'oral', 1],
        oldValue: undefined,
        userId: 'u1',
        sessionId: 's1',
        reason: 'period-closed',
        detail: 'the period is closed',
        clientTime: null,
        serverTime: 10,
        state: 'open' as const,
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
      };
      await storage.appendRefused([
        { ...base, id: 'r1' },
        { ...base, id: 'r2', serverTime: 20, userId: 'u2', oldValue: null, value: 'absent', path: 'attendance/261103.2.math:ab12cd' },
        { ...base, id: 'r3', docName: 'journal/10a/2026', serverTime: 30 },
      ]);
      expect((await storage.listRefused({ docName: 'journal/5b/2026' })).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect((await storage.listRefused({ userId: 'u2' })).map((r) => r.id)).toEqual(['r2']);
      expect(await storage.findRefused('r1')).toEqual({ ...base, id: 'r1', stored: 'full' });
      expect((await storage.findRefused('r2'))?.oldValue).toBeNull();
      expect(await storage.resolveRefused('r1', 'applied', 'u-deputy', 'ошибка учителя исправлена', 40)).toBe(true);
      expect(await storage.resolveRefused('r1', 'dismissed', 'u-deputy', 'again', 50)).toBe(false);
      expect(await storage.findRefused('r1')).toMatchObject({
        state: 'applied',
        resolvedBy: 'u-deputy',
        resolution: 'ошибка учителя исправлена',
        resolvedAt: 40,
      });
      expect((await storage.listRefused({ state: 'open' })).map((r) => r.id)).toEqual(['r3', 'r2']);
    });

    it('STORE-10: Yjs client ids are bound per document to their first user, and stay bound', async () => {
      await storage.bindClientIds('d/a/1', [
        [11, 'u1'],
        [12, 'u2'],
      ]);
      await storage.bindClientIds('d/a/1', [[11, 'u3']]);
      await storage.bindClientIds('d/b/1', [[11, 'u3']]);
      expect(await storage.loadClientIds('d/a/1')).toEqual(
        new Map([
          [11, 'u1'],
          [12, 'u2'],
        ]),
      );
      expect(await storage.loadClientIds('d/b/1')).toEqual(new Map([[11, 'u3']]));
    });

    it('HIST-1: change rows are stored with their update, in its transaction, and read by cell, prefix, author, time and corrections', async () => {
      const [a, b, c] = someUpdates(3);
      const change = (path: string, oldValue: unknown, newValue: unknown, userId: string, serverTime: number) => ({
        path,
        oldValue,
        newValue,
        userId,
        asSubstitute: userId === 'u-sub',
        clientTime: serverTime - 5,
        serverTime,
        clockOffsetMs: -5,
        note: null,
      });
      await storage.appendUpdates('journal/h/1', [
        {
          ...row(a),
          changes: [
            change('marks/L1:s1:0', undefined, [5, 'oral', 1], 'u-t', 100),
            change('attendance/L1:s2', undefined, 'absent', 'u-t', 100),
          ],
        },
        { ...row(b), changes: [change('marks/L1:s1:0', [5, 'oral', 1], [4, 'oral', 1], 'u-sub', 200)] },
      ]);
      await storage.appendUpdates('journal/h/1', [{ ...row(c), changes: [change('marks/L1:s1:0', [4, 'oral', 1], null, 'u-t', 300)] }]);
      const cell = await storage.readChanges({ docName: 'journal/h/1', path: 'marks/L1:s1:0' });
      expect(cell.map((r) => [r.seq, r.userId, r.oldValue, r.newValue])).toEqual([
        [1, 'u-t', undefined, [5, 'oral', 1]],
        [2, 'u-sub', [5, 'oral', 1], [4, 'oral', 1]],
        [3, 'u-t', [4, 'oral', 1], null],
      ]);
      expect(cell[1]).toMatchObject({ asSubstitute: true, clientTime: 195, serverTime: 200, clockOffsetMs: -5, docName: 'journal/h/1' });
      expect((await storage.readChanges({ docName: 'journal/h/1', pathPrefix: 'attendance/L1:' })).map((r) => r.newValue)).toEqual([
        'absent',
      ]);
      expect((await storage.readChanges({ docName: 'journal/h/1', userId: 'u-sub' })).length).toBe(1);
      expect((await storage.readChanges({ docName: 'journal/h/1', from: 150, to: 301 })).map((r) => r.seq)).toEqual([2, 3]);
      expect((await storage.readChanges({ docName: 'journal/h/1', correctionsOnly: true })).map((r) => r.seq)).toEqual([2, 3]);
      // A failing append stores no change rows either.
      const bad = {
        ...row(a),
        userId: undefined as unknown as string,
        changes: [change('marks/L2:s1:0', undefined, [3, 'oral', 1], 'u-t', 400)],
      };
      await expect(storage.appendUpdates('journal/h/1', [bad])).rejects.toThrow();
      expect(await storage.readChanges({ docName: 'journal/h/1', path: 'marks/L2:s1:0' })).toEqual([]);
    });

    it('STORE-6: users are found by login and id; logins are unique', async () => {
      const user = { id: 'u1', login: 'teacher', name: 'Смирнова О. П.', roles: ['teacher' as const], passwordHash: 'h', disabled: false };
      await storage.createUser(user);
      expect(await storage.findUserByLogin('teacher')).toEqual(user);
      expect(await storage.findUserById('u1')).toEqual(user);
      expect(await storage.findUserByLogin('nobody')).toBeNull();
      await expect(storage.createUser({ ...user, id: 'u2' })).rejects.toThrow();
      expect((await storage.listUsers()).map((u) => u.login)).toEqual(['teacher']);
    });

    it('STORE-7: sessions are created, extended and deleted one by one or per user', async () => {
      await storage.createUser({ id: 'u1', login: 'a', name: 'A', roles: [], passwordHash: 'h', disabled: false });
      await storage.createSession({ id: 's1', userId: 'u1', createdAt: 1, expiresAt: 10 });
      await storage.createSession({ id: 's2', userId: 'u1', createdAt: 1, expiresAt: 10 });
      await storage.updateSessionExpiry('s1', 20);
      expect(await storage.findSession('s1')).toEqual({ id: 's1', userId: 'u1', createdAt: 1, expiresAt: 20 });
      await storage.deleteSession('s1');
      expect(await storage.findSession('s1')).toBeNull();
      await storage.deleteUserSessions('u1');
      expect(await storage.findSession('s2')).toBeNull();
    });

    it('STORE-11: users are updated field by field, get a new password, and carry a student link', async () => {
      await storage.createUser({ id: 'u1', login: 'a', name: 'A', roles: ['teacher'], passwordHash: 'h', disabled: false });
      expect(await storage.updateUser('u1', { roles: ['teacher', 'admin'] })).toBe(true);
      expect(await storage.updateUser('u1', { disabled: true, name: 'Б' })).toBe(true);
      expect(await storage.updateUser('nobody', { disabled: true })).toBe(false);
      await storage.setPassword('u1', 'h2');
      expect(await storage.findUserById('u1')).toEqual({
        id: 'u1',
        login: 'a',
        name: 'Б',
        roles: ['teacher', 'admin'],
        passwordHash: 'h2',
        disabled: true,
      });
      const parent = {
        id: 'p1',
        login: 'mama',
        name: 'Мама',
        roles: ['parent' as const],
        passwordHash: 'h',
        disabled: false,
        studentLinks: [{ classId: '5b', studentId: 'st1' }],
      };
      await storage.createUser(parent);
      expect(await storage.findUserByLogin('mama')).toEqual(parent);
      // STU-7: a transfer to another class moves the link with the student (more in AUTH-27's suite).
      expect(await storage.moveStudentLinks({ classId: '5b', studentId: 'st1' }, { classId: '10a', studentId: 'st1' })).toBe(1);
      expect((await storage.findUserById('p1'))?.studentLinks).toEqual([{ classId: '10a', studentId: 'st1' }]);
      expect(await storage.updateUser('p1', { name: 'Мама Ученика' })).toBe(true);
      expect((await storage.findUserById('p1'))?.studentLinks).toEqual([{ classId: '10a', studentId: 'st1' }]);
    });

    const code = (id: string, over: Partial<ActivationCodeRecord> = {}): ActivationCodeRecord => ({
      id,
      codeHash: `hash-${id}`,
      userId: null,
      role: 'teacher',
      name: 'Новый Учитель',
      studentLink: null,
      issuedBy: 'admin',
      createdAt: 100,
      expiresAt: 1000,
      usedAt: null,
      usedBy: null,
      ...over,
    });
    const newUser = (id: string, login: string) => ({
      id,
      login,
      name: 'Н',
      roles: ['teacher' as const],
      passwordHash: 'h',
      disabled: false,
    });

    it('STORE-12: activation codes are found by hash only, listed newest first and by class', async () => {
      await storage.createActivationCode(code('c1'));
      await storage.createActivationCode(code('c2', { createdAt: 200, role: 'parent', studentLink: { classId: '5b', studentId: 's1' } }));
      expect(await storage.findActivationCode('hash-c1')).toEqual(code('c1'));
      expect(await storage.findActivationCode('c1')).toBeNull();
      expect((await storage.listActivationCodes({})).map((c) => c.id)).toEqual(['c2', 'c1']);
      expect((await storage.listActivationCodes({ classId: '5b' })).map((c) => c.id)).toEqual(['c2']);
      await expect(storage.createActivationCode(code('c3', { codeHash: 'hash-c1' }))).rejects.toThrow();
    });

    it('STORE-13: a code is redeemed once, atomically with the user it creates or activates', async () => {
      await storage.createActivationCode(code('c1'));
      expect(await storage.redeemActivationCode('c1', 500, newUser('n1', 'new'))).toBe('ok');
      expect(await storage.findUserByLogin('new')).toEqual(newUser('n1', 'new'));
      expect(await storage.findActivationCode('hash-c1')).toEqual(code('c1', { usedAt: 500, usedBy: 'n1' }));
      // Used: nothing changes, not even for another login.
      expect(await storage.redeemActivationCode('c1', 600, newUser('n2', 'other'))).toBe('used');
      expect(await storage.findUserByLogin('other')).toBeNull();
      // A login held by somebody else: the code stays unused.
      await storage.createActivationCode(code('c2'));
      expect(await storage.redeemActivationCode('c2', 600, newUser('n3', 'new'))).toBe('login-taken');
      expect((await storage.findActivationCode('hash-c2'))?.usedAt).toBeNull();
      // An existing user: login, password, roles and disabled are replaced.
      await storage.createUser({ id: 'old', login: 'old', name: 'Старый', roles: [], passwordHash: '', disabled: true });
      await storage.createActivationCode(code('c3', { userId: 'old' }));
      const activated = { id: 'old', login: 'renamed', name: 'Старый', roles: ['teacher' as const], passwordHash: 'h3', disabled: false };
      expect(await storage.redeemActivationCode('c3', 700, activated)).toBe('ok');
      expect(await storage.findUserById('old')).toEqual(activated);
    });

    it('STORE-14, LOG-1: expired sessions are deleted in bulk and named (for the access log), live ones kept', async () => {
      await storage.createUser({ id: 'u1', login: 'a', name: 'A', roles: [], passwordHash: 'h', disabled: false });
      await storage.createSession({ id: 's1', userId: 'u1', createdAt: 1, expiresAt: 10 });
      await storage.createSession({ id: 's2', userId: 'u1', createdAt: 1, expiresAt: 30 });
      expect(await storage.deleteExpiredSessions(20)).toEqual([{ id: 's1', userId: 'u1', createdAt: 1, expiresAt: 10 }]);
      expect(await storage.findSession('s1')).toBeNull();
      expect(await storage.findSession('s2')).not.toBeNull();
    });
  });
}
