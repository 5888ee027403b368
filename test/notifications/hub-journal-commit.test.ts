import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { markToTuple, putStudent, type StudentId, type WorkTypeId } from '../../model/index.ts';
import { NotificationHub } from '../../sync-server/notifications/notification-hub.ts';
import type { FamilyNoticesStore, NotificationRow } from '../../sync-server/storage/family-notices-port.ts';
import type { ChangeRow, Storage, UserRecord } from '../../sync-server/storage/port.ts';
import type { Room } from '../../sync-server/ws/room.ts';

const mark = (lesson: string, student: string): ChangeRow => ({
  path: `marks/${lesson}:${student}:kq`,
  oldValue: undefined,
  newValue: markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 }),
  userId: 'u-teacher',
  asSubstitute: false,
  clientTime: null,
  serverTime: 1,
  clockOffsetMs: null,
  note: null,
});

const parent: UserRecord = {
  id: 'u-mother',
  login: 'mother',
  name: 'Мама',
  roles: ['parent'],
  passwordHash: 'x',
  disabled: false,
  studentLinks: [{ classId: '5b', studentId: 'st1' }],
};

/** The hub over a store where only `linked` has accounts; counts what it reads. */
function hubWith(linked: Record<string, UserRecord[]>) {
  const reads = { links: 0, schoolDoc: 0 };
  const stored: NotificationRow[] = [];
  const storage = {
    async usersLinkedTo(link: { studentId: string }) {
      reads.links++;
      return linked[link.studentId] ?? [];
    },
  } as unknown as Storage;
  const notices = {
    async addNotifications(rows: NotificationRow[]) {
      stored.push(...rows);
    },
  } as unknown as FamilyNoticesStore;
  const hub = new NotificationHub({
    storage,
    notices,
    yearId: '2026',
    schoolDoc: async () => {
      reads.schoolDoc++;
      return new Y.Doc();
    },
    now: () => 0,
    onError: (e) => {
      throw e;
    },
  });
  const journal = new Y.Doc();
  for (const id of ['st1', 'st2'])
    putStudent(journal, { id: id as StudentId, name: `Ученик ${id}`, groups: [], enrolledOn: null, leftOn: null });
  const room = { name: 'journal/5b/2026', doc: journal } as unknown as Room;
  return { hub, room, reads, stored };
}

describe('NOTIF-2: a journal commit notifies only the families of its students, and costs nothing without them', () => {
  test('NOTIF-2: marks of students no account is linked to read one link row each and nothing else', async () => {
    const { hub, room, reads, stored } = hubWith({});
    hub.committed(room, [[mark('261110.1.math', 'st1'), mark('261110.1.math', 'st2')], null]);
    await hub.settled();
    expect(reads).toEqual({ links: 2, schoolDoc: 0 });
    expect(stored).toEqual([]);
  });

  test('NOTIF-2, NOTIF-6: the linked family gets its own child’s mark, never the other student’s', async () => {
    const { hub, room, reads, stored } = hubWith({ st1: [parent] });
    hub.committed(room, [[mark('261110.1.math', 'st1'), mark('261110.1.math', 'st2')]]);
    await hub.settled();
    expect(reads.schoolDoc).toBe(1);
    expect(stored.map((r) => [r.userId, r.studentId, r.kind])).toEqual([['u-mother', 'st1', 'mark']]);
    expect(stored[0].text).toContain('Ученик st1');
  });

  test('NOTIF-2, NOTE-4: a teacher’s note tells the linked family that there is one, without its text; a removed note tells nobody', async () => {
    const { hub, room, stored } = hubWith({ st1: [parent], st2: [] });
    const note = (student: string, newValue: string | null, oldValue?: string): ChangeRow => ({
      ...mark('261110.1.math', student),
      path: `notes/261110.1.math:${student}`,
      oldValue,
      newValue,
    });
    hub.committed(room, [[note('st1', 'Не выполнил домашнее задание'), note('st2', 'Забыл тетрадь')]]);
    hub.committed(room, [[note('st1', null, 'Не выполнил домашнее задание')]]);
    await hub.settled();
    expect(stored.map((r) => [r.userId, r.studentId, r.kind, r.title])).toEqual([['u-mother', 'st1', 'note', 'Замечание учителя']]);
    expect(stored[0].text).toContain('Ученик st1');
    expect(stored[0].text).toContain('10.11');
    expect(stored[0].text).not.toContain('домашнее');
  });
});
