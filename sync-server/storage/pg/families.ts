import type pg from 'pg';
import type { ParentContact, StudentPersonal } from '../../../model/index.ts';
import type { DiaryAck, DiaryAckKind, DiaryAckStore, DiaryNoticeRow } from '../diary-acks-port.ts';
import type { StudentPersonalStore } from '../port.ts';
import { inTransaction, type Queryable } from './pool.ts';

/**
 * What the server keeps for families, apart from the documents, on PostgreSQL: students'
 * personal data (IMP-9), what families read and confirmed (DIARY-20) and the notices sent to
 * them (DIARY-27). The primary keys make acks and notices idempotent: the first one stays.
 */

interface PersonalDbRow {
  class_id: string;
  student_id: string;
  birth_date: string | null;
  parents: string;
}

interface AckRow {
  student_id: string;
  user_id: string;
  kind: string;
  item: string;
  at: number;
}

interface NoticeRow {
  student_id: string;
  id: string;
  text: string;
  from_name: string;
  at: number;
}

const parentsOf = (parents: readonly ParentContact[]) => parents.map((p) => ({ name: p.name, phone: p.phone, email: p.email }));

const toPersonal = (r: PersonalDbRow): StudentPersonal => ({
  classId: r.class_id,
  studentId: r.student_id,
  birthDate: r.birth_date,
  parents: parentsOf(JSON.parse(r.parents) as ParentContact[]),
});
const toAck = (r: AckRow): DiaryAck => ({
  userId: r.user_id,
  studentId: r.student_id,
  kind: r.kind as DiaryAckKind,
  item: r.item,
  at: r.at,
});
const toNotice = (r: NoticeRow): DiaryNoticeRow => ({ id: r.id, studentId: r.student_id, text: r.text, from: r.from_name, at: r.at });

export function pgFamilies(pool: pg.Pool): StudentPersonalStore & DiaryAckStore {
  const db: Queryable = pool;
  return {
    async putStudentPersonal(records) {
      await inTransaction(pool, async (tx) => {
        for (const r of records) {
          await tx.query(
            `INSERT INTO student_personal (class_id, student_id, birth_date, parents) VALUES ($1, $2, $3, $4)
             ON CONFLICT (class_id, student_id) DO UPDATE SET birth_date = EXCLUDED.birth_date, parents = EXCLUDED.parents`,
            [r.classId, r.studentId, r.birthDate, JSON.stringify(parentsOf(r.parents))],
          );
        }
      });
    },
    async listStudentPersonal(filter) {
      const { rows } =
        filter.classId === undefined
          ? await db.query<PersonalDbRow>('SELECT * FROM student_personal ORDER BY class_id, student_id')
          : await db.query<PersonalDbRow>('SELECT * FROM student_personal WHERE class_id = $1 ORDER BY student_id', [filter.classId]);
      return rows.map(toPersonal);
    },
    async recordDiaryAck(a) {
      await db.query('INSERT INTO diary_acks (student_id, user_id, kind, item, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        a.studentId,
        a.userId,
        a.kind,
        a.item,
        a.at,
      ]);
    },
    async diaryAcks(filter) {
      if (filter.studentIds.length === 0) return [];
      // One array parameter, however many students: no statement grows with the school.
      const { rows } = await db.query<AckRow>(
        'SELECT * FROM diary_acks WHERE student_id = ANY($1::text[]) ORDER BY at, student_id, user_id, kind, item',
        [[...new Set(filter.studentIds)]],
      );
      return rows.map(toAck);
    },
    async addDiaryNotice(n) {
      await db.query('INSERT INTO diary_notices (student_id, id, text, from_name, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        n.studentId,
        n.id,
        n.text,
        n.from,
        n.at,
      ]);
    },
    async diaryNotices(studentId, limit = 20) {
      const { rows } = await db.query<NoticeRow>('SELECT * FROM diary_notices WHERE student_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [
        studentId,
        Math.max(0, Math.floor(limit)),
      ]);
      return rows.map(toNotice);
    },
  };
}
