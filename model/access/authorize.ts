import type { LessonId } from '../ids.ts';
import { isEnrolledOn, isInGroup, parseGroupHistory } from '../journal/student.ts';
import { isFinalValue } from '../journal/final.ts';
import { finalColumns, hasFinalIn } from '../journal/final-roster.ts';
import { iupClosedPeriod, iupHiddenProblems, iupPlanProblems } from '../journal/iup-checks.ts';
import { parseIupPlan } from '../journal/iup.ts';
import { absentMarkDecision } from '../journal/absent-marks.ts';
import { markFromTuple, marksOf } from '../journal/mark.ts';
import { MAX_MARKS_PER_LESSON } from '../journal/mark-places.ts';
import { isRemarkFieldValue } from '../journal/remark.ts';
import { isFamilyNoteText, MAX_NOTE_LENGTH } from '../journal/family-note.ts';
import { isAbsenceMark, isAbsenceReason } from '../marking/attendance.ts';
import { isMarkValueAllowed } from '../marking/mark-value.ts';
import { personNameProblem } from '../names.ts';
import { RejectReason } from '../protocol/messages.ts';
import { bellSchedule } from '../school/bells.ts';
import { readDeadlines } from '../school/deadlines.ts';
import { lessonStartsAt } from '../school/lesson-start.ts';
import { parseChangePath, type ChangePath, type JournalChange } from './change-path.ts';
import type { Actor } from './journal-access.ts';
import {
  allow,
  cached,
  closedAt,
  closedOf,
  isClassTeacher,
  isIdOrNull,
  isText,
  refuse,
  rosterOf,
  substitutes,
  systemOf,
  teaches,
  teachesClass,
  type AuthorizeContext,
  type Decision,
} from './authorize-context.ts';

export type { AuthorizeContext, Decision } from './authorize-context.ts';

/**
 * The one rule book for writes into a class journal (PERM-*), run by the server on every
 * changed path of every update and by the client to grey out what the user may not change.
 * Each refusal names its reason; the server compensates it and reports it to the writer.
 */
export function authorize(actor: Actor, change: JournalChange, ctx: AuthorizeContext): Decision {
  const path = parseChangePath(change.map, change.key);
  if (path.kind === 'unknown') return refuse(RejectReason.malformed, `нет такого поля журнала: ${change.map}/${change.key}`);
  // PERM-1: the journal's meta is the server's.
  if (path.kind === 'meta') return refuse(RejectReason.forbidden, 'сведения о журнале меняет только сервер');
  const who = mayWrite(actor, path, ctx);
  if (!who.allowed) return who;
  const closed = closedCheck(path, ctx, change);
  if (closed) return closed;
  const content = contentCheck(path, change.newValue, ctx, actor, change.oldValue);
  return content ?? who;
}

/** PERM-2, PERM-6, PERM-7, PERM-8, PERM-9, IUP-3: who may write what. */
function mayWrite(actor: Actor, path: Exclude<ChangePath, { kind: 'unknown' | 'meta' }>, ctx: AuthorizeContext): Decision {
  const isTeacher = actor.roles.includes('teacher');
  switch (path.kind) {
    case 'lesson':
    case 'mark':
    case 'attendance':
    // NOTE-2: a note to the family is written by exactly those who write the lesson's marks.
    case 'note': {
      const l = path.lesson;
      if (isTeacher && teaches(ctx, actor.userId, l.subjectId, l.groupId)) return allow();
      if (isTeacher && substitutes(ctx, actor.userId, l)) return allow(true);
      return refuse(RejectReason.forbidden, 'это не ваш урок: писать может учитель предмета по нагрузке или замещающий по замене');
    }
    case 'final':
      if (isTeacher && teaches(ctx, actor.userId, path.subjectId, path.groupId)) return allow();
      return refuse(RejectReason.forbidden, 'итоговую отметку ставит учитель предмета');
    case 'reason':
      if (isClassTeacher(ctx, actor.userId)) return allow();
      return refuse(RejectReason.forbidden, 'причину пропуска указывает классный руководитель');
    case 'student':
      if (actor.roles.includes('admin')) return allow();
      if (path.field === 'name' && isClassTeacher(ctx, actor.userId)) return allow();
      // IUP-3: individual study plans are set up by the deputy too (the regulations' «ИУП»).
      if (path.field === 'iup' && actor.roles.includes('deputy')) return allow();
      return refuse(
        RejectReason.forbidden,
        path.field === 'iup'
          ? 'индивидуальный учебный план вносят заместитель директора и администратор'
          : 'список класса ведёт администратор (ФИО — также классный руководитель)',
      );
    case 'remark':
      if (actor.roles.includes('deputy') && path.field !== 'answer') return allow();
      // REM-2: the teacher's answer comes with the state «answered» (its value is checked below).
      if ((path.field === 'answer' || path.field === 'state') && isTeacher && teachesClass(ctx, actor.userId)) return allow();
      return refuse(RejectReason.forbidden, 'замечания пишет заместитель директора, ответ — учитель');
  }
}

/** PERM-10, IUP-5: nothing dated in a closed period is written through the journal. */
function closedCheck(path: ChangePath, ctx: AuthorizeContext, change: JournalChange): Decision | null {
  const closed = (name: string) =>
    refuse(RejectReason.periodClosed, `период «${name}» закрыт; исправление — через заместителя директора с указанием причины`);
  if (path.kind === 'lesson' || path.kind === 'mark' || path.kind === 'attendance' || path.kind === 'note') {
    const p = closedAt(ctx, path.lesson.date);
    return p ? closed(p[1].name) : null;
  }
  if (path.kind === 'reason') {
    const p = closedAt(ctx, path.date);
    return p ? closed(p[1].name) : null;
  }
  const closedFinal = path.kind === 'final' ? closedOf(ctx).find(([id]) => id === path.periodId) : undefined;
  if (closedFinal) return closed(closedFinal[1].name);
  if (path.kind === 'student' && path.field === 'iup') {
    const name = iupClosedPeriod(ctx.school, ctx.classId, ctx.grade, change.oldValue ?? null, change.newValue ?? null);
    return name ? closed(name) : null;
  }
  return null;
}

/** PERM-3, PERM-4, PERM-5, PERM-15: what may be written. Removal (null) is always a valid value. */
function contentCheck(path: ChangePath, value: unknown, ctx: AuthorizeContext, actor: Actor, oldValue?: unknown): Decision | null {
  const invalid = (what: string) => refuse(RejectReason.invalidValue, `недопустимое значение: ${what}`);
  const removing = value === null || value === undefined;
  switch (path.kind) {
    case 'mark': {
      if (removing) return rosterCheck(path, ctx);
      const early = notBegunCheck(path.lesson, ctx);
      if (early) return early;
      const system = systemOf(ctx, path.lesson.subjectId);
      if (system === 'none') {
        const why = ctx.grade <= 1 ? 'в 1 классе отметки не ставятся' : `по этому предмету в ${ctx.grade} классе отметки не ставятся`;
        return refuse(RejectReason.gradeOne, why);
      }
      const mark = markFromTuple(value);
      if (!mark || !isMarkValueAllowed(system, mark.v)) return invalid(JSON.stringify(value));
      // MARK-6: judged on the journal as the update left it, so a full cell refuses a fifth mark.
      if (marksOf(ctx.journal, path.lesson.id as LessonId, path.studentId).length > MAX_MARKS_PER_LESSON)
        return refuse(RejectReason.invalidValue, `за один урок — не больше ${MAX_MARKS_PER_LESSON} отметок`);
      return rosterCheck(path, ctx) ?? absentMarkDecision(ctx, path, value);
    }
    case 'attendance':
      if (!removing && !isAbsenceMark(value)) return invalid(JSON.stringify(value));
      if (!removing) {
        const early = notBegunCheck(path.lesson, ctx);
        if (early) return early;
      }
      return rosterCheck(path, ctx) ?? absentMarkDecision(ctx, path, value);
    case 'lesson':
      if (path.field === 'homework' && ctx.grade <= 1 && !removing && value !== '')
        return refuse(RejectReason.gradeOne, 'в 1 классе домашнее задание не задаётся');
      if (path.field === 'topic' || path.field === 'homework') return isText(value) ? null : invalid('текст');
      if (path.field === 'substitute') {
        // PERM-6: only the registered substitute marks the lesson as theirs.
        return value === null || (value === actor.userId && substitutes(ctx, actor.userId, path.lesson)) ? null : invalid('замена');
      }
      // ATT-4: a fact, not a text: true or removed. Grade 1 keeps attendance too.
      if (path.field === 'attendanceChecked') {
        if (removing) return null;
        return value === true ? notBegunCheck(path.lesson, ctx) : invalid('отметка «посещаемость отмечена»');
      }
      return isIdOrNull(value) ? null : invalid(path.field);
    case 'final': {
      if (removing) return null;
      // FIN-4: a column of the class's grade, for a student who is on the page on its last day.
      const column = finalColumns(ctx.school, ctx.grade, path.subjectId).find((c) => c.id === path.periodId);
      if (!column) return invalid(`нет такого учебного периода ${ctx.grade} класса: «${path.periodId}»`);
      const s = rosterOf(ctx).get(path.studentId);
      if (!s || !hasFinalIn(s, path.groupId, path.subjectId, column))
        return refuse(
          RejectReason.notOnRoster,
          `ученика нет на этой странице на конец периода «${column.name}»: итоговая отметка не ставится`,
        );
      const system = systemOf(ctx, path.subjectId);
      if (system === 'none') return refuse(RejectReason.gradeOne, 'в 1 классе итоговые отметки не ставятся');
      const v = typeof value === 'object' && value !== null ? (value as { v?: unknown }).v : undefined;
      // FIN-1: a final is a mark of the subject's system, never "н/а" or "осв.".
      return isFinalValue(v) && isMarkValueAllowed(system, v) ? null : invalid('итоговая отметка');
    }
    case 'reason':
      return removing || isAbsenceReason(value) ? null : invalid('причина пропуска');
    case 'note':
      // NOTE-1, NOTE-2: 1–500 characters, stored trimmed; for a student on the lesson's roster that day.
      if (!removing && !isFamilyNoteText(value))
        return invalid(`замечание родителям — от 1 до ${MAX_NOTE_LENGTH} символов без пробелов по краям`);
      return rosterCheck(path, ctx);
    case 'student':
      if (path.field === 'name') {
        // PERM-15: a name through sync passes the import's check (STU-11), said in Russian.
        const problem = typeof value === 'string' && value !== '' ? personNameProblem(value, 'ФИО ученика') : 'ФИО ученика не указано';
        return problem ? refuse(RejectReason.invalidValue, `недопустимое значение: ${problem}`) : null;
      }
      if (path.field === 'groups') return Array.isArray(value) && value.every(isIdOrNull) ? null : invalid('группы');
      // STU-8: the groups held before each group transfer.
      if (path.field === 'groupHistory') return removing || parseGroupHistory(value) ? null : invalid('группы до перевода');
      if (path.field === 'iup') {
        // IUP-4: a plan of this class's subjects and groups, inside the school year, with its basis.
        const problems = removing ? [] : iupPlanProblems(ctx.school, ctx.classId, value);
        if (problems.length) return refuse(RejectReason.invalidValue, `недопустимый ИУП: ${problems.join(' ')}`);
        // IUP-6: nor one (or a removal) that takes recorded marks or absences off the pages; judged against the plan it replaces.
        const s = rosterOf(ctx).get(path.studentId);
        const hidden = s
          ? iupHiddenProblems(ctx.school, ctx.journal, { ...s, iup: parseIupPlan(oldValue) ?? undefined }, parseIupPlan(value))
          : [];
        return hidden.length ? refuse(RejectReason.invalidValue, `недопустимый ИУП: ${hidden.join(' ')}`) : null;
      }
      return value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) ? null : invalid('дата');
    case 'remark':
      if (!isRemarkFieldValue(path.field, value ?? null)) return invalid('замечание');
      if (path.field !== 'state') return null;
      // REM-2: the deputy opens and closes a remark; the teacher only marks it answered.
      if (actor.roles.includes('deputy')) return removing || value === 'open' || value === 'closed' ? null : invalid('состояние замечания');
      // A closed remark stays closed: only the deputy reopens it (REM-2).
      if (oldValue === 'closed') return refuse(RejectReason.forbidden, 'замечание закрыто: открыть его снова может заместитель директора');
      return value === 'answered' ? null : refuse(RejectReason.forbidden, 'закрыть или открыть замечание может заместитель директора');
    default:
      return null;
  }
}

/**
 * PERM-13: marks and attendance only in a lesson that has begun — its bell (by slot) on its date
 * in the school's zone (TIME-1), or the start of its day where the slot has no bell. Topics and
 * homework may be written ahead; removals are always allowed.
 */
function notBegunCheck(lesson: { date: string; slot: number }, ctx: AuthorizeContext): Decision | null {
  if (ctx.now === undefined) return null;
  const m = cached(ctx);
  const starts = (m.starts ??= new Map(bellSchedule(ctx.school).map((b) => [b.slot, b.bell.starts])));
  const offset = (m.offset ??= readDeadlines(ctx.school).utcOffsetMinutes);
  if (lessonStartsAt(lesson, starts, offset) <= ctx.now) return null;
  const when = `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)} в ${starts.get(lesson.slot) ?? '00:00'}`;
  return refuse(RejectReason.notBegun, `урок ещё не начался (${when}): отметки и посещаемость ставятся с начала урока`);
}

/** PERM-4, NOTE-2: a mark, absence or note to the family is for a student on the page's roster on the lesson's date. */
function rosterCheck(path: Extract<ChangePath, { kind: 'mark' | 'attendance' | 'note' }>, ctx: AuthorizeContext): Decision | null {
  const s = rosterOf(ctx).get(path.studentId);
  if (s && isEnrolledOn(s, path.lesson.date) && isInGroup(s, path.lesson.groupId, path.lesson.date, path.lesson.subjectId)) return null;
  return refuse(RejectReason.notOnRoster, 'ученика нет в списке этой страницы на дату урока');
}
