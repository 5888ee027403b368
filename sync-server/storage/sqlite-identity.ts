import type Database from 'better-sqlite3';
import type { Role } from '../../model/index.ts';
import type {
  AccessLogStore,
  ActivationCodeStore,
  SessionRecord,
  SessionStore,
  SignInFailureStore,
  StudentLink,
  UserRecord,
  UserStore,
} from './port.ts';
import { migrateAccessLog, sqliteAccessLog } from './sqlite-access-log.ts';
import { migrateSignIn, sqliteSignIn } from './sqlite-sign-in.ts';
import { migrateStudentLinks, studentLinkRows } from './sqlite-student-links.ts';
import { toCode, type CodeDbRow } from './code-rows.ts';

/**
 * Users, sessions, activation codes, sign-in failures and the access log: the identity half of
 * the SQLite adapter. Accounts' student links are in sqlite-student-links.ts.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS activation_codes (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  user_id TEXT,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  link_class_id TEXT,
  link_student_id TEXT,
  issued_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by TEXT
);
CREATE INDEX IF NOT EXISTS activation_codes_class ON activation_codes(link_class_id);
`;

interface UserDbRow {
  id: string;
  login: string;
  name: string;
  roles: string;
  password_hash: string;
  disabled: number;
}

const toUser = (r: UserDbRow, links: StudentLink[]): UserRecord => ({
  id: r.id,
  login: r.login,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  passwordHash: r.password_hash,
  disabled: r.disabled !== 0,
  // Staff records carry no links at all, so they read back exactly as they were written.
  ...(links.length > 0 ? { studentLinks: links } : {}),
});

/** Creates the identity tables; the one student link of older stores moves to the links table. */
export function migrateIdentity(db: Database.Database): void {
  db.exec(SCHEMA);
  migrateSignIn(db);
  migrateAccessLog(db);
  migrateStudentLinks(db);
}

export function sqliteIdentity(
  db: Database.Database,
): UserStore & SessionStore & ActivationCodeStore & SignInFailureStore & AccessLogStore {
  const userById = db.prepare<[string], UserDbRow>('SELECT * FROM users WHERE id = ?');
  const userByLogin = db.prepare<[string], UserDbRow>('SELECT * FROM users WHERE login = ?');
  const links = studentLinkRows(db);
  const withLinks = (r: UserDbRow | undefined) => (r ? toUser(r, links.of(r.id)) : null);
  const insertUser = db.prepare('INSERT INTO users (id, login, name, roles, password_hash, disabled) VALUES (?, ?, ?, ?, ?, ?)');
  const sessionById = db.prepare<[string], { id: string; user_id: string; created_at: number; expires_at: number }>(
    'SELECT * FROM sessions WHERE id = ?',
  );
  const writeUser = db.transaction((u: UserRecord) => {
    insertUser.run(u.id, u.login, u.name, JSON.stringify(u.roles), u.passwordHash, u.disabled ? 1 : 0);
    links.add(u.id, u.studentLinks ?? []);
  });

  const redeem = db.transaction((codeId: string, at: number, u: UserRecord): 'ok' | 'used' | 'login-taken' => {
    const holder = userByLogin.get(u.login);
    if (holder && holder.id !== u.id) return 'login-taken';
    const marked = db
      .prepare('UPDATE activation_codes SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
      .run(at, u.id, codeId);
    if (marked.changes !== 1) return 'used';
    if (userById.get(u.id)) {
      db.prepare('UPDATE users SET login = ?, password_hash = ?, roles = ?, disabled = ? WHERE id = ?').run(
        u.login,
        u.passwordHash,
        JSON.stringify(u.roles),
        u.disabled ? 1 : 0,
        u.id,
      );
    } else {
      writeUser(u);
    }
    return 'ok';
  });
  const redeemAsLink = db.transaction((codeId: string, at: number, userId: string, link: StudentLink): 'ok' | 'used' => {
    if (!userById.get(userId)) return 'used';
    const marked = db
      .prepare('UPDATE activation_codes SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
      .run(at, userId, codeId);
    if (marked.changes !== 1) return 'used';
    links.add(userId, [link]);
    return 'ok';
  });

  // Asked on every journal commit with marks (NOTIF-2): prepared once, on first use (after the
  // links' migration, which runs once this adapter is built).
  let linkedTo: Database.Statement<[string, string], UserDbRow> | null = null;

  return {
    ...sqliteSignIn(db),
    ...sqliteAccessLog(db),
    async createUser(u) {
      writeUser(u);
    },
    async findUserByLogin(login) {
      return withLinks(userByLogin.get(login));
    },
    async findUserById(id) {
      return withLinks(userById.get(id));
    },
    async listUsers() {
      const all = links.all();
      return db
        .prepare<[], UserDbRow>('SELECT * FROM users ORDER BY login')
        .all()
        .map((r) => toUser(r, all.get(r.id) ?? []));
    },
    async usersLinkedTo(link) {
      linkedTo ??= db.prepare<[string, string], UserDbRow>(
        `SELECT u.* FROM users u JOIN user_student_links l ON l.user_id = u.id
         WHERE l.class_id = ? AND l.student_id = ? ORDER BY u.login`,
      );
      return linkedTo.all(link.classId, link.studentId).map((r) => toUser(r, links.of(r.id)));
    },
    async updateUser(id, patch) {
      if (!userById.get(id)) return false;
      db.transaction(() => {
        if (patch.name !== undefined) db.prepare('UPDATE users SET name = ? WHERE id = ?').run(patch.name, id);
        if (patch.roles !== undefined) db.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(patch.roles), id);
        if (patch.disabled !== undefined) db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(patch.disabled ? 1 : 0, id);
      })();
      return true;
    },
    async setPassword(id, passwordHash) {
      db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    },
    async moveStudentLinks(from, to) {
      return links.move(from, to);
    },
    async createSession(s) {
      db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
        s.id,
        s.userId,
        s.createdAt,
        s.expiresAt,
      );
    },
    async findSession(id) {
      const r = sessionById.get(id);
      return r ? ({ id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at } satisfies SessionRecord) : null;
    },
    async updateSessionExpiry(id, expiresAt) {
      db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
    },
    async deleteSession(id) {
      db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    },
    async deleteUserSessions(userId) {
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    },
    async deleteExpiredSessions(now) {
      return db
        .prepare<[number], { id: string; user_id: string; created_at: number; expires_at: number }>(
          'DELETE FROM sessions WHERE expires_at <= ? RETURNING *',
        )
        .all(now)
        .map((r) => ({ id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at }));
    },
    async createActivationCode(c) {
      db.prepare(
        `INSERT INTO activation_codes (id, code_hash, user_id, role, name, link_class_id, link_student_id, issued_by, created_at, expires_at, used_at, used_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        c.id,
        c.codeHash,
        c.userId,
        c.role,
        c.name,
        c.studentLink?.classId ?? null,
        c.studentLink?.studentId ?? null,
        c.issuedBy,
        c.createdAt,
        c.expiresAt,
        c.usedAt,
        c.usedBy,
      );
    },
    async findActivationCode(codeHash) {
      const r = db.prepare<[string], CodeDbRow>('SELECT * FROM activation_codes WHERE code_hash = ?').get(codeHash);
      return r ? toCode(r) : null;
    },
    async listActivationCodes(filter) {
      const rows =
        filter.classId === undefined
          ? db.prepare<[], CodeDbRow>('SELECT * FROM activation_codes ORDER BY created_at DESC, rowid DESC').all()
          : db
              .prepare<[string], CodeDbRow>('SELECT * FROM activation_codes WHERE link_class_id = ? ORDER BY created_at DESC, rowid DESC')
              .all(filter.classId);
      return rows.map(toCode);
    },
    async redeemActivationCode(codeId, at, user) {
      return redeem.immediate(codeId, at, user);
    },
    async redeemActivationCodeAsLink(codeId, at, userId, link) {
      return redeemAsLink.immediate(codeId, at, userId, link);
    },
    async endActivationCode(codeId, at) {
      const ended = db
        .prepare('UPDATE activation_codes SET expires_at = MIN(expires_at, ?) WHERE id = ? AND used_at IS NULL')
        .run(at, codeId);
      return ended.changes === 1;
    },
  };
}
