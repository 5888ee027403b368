import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store as servers before AUTH-26 left it: one link per account, in two columns of `users`. */
async function oldStore(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'journal-sqlite-'));
  const file = join(dir, 'journal.sqlite');
  await openSqliteStorage(file).close();
  const db = new Database(file);
  db.exec(`DROP TABLE user_student_links;
    ALTER TABLE users ADD COLUMN link_class_id TEXT; ALTER TABLE users ADD COLUMN link_student_id TEXT;`);
  const insert = db.prepare(
    'INSERT INTO users (id, login, name, roles, password_hash, disabled, link_class_id, link_student_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  insert.run('p1', 'mama', 'Мама', '["parent"]', 'h', '5b', 'st1');
  insert.run('s1', 'kid', 'Ученик', '["student"]', 'h', '5b', 'st1');
  insert.run('t1', 'teacher', 'Учитель', '["teacher"]', 'h', null, null);
  db.close();
  return file;
}

const columns = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>('PRAGMA table_info(users)')
      .all()
      .map((c) => c.name);
  } finally {
    db.close();
  }
};

it('AUTH-27: an older store keeps each link: copied to the links table, the old columns dropped, never copied twice', async () => {
  const file = await oldStore();
  // The export command reads a store read-only, maybe before any server of this version migrated it.
  const readOnly = openSqliteStorage(file, { readonly: true });
  expect((await readOnly.findUserById('p1'))?.studentLinks).toEqual([{ classId: '5b', studentId: 'st1' }]);
  await readOnly.close();

  let storage = openSqliteStorage(file);
  expect((await storage.findUserByLogin('mama'))?.studentLinks).toEqual([{ classId: '5b', studentId: 'st1' }]);
  expect((await storage.findUserById('s1'))?.studentLinks).toEqual([{ classId: '5b', studentId: 'st1' }]);
  expect(await storage.findUserById('t1')).not.toHaveProperty('studentLinks');
  expect(columns(file)).not.toContain('link_class_id');
  // A transfer after the migration stays: opening the store again does not bring the old link back.
  expect(await storage.moveStudentLinks({ classId: '5b', studentId: 'st1' }, { classId: '10a', studentId: 'st1' })).toBe(2);
  await storage.close();
  storage = openSqliteStorage(file);
  expect((await storage.findUserById('p1'))?.studentLinks).toEqual([{ classId: '10a', studentId: 'st1' }]);
  await storage.close();
});
