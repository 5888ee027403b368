import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import { is, recordCollection } from '../doc/record-collection.ts';
import type { ClassId, UserId } from '../ids.ts';

/** A staff member as teachers see them offline: a name, nothing more personal. */
export interface StaffMember {
  name: string;
  short: string;
}

export const staff = recordCollection<StaffMember>(
  'staff',
  (v): v is StaffMember => is.object(v) && is.string(v.name) && is.string(v.short),
);

/** A class (класс) such as "7А", its grade and its class teacher. */
export interface SchoolClass {
  name: string;
  grade: number;
  classTeacherId: UserId | null;
}

export const classes = recordCollection<SchoolClass>(
  'classes',
  (v): v is SchoolClass =>
    is.object(v) && is.string(v.name) && is.number(v.grade) && (v.classTeacherId === null || is.string(v.classTeacherId)),
);

/**
 * The classes of each class teacher, built once per version of the school year (DOC-9), so that
 * deciding one teacher's access (ACC-3) never reads every class.
 */
export function classesByClassTeacher(doc: Y.Doc): ReadonlyMap<UserId, readonly ClassId[]> {
  return derived(doc, 'classes:byClassTeacher', () => {
    const out = new Map<UserId, ClassId[]>();
    for (const [classId, c] of classes.all(doc)) {
      if (c.classTeacherId === null) continue;
      const list = out.get(c.classTeacherId);
      if (list) list.push(classId as ClassId);
      else out.set(c.classTeacherId, [classId as ClassId]);
    }
    return out;
  });
}

/** A group (подгруппа) of a class for one subject; `all` is the whole class and is not stored. */
export interface Group {
  classId: string;
  subjectId: string;
  name: string;
  /** IUP-7: set on a group of one made for this student's individual study plan (not a split of the class). */
  iupStudentId?: string;
}

export const groups = recordCollection<Group>(
  'groups',
  (v): v is Group =>
    is.object(v) &&
    is.string(v.classId) &&
    is.string(v.subjectId) &&
    is.string(v.name) &&
    (v.iupStudentId === undefined || is.string(v.iupStudentId)),
);
