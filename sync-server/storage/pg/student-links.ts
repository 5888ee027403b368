import type { StudentLink } from '../port.ts';
import type { Queryable } from './pool.ts';

/**
 * AUTH-26, AUTH-27 on PostgreSQL: the students each account belongs to, one row a link; `pos`
 * (an identity column) keeps the order the links were made in, and a move rewrites a link in
 * place, so it keeps its place.
 */

interface LinkRow {
  user_id: string;
  class_id: string;
  student_id: string;
}

const toLink = (r: LinkRow): StudentLink => ({ classId: r.class_id, studentId: r.student_id });

/** The links of one account, oldest first. */
export async function linksOf(db: Queryable, userId: string): Promise<StudentLink[]> {
  const { rows } = await db.query<LinkRow>('SELECT * FROM user_student_links WHERE user_id = $1 ORDER BY pos', [userId]);
  return rows.map(toLink);
}

/** Every account's links, oldest first, by account id. */
export async function allLinks(db: Queryable): Promise<Map<string, StudentLink[]>> {
  const { rows } = await db.query<LinkRow>('SELECT user_id, class_id, student_id FROM user_student_links ORDER BY pos');
  const out = new Map<string, StudentLink[]>();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), toLink(r)]);
  return out;
}

/** Adds links to an account; one it already has is kept once. Run inside the caller's transaction. */
export async function addLinks(db: Queryable, userId: string, links: readonly StudentLink[]): Promise<void> {
  for (const l of links) {
    await db.query('INSERT INTO user_student_links (user_id, class_id, student_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      userId,
      l.classId,
      l.studentId,
    ]);
  }
}

/** See `UserStore.moveStudentLinks`. Run inside the caller's transaction. */
export async function moveLinks(db: Queryable, from: StudentLink, to: StudentLink): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT COUNT(DISTINCT user_id)::int AS n FROM user_student_links WHERE class_id = $1 AND student_id = $2',
    [from.classId, from.studentId],
  );
  const count = rows[0].n;
  if (from.classId === to.classId && from.studentId === to.studentId) return count;
  // An account that already has the target keeps its own row; its old one goes.
  await db.query(
    `DELETE FROM user_student_links l WHERE l.class_id = $1 AND l.student_id = $2
     AND EXISTS (SELECT 1 FROM user_student_links t WHERE t.user_id = l.user_id AND t.class_id = $3 AND t.student_id = $4)`,
    [from.classId, from.studentId, to.classId, to.studentId],
  );
  await db.query('UPDATE user_student_links SET class_id = $3, student_id = $4 WHERE class_id = $1 AND student_id = $2', [
    from.classId,
    from.studentId,
    to.classId,
    to.studentId,
  ]);
  return count;
}
