import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  classes,
  journalDocName,
  listStudents,
  parseDocName,
  readDeadlines,
  readSchoolMeta,
  schoolDate,
  type ClassId,
  type Role,
} from '../../model/index.ts';
import type { ValidSession } from '../auth/sessions.ts';
import { codeSlipsPdf } from '../reports/code-slips-pdf.ts';
import type { StudentLink } from '../storage/port.ts';
import { familyCodeName, issueCode, publicCode } from './code-issue.ts';
import { readBody, type IdentityDeps } from './identity-deps.ts';
import { issueMeetingCodes } from './meeting-codes.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const FAMILY_ROLES: readonly Role[] = ['parent', 'student'];

/**
 * Where a family enters a code: the address the teacher's browser used for this request (its
 * Origin, already checked against the server's own by AUTH-3), and the client's activation
 * route (client/state/router.ts). A proxy's inner address never reaches the paper this way.
 */
const activationUrl = (c: Context) => `${c.req.header('origin') ?? new URL(c.req.url).origin}/#/activate`;

/** LOG-1: who got a code, never the code (LOG-2). */
const issuedObject = (role: Role, link: StudentLink, how: string) => `${role} class=${link.classId} student=${link.studentId}${how}`;

/**
 * Codes for parents and students (AUTH-14): issued by the class teacher of the student's class
 * and nobody else, because the class teacher is the one who knows the families. The class
 * teacher is `classes[classId].classTeacherId` in the school-year document.
 */
export function classCodeRoutes(deps: IdentityDeps) {
  const { storage } = deps;
  const app = new Hono<AppEnv>();

  const rosterOf = async (classId: string) => {
    const yearId = parseDocName(deps.schoolDocName)?.yearId;
    return yearId ? listStudents(await deps.readDoc(journalDocName(classId as ClassId, yearId))) : [];
  };

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
    const student = (await rosterOf(classId)).find((s) => s.id === body.studentId);
    if (!student) throw new HTTPException(400, { message: 'Ученик не найден в списке класса' });
    if (role === 'parent' && body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 200)) {
      throw new HTTPException(400, { message: 'Некорректное имя родителя' });
    }
    const name = familyCodeName(role as 'parent' | 'student', student.name, typeof body.name === 'string' ? body.name : undefined);
    const link = { classId, studentId: student.id };
    const { code, record } = await issueCode(storage, { userId: null, role, name, studentLink: link, issuedBy: teacher.id }, deps.now());
    await deps.accessLog.record(c, 'code-issue', issuedObject(role, link, ''));
    return c.json({ code, ...publicCode(record, deps.now()) });
  });

  // AUTH-25: the codes of a parents' meeting, all at once, as one printable sheet of slips.
  app.post('/class/:classId/codes/meeting', async (c) => {
    const classId = c.req.param('classId');
    const teacher = await requireClassTeacher(c.get('auth'), classId);
    const school = await deps.schoolDoc();
    const { utcOffsetMinutes } = readDeadlines(school);
    const now = deps.now();
    const issued = await issueMeetingCodes(storage, {
      classId,
      roster: await rosterOf(classId),
      today: schoolDate(now, utcOffsetMinutes),
      issuedBy: teacher.id,
      now,
    });
    if (issued.length === 0) {
      throw new HTTPException(409, { message: 'Коды не нужны: у всех учеников класса и их родителей учётные записи уже активированы' });
    }
    for (const i of issued)
      await deps.accessLog.record(c, 'code-issue', issuedObject(i.role, { classId, studentId: i.student.id }, ' (собрание)'));
    const className = classes.get(school, classId as ClassId)?.name ?? classId;
    const pdf = await codeSlipsPdf({
      schoolName: readSchoolMeta(school)?.schoolName ?? '',
      className,
      activationUrl: activationUrl(c),
      slips: issued.map((i) => ({ role: i.role, studentName: i.student.name, code: i.code, expiresAt: i.record.expiresAt })),
      printedAt: new Date(now),
      printedBy: teacher.name,
      utcOffsetMinutes,
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        // Class ids are plain ASCII ids; anything else is replaced, so the header cannot be broken.
        'Content-Disposition': `attachment; filename="codes-${classId.replace(/[^\w-]/g, '_')}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Codes-Issued': String(issued.length),
      },
    });
  });

  return app;
}
