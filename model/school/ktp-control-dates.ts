import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import type { ClassId, GroupId, IsoDate, SubjectId } from '../ids.ts';
import { pageLessons } from '../journal/page.ts';
import { plannedControlWorks, type ControlWork } from './control-work.ts';
import { ktpFor, ktpItems } from './ktp.ts';
import { describeLesson } from './lesson-words.ts';
import { classes } from './staff.ts';
import { subjects } from './subject.ts';
import { allAssignments } from './teaching-load.ts';

/** A control work a teacher's КТП names for one journal page, on the lesson date the plan puts it (YEAR-11). */
export interface KtpControlDate {
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  date: IsoDate;
  ktpItemId: string;
  title: string;
}

/** The page's КТП control works: those on a lesson date, and those the year's lessons do not reach. */
export interface KtpControlPlan {
  dated: readonly KtpControlDate[];
  /** Control topics past the page's last lesson: the plan is longer than the timetable's year. */
  beyond: ReadonlyArray<Omit<KtpControlDate, 'date'>>;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const samePage = (a: { classId: string; subjectId: string; groupId: string }, b: typeof a) =>
  a.classId === b.classId && a.subjectId === b.subjectId && a.groupId === b.groupId;

/**
 * YEAR-11 (the whole computation, once per version of the document, DOC-9): for every page of
 * the teaching load, its КТП (SCH-4: the load teacher's own, else every teacher's, for the
 * subject and the class's grade) laid over the page's lessons of the year as the school year
 * alone plans them (weekly timetable, holidays, substitutions and moves, PAGE-1, MOVE-2): one
 * lesson an hour in plan order (MON-4), a topic falling on the lesson where its first hour is.
 */
export function ktpControlPlan(doc: Y.Doc): KtpControlPlan {
  return derived(doc, 'ktp-control-plan', () => {
    const dated: KtpControlDate[] = [];
    const beyond: Array<Omit<KtpControlDate, 'date'>> = [];
    for (const a of allAssignments(doc)) {
      const cls = classes.get(doc, a.classId);
      if (!cls) continue;
      // Ties of order (only a merge of two offline edits makes them) by key, so every replica agrees.
      const plan = [...ktpFor(doc, a.subjectId, cls.grade, a.teacherId)].sort((x, y) => x[1].order - y[1].order || byId(x[0], y[0]));
      if (!plan.some(([, k]) => k.kind === 'control')) continue;
      const lessons = pageLessons(doc, null, a.classId, a.subjectId, a.groupId);
      let before = 0;
      for (const [ktpItemId, item] of plan) {
        if (item.kind === 'control') {
          const page = { classId: a.classId, subjectId: a.subjectId, groupId: a.groupId, ktpItemId, title: item.title };
          // The hours before it are whole or half: its first hour is in lesson ⌊before⌋ (0-based).
          const lesson = lessons[Math.floor(before + 1e-9)];
          if (lesson) dated.push({ ...page, date: lesson.date });
          else beyond.push(page);
        }
        before += Math.max(0, item.hours);
      }
    }
    const order = (x: Omit<KtpControlDate, 'date'>, y: Omit<KtpControlDate, 'date'>) =>
      byId(x.classId, y.classId) || byId(x.subjectId, y.subjectId) || byId(x.groupId, y.groupId);
    dated.sort((x, y) => byId(x.date, y.date) || order(x, y) || byId(x.ktpItemId, y.ktpItemId));
    return { dated, beyond: beyond.sort(order) };
  });
}

/**
 * YEAR-11: the date of every control work (`kind: 'control'`) of the КТП, per page of the
 * teaching load, by date, class, subject and group (see `ktpControlPlan`).
 *
 * @example ktpControlDates(school).filter((c) => c.classId === '5b') // [{ classId: '5b', subjectId: 'math', groupId: 'all', date: '2026-09-25', ktpItemId: 'x7Gk2pQa', title: 'Контрольная работа № 1' }, …]
 */
export function ktpControlDates(doc: Y.Doc): KtpControlDate[] {
  return ktpControlPlan(doc).dated.map((c) => ({ ...c }));
}

/**
 * YEAR-12: the КТП control works «Заполнить из КТП» adds: those the schedule lacks, each with
 * its `ktpItemId`. One is already there when the schedule has a control work of the same
 * class, subject and group on its date, or one made from the same КТП topic for that page
 * (the deputy may have moved it: filling again must not bring it back on the plan's date).
 */
export function ktpControlWorksToAdd(doc: Y.Doc): ControlWork[] {
  const have: ControlWork[] = plannedControlWorks.all(doc).map(([, w]) => w);
  const out: ControlWork[] = [];
  for (const c of ktpControlPlan(doc).dated) {
    if (have.some((w) => samePage(w, c) && (w.date === c.date || w.ktpItemId === c.ktpItemId))) continue;
    const w: ControlWork = { classId: c.classId, date: c.date, subjectId: c.subjectId, groupId: c.groupId, ktpItemId: c.ktpItemId };
    have.push(w);
    out.push(w);
  }
  return out;
}

/**
 * YEAR-12 (a warning, never a refusal): the КТП control works that fall on no lesson of the
 * year — the plan is longer than the timetable gives the page — one line per page, by class,
 * subject and group: «10А, Биология: «Итоговая контрольная работа»».
 */
export function ktpBeyondYearWarnings(doc: Y.Doc): string[] {
  const pages = new Map<string, Array<Omit<KtpControlDate, 'date'>>>();
  for (const c of ktpControlPlan(doc).beyond) {
    const key = `${c.classId}|${c.subjectId}|${c.groupId}`;
    pages.set(key, [...(pages.get(key) ?? []), c]);
  }
  return [...pages.values()].map((list) => `${describeLesson(doc, list[0])}: ${list.map((c) => `«${c.title}»`).join(', ')}`);
}

/** Where a row of the schedule came from, as the table shows it (YEAR-13). */
export interface ControlWorkOrigin {
  fromKtp: boolean;
  /** «по КТП: Контрольная работа № 1» or «вручную». */
  text: string;
  /** The date the КТП puts the topic on now, when that is not the row's date (the plan or the timetable changed). */
  ktpDate: IsoDate | null;
}

/**
 * YEAR-13: a control work came from the КТП when it names a КТП topic (`ktpItemId`): «по КТП:
 * <тема>» (the topic's title as the КТП has it now, or «тема удалена из КТП»), else «вручную».
 */
export function controlWorkOrigin(doc: Y.Doc, w: ControlWork): ControlWorkOrigin {
  if (w.ktpItemId === undefined) return { fromKtp: false, text: 'вручную', ktpDate: null };
  const now = ktpControlPlan(doc).dated.find((c) => samePage(c, w) && c.ktpItemId === w.ktpItemId);
  const title = now?.title ?? ktpItems.get(doc, w.ktpItemId)?.title;
  return {
    fromKtp: true,
    text: title === undefined ? 'по КТП (тема удалена из КТП)' : `по КТП: ${title}`,
    ktpDate: now && now.date !== w.date ? now.date : null,
  };
}

/**
 * YEAR-13: the schedule's rows in table order: by date, then class (grade, then name), then
 * subject name, then key.
 */
export function sortControlWorks(doc: Y.Doc, works: Array<[string, ControlWork]>): Array<[string, ControlWork]> {
  const cls = (id: string) => classes.get(doc, id);
  const subject = (id: string) => subjects.get(doc, id)?.name ?? id;
  return [...works].sort(
    ([ka, a], [kb, b]) =>
      byId(a.date, b.date) ||
      (cls(a.classId)?.grade ?? 99) - (cls(b.classId)?.grade ?? 99) ||
      (cls(a.classId)?.name ?? a.classId).localeCompare(cls(b.classId)?.name ?? b.classId, 'ru') ||
      subject(a.subjectId).localeCompare(subject(b.subjectId), 'ru') ||
      byId(ka, kb),
  );
}
