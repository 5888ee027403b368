import { addDays, type IsoDate } from '../../../model/index.ts';
import { subjectName, type DiaryData } from './diary-data.ts';

/** A homework as the family plans the evening by it: what, in which subject, for which day. */
export interface HomeworkItem {
  /** The lesson it was given at. */
  lessonId: string;
  subject: string;
  group: string | null;
  homework: string;
  givenOn: IsoDate;
}

export interface HomeworkDay {
  date: IsoDate;
  items: HomeworkItem[];
  /** The subjects with a control work planned that day. */
  controls: string[];
}

/**
 * DIARY-31: the days from `from` for `days` days that something is due on: the homework given at
 * a lesson, under the date of its next lesson (`homeworkDue`), and the control works planned
 * (`controls`); by date, the subjects in alphabetical order. A homework without a due date (no
 * lesson of the subject left this year) is not «ahead» of anything and is left out.
 */
export function homeworkAhead(d: DiaryData, from: IsoDate, days = 14): HomeworkDay[] {
  const to = addDays(from, days - 1);
  const byDate = new Map<IsoDate, HomeworkDay>();
  const dayOf = (date: IsoDate) => {
    let day = byDate.get(date);
    if (!day) byDate.set(date, (day = { date, items: [], controls: [] }));
    return day;
  };
  for (const [lessonId, l] of Object.entries(d.lessons)) {
    const due = l.homeworkDue;
    if (!l.homework.trim() || due === null || due < from || due > to) continue;
    dayOf(due).items.push({ lessonId, subject: subjectName(d, l.subjectId), group: l.group, homework: l.homework, givenOn: l.date });
  }
  for (const c of Object.values(d.controls)) {
    if (c.date < from || c.date > to) continue;
    const day = dayOf(c.date);
    const name = subjectName(d, c.subjectId);
    if (!day.controls.includes(name)) day.controls.push(name);
  }
  const ru = (a: string, b: string) => a.localeCompare(b, 'ru');
  return [...byDate.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({
      ...day,
      items: day.items.sort((a, b) => ru(a.subject, b.subject) || ru(a.group ?? '', b.group ?? '') || a.givenOn.localeCompare(b.givenOn)),
      controls: day.controls.sort(ru),
    }));
}
