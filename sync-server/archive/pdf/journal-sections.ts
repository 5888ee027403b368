import type * as Y from 'yjs';
import {
  allAssignments,
  everInGroup,
  wasInGroupBetween,
  formatAbsence,
  formatMark,
  listStudents,
  marksOf,
  pageLessons,
  parseLessonId,
  periodAt,
  readAbsence,
  readFinal,
  readJournalMeta,
  readLesson,
  rootMap,
  subjects,
  workTypes,
  type ClassId,
  type GroupId,
  type IsoDate,
  type LessonId,
  type LessonRecord,
  type MarkingSystem,
  type PeriodId,
  type Student,
  type SubjectId,
  type UserId,
} from '../../../model/index.ts';
import { iupNames } from '../../../model/journal/iup.ts';
import type { PrintNames } from './print-names.ts';

/**
 * What the journal printout shows, as data: per subject and group of the class (the pages of
 * the paper journal), per study period, the students, the lessons with their cells, records and
 * finals. Everything is read through the model's accessors (PAGE-1 for the lessons, STU-1…3 for
 * the roster, MARK-7 and ATT-3 for how a cell is written, FIN-1 for finals).
 */

export interface PrintedLesson {
  id: LessonId;
  date: IsoDate;
  /** The lesson's number in the subject's year (1, 2, …), as the paper journal counts hours. */
  number: number;
  record: LessonRecord;
  /** The short name of a work type heavier than an oral answer («КР»), else "". */
  workTag: string;
  /** Who taught it in place of the teacher (a registered substitution or a substitute's record). */
  substitute: UserId | null;
}

export interface JournalSection {
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId | null;
  marking: MarkingSystem;
  period: { id: PeriodId; name: string; startsOn: IsoDate; endsOn: IsoDate } | null;
  students: Student[];
  lessons: PrintedLesson[];
  /** «5 4 н» for `lessonId:studentId`; absent when the cell is empty. */
  cells: Map<string, string>;
  /** The period final of each student (absent when none), or null when the page has no finals column. */
  finals: Map<string, string> | null;
}

/** Subject and group pages of the class: the teaching load plus any page the journal has entries for. */
function pagesOf(journal: Y.Doc, school: Y.Doc | null, classId: ClassId, names: PrintNames) {
  const pages = new Map<string, { subjectId: SubjectId; groupId: GroupId; teacherId: UserId | null }>();
  for (const a of school ? allAssignments(school) : []) {
    if (a.classId === classId)
      pages.set(`${a.subjectId}:${a.groupId}`, { subjectId: a.subjectId, groupId: a.groupId, teacherId: a.teacherId });
  }
  for (const map of ['lessons', 'marks', 'attendance']) {
    rootMap(journal, map).forEach((_v, key) => {
      const k = parseLessonId(key.slice(0, key.indexOf(':')));
      if (k && !pages.has(`${k.subjectId}:${k.groupId}`))
        pages.set(`${k.subjectId}:${k.groupId}`, { subjectId: k.subjectId, groupId: k.groupId, teacherId: null });
    });
  }
  // The school's catalogue order (Русский язык, Литература, …), then groups by name.
  const order = new Map((school ? subjects.all(school) : []).map(([id], i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? order.size;
  return [...pages.values()].sort(
    (a, b) =>
      rank(a.subjectId) - rank(b.subjectId) ||
      a.subjectId.localeCompare(b.subjectId) ||
      names.group(a.groupId).localeCompare(names.group(b.groupId), 'ru'),
  );
}

/** PAGE-1's lessons of a page; without a school year, the lessons the journal has entries for. */
function lessonsOf(journal: Y.Doc, school: Y.Doc | null, classId: ClassId, subjectId: SubjectId, groupId: GroupId) {
  if (school) return pageLessons(school, journal, classId, subjectId, groupId);
  const ids = new Set<string>();
  for (const map of ['lessons', 'marks', 'attendance']) rootMap(journal, map).forEach((_v, key) => ids.add(key.slice(0, key.indexOf(':'))));
  return [...ids]
    .map((id) => ({ id: id as LessonId, key: parseLessonId(id) }))
    .filter((l) => l.key && l.key.subjectId === subjectId && l.key.groupId === groupId)
    .map((l) => ({ id: l.id, date: l.key!.date, slot: l.key!.slot, substituteId: null as UserId | null }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
}

function cellOf(journal: Y.Doc, lessonId: LessonId, student: Student): string {
  const marks = marksOf(journal, lessonId, student.id).map((m) => formatMark(m.value));
  const absence = readAbsence(journal, lessonId, student.id);
  return [...marks, ...(absence ? [formatAbsence(absence)] : [])].join(' ');
}

/**
 * The sections of the printout: one per subject page and study period, in catalogue and date
 * order. Lessons planned after `asOf` with nothing recorded are left out (the paper journal has
 * no columns for days still to come); anything recorded is printed whatever its date.
 */
export function journalSections(journal: Y.Doc, school: Y.Doc | null, names: PrintNames, asOf: IsoDate): JournalSection[] {
  const classId = (readJournalMeta(journal)?.classId ?? '') as ClassId;
  const grade = names.grade;
  const roster = listStudents(journal);
  const out: JournalSection[] = [];
  for (const page of pagesOf(journal, school, classId, names)) {
    const marking = names.marking(page.subjectId);
    const onPage = roster.filter((s) => everInGroup(s, page.groupId, page.subjectId));
    const planned = lessonsOf(journal, school, classId, page.subjectId, page.groupId).map((l, i) => {
      const record = readLesson(journal, l.id);
      const type = school && record.workType ? workTypes.get(school, record.workType) : undefined;
      return {
        id: l.id,
        date: l.date,
        number: i + 1,
        record,
        workTag: type && type.weight > 1 ? type.short : '',
        substitute: l.substituteId ?? record.substitute,
      };
    });
    const byPeriod = new Map<string, { period: JournalSection['period']; lessons: PrintedLesson[]; cells: Map<string, string> }>();
    for (const l of planned) {
      const cells = new Map<string, string>();
      for (const s of onPage) {
        const text = cellOf(journal, l.id, s);
        if (text) cells.set(`${l.id}:${s.id}`, text);
      }
      if (l.date > asOf && cells.size === 0 && !l.record.topic && !l.record.homework) continue;
      const p = school ? periodAt(school, grade, l.date) : undefined;
      const key = p?.[0] ?? '';
      const section = byPeriod.get(key) ?? {
        period: p ? { id: p[0] as PeriodId, name: p[1].name, startsOn: p[1].startsOn, endsOn: p[1].endsOn } : null,
        lessons: [] as PrintedLesson[],
        cells: new Map<string, string>(),
      };
      section.lessons.push(l);
      for (const [k, v] of cells) section.cells.set(k, v);
      byPeriod.set(key, section);
    }
    for (const s of byPeriod.values()) {
      const first = s.lessons[0].date;
      const last = s.lessons[s.lessons.length - 1].date;
      // STU-1 over the period's lessons: on the page on any of its dates (the client's rule).
      // IUP-2: a student on an individual plan for the subject only where the plan leaves them on this page.
      const inRange = onPage.filter(
        (st) =>
          (st.enrolledOn === null || st.enrolledOn <= last) &&
          (st.leftOn === null || st.leftOn > first) &&
          (!iupNames(st.iup, page.subjectId) || wasInGroupBetween(st, page.groupId, first, last, page.subjectId)),
      );
      let finals: Map<string, string> | null = null;
      if (s.period && marking !== 'none') {
        finals = new Map();
        for (const st of inRange) {
          const v = readFinal(journal, page.subjectId, page.groupId, s.period.id, st.id);
          if (v !== null) finals.set(st.id, formatMark(v));
        }
      }
      out.push({ ...page, marking, period: s.period, students: inRange, lessons: s.lessons, cells: s.cells, finals });
    }
  }
  return out;
}
