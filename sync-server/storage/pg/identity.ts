import type pg from 'pg';
import type { Role } from '../../../model/index.ts';
import type { ActivationCodeStore, SessionRecord, SessionStore, StudentLink, UserRecord, UserStore } from '../port.ts';
import { inTransaction, isUniqueViolation, type Queryable } from './pool.ts';
import { addLinks, allLinks, linksOf, moveLinks } from './student-links.ts';
import { toCode, type CodeDbRow } from '../code-rows.ts';

/** Users, sessions and activation codes on PostgreSQL; student links in student-links.ts. */

interface UserDbRow {
  id: string;
  login: string;
  name: string;
  roles: string;
  password_hash: string;
  disabled: boolean;
}

interface SessionDbRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

const toUser = (r: UserDbRow, links: StudentLink[]): UserRecord => ({
  id: r.id,
  login: r.login,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  passwordHash: r.password_hash,
  disabled: r.disabled,
  // Staff records carry no links at all, so they read back exactly as they were written.
  ...(links.length > 0 ? { studentLinks: links } : {}),
});

const toSession = (r: SessionDbRow): SessionRecord => ({ id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at });

const CODE_COLUMNS =
  'id, code_hash, user_id, role, name, link_class_id, link_student_id, issued_by, created_at, expires_at, used_at, used_by';

async function writeUser(db: Queryable, u: UserRecord): Promise<void> {
  await db.query('INSERT INTO users (id, login, name, roles, password_hash, disabled) VALUES ($1, $2, $3, $4, $5, $6)', [
    u.id,
    u.login,
    u.name,
    JSON.stringify(u.roles),
    u.passwordHash,
    u.disabled,
  ]);
  await addLinks(db, u.id, u.studentLinks ?? []);
}

const markUsed = (db: Queryable, codeId: string, at: number, userId: string) =>
  db.query('UPDATE activation_codes SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL', [at, userId, codeId]);

export function pgIdentity(pool: pg.Pool): UserStore & SessionStore & ActivationCodeStore {
  const db: Queryable = pool;
  const userWhere = async (column: 'id' | 'login', value: string) => {
    const r = (await db.query<UserDbRow>(`SELECT * FROM users WHERE ${column} = $1`, [value])).rows[0];
    return r ? toUser(r, await linksOf(db, r.id)) : null;
  };
  return {
    async createUser(u) {
      await inTransaction(pool, (tx) => writeUser(tx, u));
    },
    findUserByLogin: (login) => userWhere('login', login),
    findUserById: (id) => userWhere('id', id),
    async listUsers() {
      const links = await allLinks(db);
      const { rows } = await db.query<UserDbRow>('SELECT * FROM users ORDER BY login');
      return rows.map((r) => toUser(r, links.get(r.id) ?? []));
    },
    async usersLinkedTo(link) {
      const { rows } = await db.query<UserDbRow>(
        `SELECT u.* FROM users u JOIN user_student_links l ON l.user_id = u.id
         WHERE l.class_id = $1 AND l.student_id = $2 ORDER BY u.login`,
        [link.classId, link.studentId],
      );
      return Promise.all(rows.map(async (r) => toUser(r, await linksOf(db, r.id))));
    },
    async updateUser(id, patch) {
      const { rowCount } = await db.query(
        `UPDATE users SET name = COALESCE($2, name), roles = COALESCE($3, roles), disabled = COALESCE($4, disabled) WHERE id = $1`,
        [id, patch.name ?? null, patch.roles === undefined ? null : JSON.stringify(patch.roles), patch.disabled ?? null],
      );
      return rowCount === 1;
    },
    async setPassword(id, passwordHash) {
      await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
    },
    async moveStudentLinks(from, to) {
      return inTransaction(pool, async (tx) => {
        // One move at a time: two transfers of one student never interleave their rewrites.
        await tx.query('LOCK TABLE user_student_links IN SHARE ROW EXCLUSIVE MODE');
        return moveLinks(tx, from, to);
      });
    },
    async createSession(s) {
      await db.query('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        s.id,
        s.userId,
        s.createdAt,
        s.expiresAt,
      ]);
    },
    async findSession(id) {
      const r = (await db.query<SessionDbRow>('SELECT * FROM sessions WHERE id = $1', [id])).rows[0];
      return r ? toSession(r) : null;
    },
    async updateSessionExpiry(id, expiresAt) {
      await db.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
    },
    async deleteSession(id) {
      await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    async deleteUserSessions(userId) {
      await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
    async deleteExpiredSessions(now) {
      return (await db.query<SessionDbRow>('DELETE FROM sessions WHERE expires_at <= $1 RETURNING *', [now])).rows.map(toSession);
    },
    async createActivationCode(c) {
      await db.query(`INSERT INTO activation_codes (${CODE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
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
      ]);
    },
    async findActivationCode(codeHash) {
      const r = (await db.query<CodeDbRow>(`SELECT ${CODE_COLUMNS} FROM activation_codes WHERE code_hash = $1`, [codeHash])).rows[0];
      return r ? toCode(r) : null;
    },
    async listActivationCodes(filter) {
      const { rows } =
        filter.classId === undefined
          ? await db.query<CodeDbRow>(`SELECT ${CODE_COLUMNS} FROM activation_codes ORDER BY created_at DESC, pos DESC`)
          : await db.query<CodeDbRow>(
              `SELECT ${CODE_COLUMNS} FROM activation_codes WHERE link_class_id = $1 ORDER BY created_at DESC, pos DESC`,
              [filter.classId],
            );
      return rows.map(toCode);
    },
    async redeemActivationCode(codeId, at, u) {
      try {
        return await inTransaction(pool, async (tx) => {
          const holder = (await tx.query<{ id: string }>('SELECT id FROM users WHERE login = $1', [u.login])).rows[0];
          if (holder && holder.id !== u.id) return 'login-taken' as const;
          // The row lock of this UPDATE makes a code used once, whichever process redeems it.
          if ((await markUsed(tx, codeId, at, u.id)).rowCount !== 1) return 'used' as const;
          const exists = (await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [u.id])).rowCount === 1;
          if (exists) {
            await tx.query('UPDATE users SET login = $2, password_hash = $3, roles = $4, disabled = $5 WHERE id = $1', [
              u.id,
              u.login,
              u.passwordHash,
              JSON.stringify(u.roles),
              u.disabled,
            ]);
          } else {
            await writeUser(tx, u);
          }
          return 'ok' as const;
        });
      } catch (e) {
        // The login was taken between the check and the write (another request, another process):
        // the transaction rolled back, so the code stays unused.
        if (isUniqueViolation(e)) return 'login-taken';
        throw e;
      }
    },
    async redeemActivationCodeAsLink(codeId, at, userId, link) {
      return inTransaction(pool, async (tx) => {
        if ((await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId])).rowCount !== 1) return 'used' as const;
        if ((await markUsed(tx, codeId, at, userId)).rowCount !== 1) return 'used' as const;
        await addLinks(tx, userId, [link]);
        return 'ok' as const;
      });
    },
    async endActivationCode(codeId, at) {
      const { rowCount } = await db.query(
        'UPDATE activation_codes SET expires_at = LEAST(expires_at, $2) WHERE id = $1 AND used_at IS NULL',
        [codeId, at],
      );
      return rowCount === 1;
    },
  };
}
