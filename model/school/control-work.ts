import { isIsoDate, isValidId, type IsoDate } from '../ids.ts';
import { is, recordCollection } from '../doc/record-collection.ts';

/** A planned control work (контрольная работа) of a class or group on a date: «График контрольных работ». */
export interface ControlWork {
  classId: string;
  date: IsoDate;
  subjectId: string;
  groupId: string;
  /** YEAR-12: the КТП topic (`ktp` key) «Заполнить из КТП» made it from; absent on one added by hand. */
  ktpItemId?: string;
}

export const plannedControlWorks = recordCollection<ControlWork>(
  'controlWorks',
  (v): v is ControlWork =>
    is.object(v) &&
    is.string(v.classId) &&
    isIsoDate(v.date) &&
    is.string(v.subjectId) &&
    is.string(v.groupId) &&
    (v.ktpItemId === undefined || isValidId(v.ktpItemId)),
);

/** A class's day with more than one planned control work. */
export interface ControlWorkClash {
  classId: string;
  date: IsoDate;
  works: Array<[string, ControlWork]>;
}

/**
 * The most control works one student of the class can have among `list` (one class, one day):
 * per subject, the whole-class works plus the most of any one group — the groups of a subject
 * share no student (one group per subject, STU-2), the groups of different subjects may.
 */
function mostForOneStudent(list: Array<[string, ControlWork]>): number {
  const perSubject = new Map<string, { whole: number; groups: Map<string, number> }>();
  for (const [, w] of list) {
    const s = perSubject.get(w.subjectId) ?? { whole: 0, groups: new Map<string, number>() };
    if (w.groupId === 'all') s.whole++;
    else s.groups.set(w.groupId, (s.groups.get(w.groupId) ?? 0) + 1);
    perSubject.set(w.subjectId, s);
  }
  return [...perSubject.values()].reduce((n, s) => n + s.whole + Math.max(0, ...s.groups.values()), 0);
}

/**
 * YEAR-6: the days on which a student of a class could have more than one planned control work
 * (any subjects; two groups of one subject are different students), by date then class; each
 * with its works in subject order.
 */
export function controlWorkClashes(works: Array<[string, ControlWork]>): ControlWorkClash[] {
  const byDay = new Map<string, Array<[string, ControlWork]>>();
  for (const w of works) {
    const key = `${w[1].date}|${w[1].classId}`;
    byDay.set(key, [...(byDay.get(key) ?? []), w]);
  }
  return [...byDay.entries()]
    .filter(([, list]) => mostForOneStudent(list) > 1)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => ({
      classId: list[0][1].classId,
      date: list[0][1].date,
      works: list.sort((a, b) => a[1].subjectId.localeCompare(b[1].subjectId) || a[0].localeCompare(b[0])),
    }));
}
