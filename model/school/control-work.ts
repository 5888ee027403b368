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
 * YEAR-6: the days on which a class has more than one control work planned (any subjects or
 * groups), by date then class; each with its works in subject order.
 */
export function controlWorkClashes(works: Array<[string, ControlWork]>): ControlWorkClash[] {
  const byDay = new Map<string, Array<[string, ControlWork]>>();
  for (const w of works) {
    const key = `${w[1].date}|${w[1].classId}`;
    byDay.set(key, [...(byDay.get(key) ?? []), w]);
  }
  return [...byDay.entries()]
    .filter(([, list]) => list.length > 1)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => ({
      classId: list[0][1].classId,
      date: list[0][1].date,
      works: list.sort((a, b) => a[1].subjectId.localeCompare(b[1].subjectId) || a[0].localeCompare(b[0])),
    }));
}
