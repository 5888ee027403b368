import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { classes, journalDocName, listStudents, parseDocName, type ClassId, type Role } from '../../model/index.ts';
import type { ValidSession } from '../auth/sessions.ts';
import { issueCode, publicCode } from './code-issue.ts';
import { readBody, type IdentityDeps } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const FAMILY_ROLES: readonly Role[] = ['parent', 'student'];

/**
 * Codes for parents and students (AUTH-14): issued by the class teacher of the student's class
 * and nobody else, because the class teacher is the one who knows the families. The class
 * teacher is `classes[classId].classTeacherId` in the school-year document.
 */
export function classCodeRoutes(deps: IdentityDeps) {
  const { storage } = deps;
  const app = new Hono<AppEnv>();

  const requireClassTeacher = async (auth: ValidSession | null, classId: string) => {
    const { user } = requireAuth(auth);
    const schoolClass = classes.get(await deps.schoolDoc(), classId as ClassId);
    if (!schoolClass) throw new HTTPException(404, { message: 'Класс не найден' });
    if (!user.roles.includes('teacher') || schoolClass.classTeacherId !== user.id) {
      throw new HTTPException(403, { message: 'Коды для родителей и учеников выдаёт классный руководитель этого класса' });
    }
    return user;
  };

  app.get('/class/:classId/codes', async (c) => {
    const classId = c.req.param('classId');
    await requireClassTeacher(c.get('auth'), classId);
    const now = deps.now();
    return c.json({ codes: (await storage.listActivationCodes({ classId })).map((r) => publicCode(r, now)) });
  });

  app.post('/class/:classId/codes', async (c) => {
    const classId = c.req.param('classId');
    const teacher = await requireClassTeacher(c.get('auth'), classId);
    const body = await readBody(c);
    const role = body.role as Role;
    if (!FAMILY_ROLES.includes(role)) throw new HTTPException(400, { message: 'Код выдаётся родителю или ученику' });
    const yearId = parseDocName(deps.schoolDocName)?.yearId;
    const roster = yearId ? listStudents(await deps.readDoc(journalDocName(classId as ClassId, yearId))) : [];
    const student = roster.find((s) => s.id === body.studentId);
    if (!student) throw new HTTPException(400, { message: 'Ученик не найден в списке класса' });
    let name = `${student.name} (ученик)`;
    if (role === 'parent') {
      if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 200)) {
        throw new HTTPException(400, { message: 'Некорректное имя родителя' });
      }
      name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : `Родитель: ${student.name}`;
    }
    const { code, record } = await issueCode(
      storage,
      { userId: null, role, name, studentLink: { classId, studentId: student.id }, issuedBy: teacher.id },
      deps.now(),
    );
    return c.json({ code, ...publicCode(record, deps.now()) });
  });

  return app;
}
