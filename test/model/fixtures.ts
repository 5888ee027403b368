import * as Y from 'yjs';
import {
  asDate,
  asId,
  initJournal,
  initSchoolYear,
  type ClassId,
  type GroupId,
  type IsoDate,
  type LessonId,
  type SchoolId,
  type StoredMark,
  type StudentId,
  type SubjectId,
  type UserId,
  type WorkTypeId,
  type YearId,
} from '../../model/index.ts';

/** Short typed constructors for test data. */
export const d = (s: string): IsoDate => asDate(s);
export const sid = (s: string): StudentId => asId<StudentId>(s);
export const uid = (s: string): UserId => asId<UserId>(s);
export const cls = (s: string): ClassId => asId<ClassId>(s);
export const subj = (s: string): SubjectId => asId<SubjectId>(s);
export const grp = (s: string): GroupId => asId<GroupId>(s);
export const wt = (s: string): WorkTypeId => asId<WorkTypeId>(s);
export const lid = (s: string): LessonId => s as LessonId;

export const SCHOOL = asId<SchoolId>('sch1');
export const YEAR = asId<YearId>('y2024');
export const CLASS_7A = cls('c7a');
export const ALGEBRA = subj('alg');
export const ENGLISH = subj('eng');

export function mark(v: StoredMark['v'], t = 'oral', w = 1, c?: string): StoredMark {
  return c === undefined ? { v, t: wt(t), w } : { v, t: wt(t), w, c };
}

/** A school-year document for 2024/25 (1 Sep 2024 – 31 May 2025). */
export function newSchool(): Y.Doc {
  const doc = new Y.Doc();
  initSchoolYear(doc, {
    schoolId: SCHOOL,
    yearId: YEAR,
    schoolName: 'Школа № 1',
    title: '2024/2025',
    startsOn: d('2024-09-01'),
    endsOn: d('2025-05-31'),
  });
  return doc;
}

/** A class journal of 7А for 2024/25. */
export function newJournal(grade = 7): Y.Doc {
  const doc = new Y.Doc();
  initJournal(doc, { schoolId: SCHOOL, classId: CLASS_7A, yearId: YEAR, className: '7А', grade });
  return doc;
}

/** Applies every update of `from` that `to` lacks, and the other way round. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** The whole content of a document as plain JSON, map by map. */
export function contentOf(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of doc.share) out[name] = type.toJSON();
  return out;
}
