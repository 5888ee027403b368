import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import { joinKey, splitKey } from '../doc/flat-map.ts';
import { is, recordCollection } from '../doc/record-collection.ts';
import type { ClassId, GroupId, SubjectId, UserId } from '../ids.ts';

/** SCH-6: one weekly timetable entry: class, weekday (1 = Monday), bell slot, subject, group (`timetable["classId:weekday:slot:subjectId:groupId"]`). */
export interface TimetableEntry {
  classId: ClassId;
  weekday: number;
  slot: number;
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
  room: string;
}

interface Stored {
  teacherId: string;
  room: string;
}

/** The stored records of the weekly timetable (the server checks what clients write into them, YEAR-9). */
export const timetableRecords = recordCollection<Stored>(
  'timetable',
  (v): v is Stored => is.object(v) && is.string(v.teacherId) && is.string(v.room),
);

export function setTimetableEntry(doc: Y.Doc, e: TimetableEntry): void {
  timetableRecords.set(doc, joinKey(e.classId, e.weekday, e.slot, e.subjectId, e.groupId), { teacherId: e.teacherId, room: e.room });
}

/** Removes one weekly timetable entry (written as null, DOC-3). */
export function removeTimetableEntry(doc: Y.Doc, e: Pick<TimetableEntry, 'classId' | 'weekday' | 'slot' | 'subjectId' | 'groupId'>): void {
  timetableRecords.remove(doc, joinKey(e.classId, e.weekday, e.slot, e.subjectId, e.groupId));
}

/** The whole weekly timetable, as copies (DOC-5); parsed once per version of the document (DOC-9). */
export function timetableEntries(doc: Y.Doc): TimetableEntry[] {
  return derived(doc, 'timetable', () => parseTimetable(doc)).map((e) => ({ ...e }));
}

function parseTimetable(doc: Y.Doc): TimetableEntry[] {
  return timetableRecords.all(doc).map(([key, v]) => {
    const [classId, weekday, slot, subjectId, groupId] = splitKey(key);
    return {
      classId: classId as ClassId,
      weekday: Number(weekday),
      slot: Number(slot),
      subjectId: subjectId as SubjectId,
      groupId: groupId as GroupId,
      teacherId: v.teacherId as UserId,
      room: v.room,
    };
  });
}
