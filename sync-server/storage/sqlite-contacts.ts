import type Database from 'better-sqlite3';
import type { ParentContact, StudentPersonal } from '../../model/index.ts';
import type { StudentPersonalStore } from './port.ts';

/**
 * Students' personal data (IMP-9): birth date and parents' contacts, one row per student of a
 * class, apart from the documents. Nothing here is ever synced: the journals hold the roster
 * only, so a teacher's device never carries a parent's phone.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS student_personal (
  class_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  birth_date TEXT,
  parents TEXT NOT NULL,
  PRIMARY KEY (class_id, student_id)
) WITHOUT ROWID;
`;

interface PersonalDbRow {
  class_id: string;
  student_id: string;
  birth_date: string | null;
  parents: string;
}

const toPersonal = (r: PersonalDbRow): StudentPersonal => ({
  classId: r.class_id,
  studentId: r.student_id,
  birthDate: r.birth_date,
  parents: (JSON.parse(r.parents) as ParentContact[]).map((p) => ({ name: p.name, phone: p.phone, email: p.email })),
});

export function migrateContacts(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Statements are prepared on first use: a read-only store from before this table opens without it. */
export function sqliteContacts(db: Database.Database): StudentPersonalStore {
  let putAll: ((records: readonly StudentPersonal[]) => void) | null = null;
  const prepareWrite = () => {
    const upsert = db.prepare(
      `INSERT INTO student_personal (class_id, student_id, birth_date, parents) VALUES (?, ?, ?, ?)
       ON CONFLICT (class_id, student_id) DO UPDATE SET birth_date = excluded.birth_date, parents = excluded.parents`,
    );
    return db.transaction((records: readonly StudentPersonal[]) => {
      for (const r of records) {
        const parents = r.parents.map((p) => ({ name: p.name, phone: p.phone, email: p.email }));
        upsert.run(r.classId, r.studentId, r.birthDate, JSON.stringify(parents));
      }
    });
  };
  return {
    async putStudentPersonal(records) {
      putAll ??= prepareWrite();
      putAll(records);
    },
    async listStudentPersonal(filter) {
      const rows =
        filter.classId === undefined
          ? db.prepare<[], PersonalDbRow>('SELECT * FROM student_personal ORDER BY class_id, student_id').all()
          : db
              .prepare<[string], PersonalDbRow>('SELECT * FROM student_personal WHERE class_id = ? ORDER BY student_id')
              .all(filter.classId);
      return rows.map(toPersonal);
    },
  };
}
