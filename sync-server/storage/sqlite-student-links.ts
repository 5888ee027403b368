import type Database from 'better-sqlite3';
import type { StudentLink } from './port.ts';

/**
 * AUTH-26, AUTH-27: the students each account belongs to, one row a link, so that a parent of two
 * children keeps one account. The rowid keeps the order the links were made in (the first child
 * first); a class transfer rewrites a link in place and keeps its place.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS user_student_links (
  user_id TEXT NOT NULL REFERENCES users(id),
  class_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  PRIMARY KEY (user_id, class_id, student_id)
);
CREATE INDEX IF NOT EXISTS user_student_links_student ON user_student_links(class_id, student_id);
`;

const hasTable = (db: Database.Database, name: string) =>
  db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.n > 0;

const hasLegacyColumns = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>('PRAGMA table_info(users)')
    .all()
    .some((c) => c.name === 'link_class_id');

/**
 * Creates the links table. A store from before it kept one link in `users.link_class_id` and
 * `users.link_student_id`: each is copied into the table and the two columns dropped, in one
 * transaction, so a link moved later can never be brought back by a second copy.
 */
export function migrateStudentLinks(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    if (!hasLegacyColumns(db)) return;
    db.exec(`INSERT OR IGNORE INTO user_student_links (user_id, class_id, student_id)
      SELECT id, link_class_id, link_student_id FROM users
      WHERE link_class_id IS NOT NULL AND link_student_id IS NOT NULL ORDER BY rowid`);
    db.exec('ALTER TABLE users DROP COLUMN link_class_id; ALTER TABLE users DROP COLUMN link_student_id;');
  })();
}

interface LinkRow {
  user_id: string;
  class_id: string;
  student_id: string;
}

export interface StudentLinkRows {
  /** The links of one account, oldest first. */
  of(userId: string): StudentLink[];
  /** Every account's links, oldest first, by account id. */
  all(): Map<string, StudentLink[]>;
  /** Adds links to an account; one it already has is kept once. Call inside the caller's transaction. */
  add(userId: string, links: readonly StudentLink[]): void;
  /** See `UserStore.moveStudentLinks`. */
  move(from: StudentLink, to: StudentLink): number;
}

const toLink = (r: LinkRow): StudentLink => ({ classId: r.class_id, studentId: r.student_id });

function grouped(rows: readonly LinkRow[]): Map<string, StudentLink[]> {
  const out = new Map<string, StudentLink[]>();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), toLink(r)]);
  return out;
}

/**
 * The links of the store. A read-only store (the export command) may be one that no server of
 * this version has migrated yet: it is read from the old columns then, never written.
 */
export function studentLinkRows(db: Database.Database): StudentLinkRows {
  if (!hasTable(db, 'user_student_links')) {
    const legacy = hasLegacyColumns(db)
      ? db
          .prepare<[], LinkRow>(
            'SELECT id AS user_id, link_class_id AS class_id, link_student_id AS student_id FROM users WHERE link_class_id IS NOT NULL AND link_student_id IS NOT NULL',
          )
          .all()
      : [];
    const byUser = grouped(legacy);
    return {
      of: (userId) => byUser.get(userId) ?? [],
      all: () => byUser,
      add: () => {
        throw new Error('The store has no student links table: it was opened read-only before its migration');
      },
      move: () => {
        throw new Error('The store has no student links table: it was opened read-only before its migration');
      },
    };
  }
  const ofUser = db.prepare<[string], LinkRow>('SELECT * FROM user_student_links WHERE user_id = ? ORDER BY rowid');
  const every = db.prepare<[], LinkRow>('SELECT * FROM user_student_links ORDER BY rowid');
  const insert = db.prepare('INSERT OR IGNORE INTO user_student_links (user_id, class_id, student_id) VALUES (?, ?, ?)');
  const holders = db.prepare<[string, string], { user_id: string }>(
    'SELECT DISTINCT user_id FROM user_student_links WHERE class_id = ? AND student_id = ?',
  );
  // OR IGNORE: an account that already has the target keeps its own row; the old one is deleted next.
  const rewrite = db.prepare('UPDATE OR IGNORE user_student_links SET class_id = ?, student_id = ? WHERE class_id = ? AND student_id = ?');
  const remove = db.prepare('DELETE FROM user_student_links WHERE class_id = ? AND student_id = ?');
  const move = db.transaction((from: StudentLink, to: StudentLink) => {
    const count = holders.all(from.classId, from.studentId).length;
    if (from.classId === to.classId && from.studentId === to.studentId) return count;
    rewrite.run(to.classId, to.studentId, from.classId, from.studentId);
    remove.run(from.classId, from.studentId);
    return count;
  });
  return {
    of: (userId) => ofUser.all(userId).map(toLink),
    all: () => grouped(every.all()),
    add: (userId, links) => {
      for (const l of links) insert.run(userId, l.classId, l.studentId);
    },
    move: (from, to) => move.immediate(from, to),
  };
}
