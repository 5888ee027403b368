import { isIsoDate, isValidId, type GroupId, type IsoDate, type PeriodId, type StudentId, type SubjectId } from '../ids.ts';
import { parseLessonId, LESSON_FIELDS, type LessonField, type LessonKey } from '../journal/lesson.ts';
import { parseMarkPlace } from '../journal/mark-places.ts';
import { REMARK_FIELDS as REMARK_FIELD_LIST } from '../journal/remark.ts';

/**
 * One changed entry of a class journal, as the server reads it from an applied update: which
 * map and key, the value before and after (undefined = absent).
 */
export interface JournalChange {
  map: string;
  key: string;
  oldValue: unknown;
  newValue: unknown;
}

/** A journal key parsed into what it is about; `unknown` for anything malformed (PERM-1). */
export type ChangePath =
  | { kind: 'lesson'; lesson: LessonKey & { id: string }; field: LessonField }
  | { kind: 'mark'; lesson: LessonKey & { id: string }; studentId: StudentId; place: string }
  | { kind: 'attendance'; lesson: LessonKey & { id: string }; studentId: StudentId }
  | { kind: 'note'; lesson: LessonKey & { id: string }; studentId: StudentId }
  | { kind: 'reason'; studentId: StudentId; date: IsoDate }
  | { kind: 'final'; subjectId: SubjectId; groupId: GroupId; periodId: PeriodId; studentId: StudentId }
  | { kind: 'student'; studentId: StudentId; field: string }
  | { kind: 'remark'; remarkId: string; field: string }
  | { kind: 'meta'; key: string }
  | { kind: 'unknown'; map: string; key: string };

// IUP-1: `iup` is the student's individual study plan.
const STUDENT_FIELDS = new Set(['name', 'groups', 'enrolledOn', 'leftOn', 'groupHistory', 'iup']);
// REM-1: a remark's fields, its page (subject, group) among them.
const REMARK_FIELDS = new Set<string>(REMARK_FIELD_LIST);

/** Parses a changed key of a journal map (PERM-1: only well-formed keys of known maps are writable). */
export function parseChangePath(map: string, key: string): ChangePath {
  const parts = key.split(':');
  const unknown: ChangePath = { kind: 'unknown', map, key };
  const lessonOf = (id: string) => {
    const k = parseLessonId(id);
    return k ? { ...k, id } : null;
  };
  switch (map) {
    case 'meta':
      return { kind: 'meta', key };
    case 'lessons': {
      const lesson = parts.length === 2 ? lessonOf(parts[0]) : null;
      const field = parts[1] as LessonField;
      return lesson && LESSON_FIELDS.includes(field) ? { kind: 'lesson', lesson, field } : unknown;
    }
    case 'marks': {
      const lesson = parts.length === 3 ? lessonOf(parts[0]) : null;
      const place = parts.length === 3 ? parseMarkPlace(parts[2]) : null;
      const ok = lesson && place && isValidId(parts[1]);
      return ok ? { kind: 'mark', lesson, studentId: parts[1] as StudentId, place: parts[2] } : unknown;
    }
    case 'attendance': {
      const lesson = parts.length === 2 ? lessonOf(parts[0]) : null;
      return lesson && isValidId(parts[1]) ? { kind: 'attendance', lesson, studentId: parts[1] as StudentId } : unknown;
    }
    case 'notes': {
      // NOTE-1: a note to the family is keyed like an absence mark.
      const lesson = parts.length === 2 ? lessonOf(parts[0]) : null;
      return lesson && isValidId(parts[1]) ? { kind: 'note', lesson, studentId: parts[1] as StudentId } : unknown;
    }
    case 'reasons':
      return parts.length === 2 && isValidId(parts[0]) && isIsoDate(parts[1])
        ? { kind: 'reason', studentId: parts[0] as StudentId, date: parts[1] }
        : unknown;
    case 'finals':
      return parts.length === 4 && parts.every(isValidId)
        ? {
            kind: 'final',
            subjectId: parts[0] as SubjectId,
            groupId: parts[1] as GroupId,
            periodId: parts[2] as PeriodId,
            studentId: parts[3] as StudentId,
          }
        : unknown;
    case 'students':
      return parts.length === 2 && isValidId(parts[0]) && STUDENT_FIELDS.has(parts[1])
        ? { kind: 'student', studentId: parts[0] as StudentId, field: parts[1] }
        : unknown;
    case 'remarks':
      return parts.length === 2 && isValidId(parts[0]) && REMARK_FIELDS.has(parts[1])
        ? { kind: 'remark', remarkId: parts[0], field: parts[1] }
        : unknown;
    default:
      return unknown;
  }
}
