import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';

const space = new PgTestSpace();
const reachable = await requirePostgres(space.url);

type Script = (s: Storage) => Promise<unknown[]>;

/**
 * STORE-PG-1 for the sub-ports that have no contract suite yet (announcement reads, consent,
 * notifications, the conversation index): the same calls on SQLite and on PostgreSQL answer the
 * same. When a contract suite arrives for one, it belongs in pg-storage.test.ts too.
 */
describe.skipIf(!reachable)('PostgreSQL answers as SQLite', () => {
  let dir = '';
  const stores: Storage[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
    await space.dropAll();
  });
  const onBoth = async (script: Script) => {
    dir = mkdtempSync(join(tmpdir(), 'journal-parity-'));
    const sqlite = openSqliteStorage(join(dir, 'journal.sqlite'));
    const pg = await openPgStorage(space.url, { schema: space.schema(), max: 2 });
    stores.push(sqlite, pg);
    const [a, b] = [await script(sqlite), await script(pg)];
    expect(b).toEqual(a);
    return a;
  };

  it('ANN-6, CONS-3: announcement reads kept at their first time; the consent register in order', async () => {
    const out = await onBoth(async (s) => [
      await s.familyNotices!.recordAnnouncementRead({ postId: 'p1', userId: 'u1', at: 10 }),
      await s.familyNotices!.recordAnnouncementRead({ postId: 'p1', userId: 'u1', at: 20 }),
      await s.familyNotices!.recordAnnouncementRead({ postId: 'p1', userId: 'u2', at: 5 }),
      await s.familyNotices!.announcementReads('p1'),
      await s.familyNotices!.announcementReads('p2'),
      await s.familyNotices!.appendConsent({ userId: 'u1', kind: 'email', given: true, at: 100 }),
      await s.familyNotices!.appendConsent({ userId: 'u2', kind: 'personal-data', given: true, at: 100 }),
      await s.familyNotices!.appendConsent({ userId: 'u1', kind: 'email', given: false, at: 100 }),
      await s.familyNotices!.consentEvents({}),
      await s.familyNotices!.consentEvents({ userIds: ['u1', 'u9'] }),
      await s.familyNotices!.consentEvents({ userIds: [] }),
    ]);
    expect(out[0]).toBe(true);
    expect(out[1]).toBe(false);
  });

  it('NOTIF-1…NOTIF-5: notifications listed, counted, seen, digested once; the setting kept', async () => {
    const n = (id: string, userId: string, at: number) => ({
      id,
      userId,
      kind: 'mark' as const,
      studentId: 's1',
      title: `t${id}`,
      text: 'x',
      href: '/d',
      at,
    });
    await onBoth(async (s) => [
      await s.familyNotices!.addNotifications([n('a', 'u1', 10), n('b', 'u1', 20), n('c', 'u2', 30)]),
      await s.familyNotices!.addNotifications([n('a', 'u1', 99)]),
      await s.familyNotices!.notificationsOf('u1', 10),
      await s.familyNotices!.unseenNotificationCount('u1'),
      await s.familyNotices!.markNotificationsSeen('u1', 15),
      await s.familyNotices!.unseenNotificationCount('u1'),
      (await s.familyNotices!.digestCandidates()).sort((x, y) => x.userId.localeCompare(y.userId)),
      await s.familyNotices!.undigested('u1', 0),
      await s.familyNotices!.recordDigest('u1', 50, ['a']),
      await s.familyNotices!.undigested('u1', 0),
      await s.familyNotices!.discardUndigested('u2', 40),
      (await s.familyNotices!.digestCandidates()).sort((x, y) => x.userId.localeCompare(y.userId)),
      await s.familyNotices!.notificationSetting('digest'),
      await s.familyNotices!.putNotificationSetting('digest', 'daily'),
      await s.familyNotices!.putNotificationSetting('digest', 'weekly'),
      await s.familyNotices!.notificationSetting('digest'),
    ]);
  });

  it('MSG-8, MSG-11: one conversation per family, staff, student and year; unread counts, reads and files', async () => {
    const c = {
      id: 'c1',
      yearId: '2026',
      studentId: 's1',
      classId: '5b',
      familyUserId: 'p1',
      staffUserId: 't1',
      familyLabel: 'Мама',
      staffLabel: 'Учитель',
      createdAt: 100,
      lastAt: null,
      preview: null,
    };
    await onBoth(async (s) => [
      await s.createConversation(c),
      await s.createConversation({ ...c, id: 'c2', createdAt: 200 }),
      await s.createConversation({ ...c, id: 'c3', studentId: 's2', createdAt: 150 }),
      await s.recordMessages('c1', [
        { messageId: 'm1', authorId: 'p1', at: 300, preview: 'Здравствуйте' },
        { messageId: 'm2', authorId: 't1', at: 310, preview: 'Добрый день'.repeat(20) },
      ]),
      await s.recordMessages('c1', [{ messageId: 'm1', authorId: 'p1', at: 300, preview: 'again' }]),
      await s.recordRead('c1', 't1', 305),
      await s.recordRead('c1', 't1', 200),
      await s.conversationsOf('t1', '2026'),
      await s.conversationsOf('p1', '2026'),
      await s.conversationsOf('p1', '2027'),
      await s.findConversation('c1'),
      await s.findConversation('nope'),
      await s.putConversationFile({
        id: 'f1',
        conversationId: 'c1',
        uploaderId: 'p1',
        name: 'справка.pdf',
        type: 'application/pdf',
        size: 3,
        bytes: new Uint8Array([1, 2, 3]),
        at: 400,
      }),
      await s.conversationFile('c1', 'f1'),
      await s.conversationFile('c3', 'f1'),
    ]);
  });
});
