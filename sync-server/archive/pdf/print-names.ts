import type * as Y from 'yjs';
import {
  classes,
  groups,
  markingOf,
  readJournalMeta,
  readSchoolMeta,
  staff,
  subjects,
  WHOLE_CLASS,
  type IsoDate,
  type MarkingSystem,
} from '../../../model/index.ts';
import { ruDate } from '../journal-csv.ts';

/**
 * The names a printout shows, read from the school-year document of the export; an id stands in
 * for a name the school year lacks (or when the export holds no school year), so nothing is
 * left blank silently.
 */
export interface PrintNames {
  schoolName: string;
  yearTitle: string;
  className: string;
  grade: number;
  classTeacher: string;
  subject(id: string): string;
  /** The subject's marking system in this class's grade (MARK-3, YEAR-10). */
  marking(id: string): MarkingSystem;
  /** "" for the whole class. */
  group(id: string): string;
  person(userId: string | null): string;
  /** «Соколов Д. А.»: the short form, for narrow columns. */
  personShort(userId: string | null): string;
}

export function printNames(journal: Y.Doc, school: Y.Doc | null): PrintNames {
  const meta = readJournalMeta(journal);
  const classId = meta?.classId ?? '';
  const schoolMeta = school ? readSchoolMeta(school) : undefined;
  const schoolClass = school ? classes.get(school, classId) : undefined;
  const person = (id: string | null) => (id ? ((school && staff.get(school, id)?.name) ?? id) : '');
  const grade = meta?.grade ?? schoolClass?.grade ?? 0;
  return {
    schoolName: schoolMeta?.schoolName ?? meta?.schoolId ?? '',
    yearTitle: schoolMeta?.title ?? `${meta?.yearId ?? ''} учебный год`,
    className: meta?.className ?? schoolClass?.name ?? classId,
    grade,
    classTeacher: person(schoolClass?.classTeacherId ?? null),
    subject: (id) => (school && subjects.get(school, id)?.name) ?? id,
    marking: (id) => markingOf(school ? subjects.get(school, id) : undefined, grade),
    group: (id) => (id === WHOLE_CLASS ? '' : ((school && groups.get(school, id)?.name) ?? id)),
    person,
    personShort: (id) => (id ? ((school && staff.get(school, id)?.short) ?? person(id)) : ''),
  };
}

/** «прибыл(а) 09.11.2026», «выбыл(а) 16.10.2026»: what the roster says about a student's dates. */
export function rosterNote(s: { enrolledOn: IsoDate | null; leftOn: IsoDate | null }): string {
  return [s.enrolledOn ? `прибыл(а) ${ruDate(s.enrolledOn)}` : '', s.leftOn ? `выбыл(а) ${ruDate(s.leftOn)}` : '']
    .filter(Boolean)
    .join(', ');
}
