import type * as Y from 'yjs';
import { curriculumPages, ktpHoursTarget, type KtpHoursTarget } from '../import/ktp-hours.ts';
import type { ClassId, IsoDate, SubjectId, UserId } from '../ids.ts';
import { pageLessons } from '../journal/page.ts';
import { ktpItems, type KtpItem, type KtpKind } from './ktp.ts';
import { classes, staff, type StaffMember } from './staff.ts';
import { subjects } from './subject.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries } from './timetable.ts';

/**
 * One teacher's own КТП of a subject and grade, in plan order (ties, which only a merge of two
 * offline edits makes, by key so every replica shows one order). Unlike `ktpFor` (SCH-4) it
 * never falls back to another teacher's plan: this is what the teacher's editor edits.
 */
export function ownKtp(doc: Y.Doc, teacherId: UserId, subjectId: SubjectId, grade: number): Array<[string, KtpItem]> {
  return ktpItems
    .all(doc)
    .filter(([, k]) => k.teacherId === teacherId && k.subjectId === subjectId && k.grade === grade)
    .sort((a, b) => a[1].order - b[1].order || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A subject and grade a teacher has a КТП for, or teaches (by the load or the timetable). */
export interface KtpPlanChoice {
  subjectId: SubjectId;
  grade: number;
  /** The classes of that grade the teacher teaches the subject in, by name. */
  classIds: ClassId[];
}

/**
 * SETUP-25: the КТП plans a teacher can edit: every subject and grade of their teaching load (SCH-5) or
 * weekly timetable, and any they already have a КТП for (an import does not need the load to
 * stay), by grade and subject name.
 */
export function ktpPlanChoices(doc: Y.Doc, teacherId: UserId): KtpPlanChoice[] {
  const out = new Map<string, KtpPlanChoice>();
  const choice = (subjectId: SubjectId, grade: number) => {
    const key = `${subjectId}:${grade}`;
    const c = out.get(key) ?? { subjectId, grade, classIds: [] };
    out.set(key, c);
    return c;
  };
  const taught = [...allAssignments(doc), ...timetableEntries(doc)];
  for (const a of taught) {
    const cls = classes.get(doc, a.classId);
    if (a.teacherId !== teacherId || !cls) continue;
    const c = choice(a.subjectId, cls.grade);
    if (!c.classIds.includes(a.classId)) c.classIds.push(a.classId);
  }
  for (const [, k] of ktpItems.all(doc)) if (k.teacherId === teacherId) choice(k.subjectId, k.grade);
  const name = (id: string) => subjects.get(doc, id)?.name ?? id;
  const className = (id: string) => classes.get(doc, id)?.name ?? id;
  for (const c of out.values()) c.classIds.sort((a, b) => className(a).localeCompare(className(b), 'ru'));
  return [...out.values()].sort((a, b) => a.grade - b.grade || name(a.subjectId).localeCompare(name(b.subjectId), 'ru'));
}

/** SETUP-25: the staff members who teach something or have a КТП — whom the editor offers — by name. */
export function ktpTeachers(doc: Y.Doc): Array<[UserId, StaffMember]> {
  const teaching = new Set<string>([
    ...allAssignments(doc).map((a) => a.teacherId),
    ...timetableEntries(doc).map((e) => e.teacherId),
    ...ktpItems.all(doc).map(([, k]) => k.teacherId),
  ]);
  return staff
    .all(doc)
    .filter(([id]) => teaching.has(id))
    .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) as Array<[UserId, StaffMember]>;
}

/** A КТП's figures, as the editor shows them above the plan. */
export interface KtpPlanSummary {
  items: Array<[string, KtpItem]>;
  /** The plan's hours. */
  total: number;
  target: KtpHoursTarget;
  /** `total − target hours` (negative: hours missing); null without a target. */
  difference: number | null;
  /** How many topics are control, laboratory and practical works. */
  works: Record<Exclude<KtpKind, 'lesson'>, number>;
}

/**
 * SETUP-28: the figures of a teacher's КТП of a subject and grade: its total hours, what it must
 * total (SETUP-21: the curriculum hours, else the timetable's lessons), the difference, and
 * how many control, laboratory and practical works it names.
 *
 * @example ktpPlanSummary(school, 'u-teacher', 'math', 5) // { total: 168, target: { source: 'curriculum', hours: 170, … }, difference: -2, works: { control: 8, lab: 0, practical: 0 } }
 */
export function ktpPlanSummary(doc: Y.Doc, teacherId: UserId, subjectId: SubjectId, grade: number): KtpPlanSummary {
  const items = ownKtp(doc, teacherId, subjectId, grade);
  const total = Math.round(items.reduce((n, [, k]) => n + k.hours, 0) * 10) / 10;
  const target = ktpHoursTarget(doc, teacherId, subjectId, grade, total);
  const works = { control: 0, lab: 0, practical: 0 };
  for (const [, k] of items) if (k.kind !== 'lesson') works[k.kind]++;
  const difference = target.source === 'none' ? null : Math.round((total - target.hours) * 10) / 10;
  return { items, total, target, difference, works };
}

/**
 * SETUP-29 (a warning, never a refusal): removing a topic the plan puts on lessons already given
 * in some class (its first hour falls on a lesson up to `today`, counting the plan's hours in
 * order, one lesson an hour, MON-4). Those lessons may have been written with this topic: they
 * keep its text, but lose their link to the КТП. Judged from the timetable alone — the journals
 * are not needed — so it may warn of a topic the teacher did not actually pick. Call it before
 * removing: it reads the topic.
 */
export function ktpRemovalWarnings(doc: Y.Doc, key: string, today: IsoDate): string[] {
  const item = ktpItems.get(doc, key);
  if (!item) return [];
  const plan = ownKtp(doc, item.teacherId, item.subjectId, item.grade);
  const before = plan
    .slice(
      0,
      Math.max(
        0,
        plan.findIndex(([k]) => k === key),
      ),
    )
    .reduce((n, [, k]) => n + k.hours, 0);
  const given = curriculumPages(doc, item.teacherId, item.subjectId, item.grade).filter(
    (p) => pageLessons(doc, null, p.classId, item.subjectId, p.groupId).filter((l) => l.date <= today).length > before,
  );
  if (given.length === 0) return [];
  const where = [...new Set(given.map((p) => classes.get(doc, p.classId)?.name ?? p.classId))].join(', ');
  return [
    `Тема «${item.title}» по плану уже пройдена или проходится (${where}): записанные с ней уроки сохранят её текст, но потеряют связь с КТП.`,
  ];
}
