import type * as Y from 'yjs';
import { joinKey, splitKey } from '../doc/flat-map.ts';
import { is } from '../doc/record-collection.ts';
import { WHOLE_CLASS, type ClassId, type GroupId, type SubjectId, type UserId } from '../ids.ts';
import { bells } from './bells.ts';
import { ROOM_MAX_LENGTH, rooms, sameRoom } from './room.ts';
import { classes, groups, staff } from './staff.ts';
import { subjects } from './subject.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries, type TimetableEntry } from './timetable.ts';

/** Where a weekly lesson stands: the parts of its key `classId:weekday:slot:subjectId:groupId` (SCH-6). */
export type TimetablePlace = Pick<TimetableEntry, 'classId' | 'weekday' | 'slot' | 'subjectId' | 'groupId'>;

/** What the timetable stores under a key. */
export interface TimetableValue {
  teacherId: string;
  room: string;
}

/** «в понедельник» … «в субботу», as a clash names the day. */
const ON_DAY = ['', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];
const NUMBER = /^[1-9]\d?$/;

export function timetableKey(p: TimetablePlace): string {
  return joinKey(p.classId, p.weekday, p.slot, p.subjectId, p.groupId);
}

/** The parts of a timetable key, or null when it is not five parts with whole weekday and slot numbers as the editor writes them. */
export function parseTimetableKey(key: string): TimetablePlace | null {
  const parts = splitKey(key);
  if (parts.length !== 5 || parts.some((p) => p === '')) return null;
  const [classId, weekday, slot, subjectId, groupId] = parts;
  if (!NUMBER.test(weekday) || !NUMBER.test(slot)) return null;
  return {
    classId: classId as ClassId,
    weekday: Number(weekday),
    slot: Number(slot),
    subjectId: subjectId as SubjectId,
    groupId: groupId as GroupId,
  };
}

/** What one weekly lesson clashes with at its weekday and slot; each the first found. */
export interface TimetableClashes<T> {
  /** SETUP-15: a lesson of the same class where one of the two is for the whole class. */
  inClass?: T;
  /** SETUP-14: another lesson of the same teacher. */
  teacher?: T;
  /** SETUP-16: another lesson in the same room. */
  room?: T;
}

/**
 * SETUP-14, SETUP-15, SETUP-16: the lessons among `others` that `e` cannot stand beside at its
 * weekday and slot. Shared by the editor's check and the timetable import (IMP-12), which
 * passes the lessons it keeps and the file's earlier rows; `e`'s own key is never a clash.
 */
export function timetableClashes<T extends TimetableEntry>(e: TimetableEntry, others: Iterable<T>): TimetableClashes<T> {
  const key = timetableKey(e);
  const out: TimetableClashes<T> = {};
  for (const o of others) {
    if (o.weekday !== e.weekday || o.slot !== e.slot || timetableKey(o) === key) continue;
    if (!out.inClass && o.classId === e.classId && (o.groupId === WHOLE_CLASS || e.groupId === WHOLE_CLASS)) out.inClass = o;
    if (!out.teacher && o.teacherId === e.teacherId) out.teacher = o;
    if (!out.room && sameRoom(o.room, e.room)) out.room = o;
  }
  return out;
}

/** Names for the problems: a class, subject, group and teacher as the deputy knows them. */
function namesOf(doc: Y.Doc) {
  const className = (id: string) => classes.get(doc, id)?.name ?? id;
  const subjectName = (id: string) => subjects.get(doc, id)?.name ?? id;
  const teacherShort = (id: string) => staff.get(doc, id)?.short ?? id;
  const groupPart = (id: string) => (id === WHOLE_CLASS ? '' : ` (${groups.get(doc, id)?.name ?? id})`);
  /** «5Б, «Английский язык» (1 группа)». */
  const lesson = (e: Pick<TimetablePlace, 'classId' | 'subjectId' | 'groupId'>) =>
    `${className(e.classId)}, «${subjectName(e.subjectId)}»${groupPart(e.groupId)}`;
  const when = (e: TimetablePlace) => `${ON_DAY[e.weekday] ?? `в день ${e.weekday}`} на ${e.slot}-м уроке`;
  return { className, subjectName, teacherShort, lesson, when };
}

/**
 * SETUP-12: a weekly lesson's key is well formed; its class and subject exist; its group is
 * the whole class (`all`) or a group of that class for that subject; the weekday is 1–6
 * (Monday … Saturday); the bell schedule has its slot; its room is at most 20 characters.
 * SETUP-13: its teacher is a staff member.
 * SETUP-14: the teacher has no other lesson at that weekday and slot (another class, or the same
 * class with another subject or group). SETUP-15: a whole-class lesson has no other lesson of
 * the class beside it. SETUP-16: a room (when given) holds no other lesson at that time.
 *
 * `replaces` is the key of a lesson the same edit removes (the editor changing a lesson's subject
 * or group moves it to a new key); it is left out of the comparisons, like `key` itself.
 */
export function timetableRecordProblems(doc: Y.Doc, key: string, value: TimetableValue, replaces?: string): string[] {
  const p = parseTimetableKey(key);
  if (!p) return [`Запись расписания «${key}» повреждена: ключ не «класс:день:урок:предмет:группа».`];
  if (!is.object(value) || !is.string(value.teacherId) || !is.string(value.room)) return ['Запись расписания повреждена.'];
  const n = namesOf(doc);
  const out: string[] = [];
  if (!classes.get(doc, p.classId)) out.push(`Класса «${p.classId}» нет в учебном году.`);
  if (!subjects.get(doc, p.subjectId)) out.push(`Предмета «${p.subjectId}» нет в учебном плане.`);
  if (p.groupId !== WHOLE_CLASS) {
    const g = groups.get(doc, p.groupId);
    if (!g || g.classId !== p.classId || g.subjectId !== p.subjectId)
      out.push(`В ${n.className(p.classId)} нет группы «${p.groupId}» по предмету «${n.subjectName(p.subjectId)}».`);
  }
  if (p.weekday < 1 || p.weekday > 6) out.push('День недели — от понедельника до субботы (1–6).');
  if (!bells.get(doc, String(p.slot))) out.push(`Урока № ${p.slot} нет в расписании звонков.`);
  if (value.room.length > ROOM_MAX_LENGTH) out.push(`Кабинет «${value.room}» длиннее ${ROOM_MAX_LENGTH} знаков.`);
  if (value.teacherId === '') out.push('Укажите учителя.');
  else if (!staff.get(doc, value.teacherId)) out.push(`Учителя «${value.teacherId}» нет среди сотрудников.`);

  const e: TimetableEntry = { ...p, teacherId: value.teacherId as UserId, room: value.room };
  const others = replaces === undefined ? timetableEntries(doc) : timetableEntries(doc).filter((o) => timetableKey(o) !== replaces);
  const c = timetableClashes(e, others);
  if (c.inClass) out.push(`У ${n.className(p.classId)} ${n.when(p)} уже стоит «${n.subjectName(c.inClass.subjectId)}».`);
  if (c.teacher && value.teacherId !== '')
    out.push(`${n.teacherShort(value.teacherId)} ${n.when(p)} уже ведёт урок: ${n.lesson(c.teacher)}.`);
  if (c.room) out.push(`Кабинет «${value.room.trim()}» ${n.when(p)} занят (${n.teacherShort(c.room.teacherId)}): ${n.lesson(c.room)}.`);
  return out;
}

/**
 * SETUP-17 (a warning, never refusing): the lesson's teacher is not the one the teaching load
 * names for the class, subject and group, or the load names none: the journal's rights follow
 * the load (ACC-1), not the timetable.
 */
export function loadTeacherWarnings(doc: Y.Doc, key: string, value: TimetableValue): string[] {
  const p = parseTimetableKey(key);
  if (!p || !is.object(value) || !is.string(value.teacherId)) return [];
  const n = namesOf(doc);
  const planned = allAssignments(doc).find((a) => a.classId === p.classId && a.subjectId === p.subjectId && a.groupId === p.groupId);
  if (!planned) return [`${n.lesson(p)}: в нагрузке учитель не назначен (права на журнал даёт нагрузка).`];
  if (planned.teacherId === value.teacherId) return [];
  return [
    `${n.lesson(p)}: по нагрузке ведёт ${n.teacherShort(planned.teacherId)}, в расписании — ${n.teacherShort(value.teacherId)} (права на журнал даёт нагрузка).`,
  ];
}

/** SETUP-18 (a warning, never refusing): the lesson's room is not in the rooms list — a typo, or a room not listed yet. */
export function unlistedRoomWarnings(doc: Y.Doc, _key: string, value: TimetableValue): string[] {
  if (!is.object(value) || !is.string(value.room) || value.room.trim() === '') return [];
  return rooms.all(doc).some(([k]) => sameRoom(k, value.room)) ? [] : [`Кабинета «${value.room.trim()}» нет в списке кабинетов.`];
}

/** The non-blocking warnings of one weekly lesson, shown beside it: SETUP-17, then SETUP-18. */
export function timetableWarnings(doc: Y.Doc, key: string, value: TimetableValue): string[] {
  return [...loadTeacherWarnings(doc, key, value), ...unlistedRoomWarnings(doc, key, value)];
}

/** One line of «по плану / в расписании»: a subject (and group) of a class. */
export interface WeeklyHours {
  subjectId: SubjectId;
  groupId: GroupId;
  /** Curriculum hours per week for the class's grade (YEAR-4); undefined = not set. */
  planned: number | undefined;
  /** Lessons per week the timetable gives this group: its own and the whole class's. */
  scheduled: number;
}

/**
 * SETUP-19: per subject of a class (its load, its timetable, and the subjects with curriculum
 * hours for its grade), the lessons per week the timetable gives against the curriculum hours
 * per week; a subject split into groups is counted per group, the whole-class lessons counting
 * for every group. In subject name order, then group.
 */
export function weeklyHours(doc: Y.Doc, classId: string): WeeklyHours[] {
  const cls = classes.get(doc, classId);
  if (!cls) return [];
  const entries = timetableEntries(doc).filter((e) => e.classId === classId);
  const pairs = new Map<string, Set<string>>();
  const add = (subjectId: string, groupId: string) => pairs.set(subjectId, (pairs.get(subjectId) ?? new Set()).add(groupId));
  for (const a of allAssignments(doc)) if (a.classId === classId) add(a.subjectId, a.groupId);
  for (const e of entries) add(e.subjectId, e.groupId);
  for (const [id, s] of subjects.all(doc)) if ((s.hours?.[String(cls.grade)] ?? 0) > 0) add(id, WHOLE_CLASS);
  const n = namesOf(doc);
  const groupName = (id: string) => (id === WHOLE_CLASS ? '' : (groups.get(doc, id)?.name ?? id));
  const rows: WeeklyHours[] = [];
  for (const [subjectId, set] of pairs) {
    const split = [...set].filter((g) => g !== WHOLE_CLASS);
    const planned = subjects.get(doc, subjectId)?.hours?.[String(cls.grade)];
    for (const groupId of split.length > 0 ? split : [WHOLE_CLASS]) {
      const scheduled = entries.filter((e) => e.subjectId === subjectId && (e.groupId === groupId || e.groupId === WHOLE_CLASS)).length;
      rows.push({ subjectId: subjectId as SubjectId, groupId: groupId as GroupId, planned, scheduled });
    }
  }
  return rows.sort(
    (a, b) =>
      n.subjectName(a.subjectId).localeCompare(n.subjectName(b.subjectId), 'ru') ||
      groupName(a.groupId).localeCompare(groupName(b.groupId), 'ru'),
  );
}

/** SETUP-19: the subjects of a class whose lessons per week differ from the curriculum hours set for its grade. */
export function timetableHoursWarnings(doc: Y.Doc, classId: string): string[] {
  const n = namesOf(doc);
  return weeklyHours(doc, classId)
    .filter((r) => r.planned !== undefined && r.planned !== r.scheduled)
    .map((r) => `${n.lesson({ ...r, classId: classId as ClassId })}: по плану ${r.planned} ч в неделю, в расписании ${r.scheduled}.`);
}
