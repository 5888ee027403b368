import * as prng from 'lib0/prng';
import {
  listStudents,
  pageLessons,
  parseLessonId,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type LessonId,
  type StudentId,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import type { DemoTemplate } from './dated-demo.ts';
import { JOURNAL } from './journal-fixture.ts';

/**
 * Who writes where in one seed of the converge item, on the demo's 5Б as seeded on its fixture
 * day: a few cells shared on purpose, so that writers meet on them. Every lesson has begun by
 * then (PERM-13), every student is on the roster all year (PERM-4).
 */
export interface ConvergeCast {
  /** `teacher`'s own mathematics lessons (no substitute). */
  teacherLessons: LessonId[];
  /** A lesson `substitute` holds: both may write it (PERM-2). */
  substitutedLesson: LessonId;
  students: StudentId[];
  /** Days of those lessons: where the class teacher writes absence reasons (PERM-8). */
  dates: IsoDate[];
}

/** The lessons and students one seed plays on: the same demo, another corner of it. */
export async function castFor(template: DemoTemplate, today: IsoDate, rng: prng.PRNG): Promise<ConvergeCast> {
  const [school, journal] = await template.read(['school/demo/2026', JOURNAL]);
  const math = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter((l) => l.date < today);
  const own = math.filter((l) => l.substituteId === null).slice(-8);
  const substituted = math.findLast((l) => l.substituteId === ('u-substitute' as UserId));
  if (!substituted) throw new Error(`the demo has no substituted 5Б mathematics lesson before ${today}`);
  const students = listStudents(journal)
    .filter((s) => s.enrolledOn === null && s.leftOn === null)
    .map((s) => s.id);
  const teacherLessons = pickSome(rng, own, 2).map((l) => l.id);
  const lessons = [...teacherLessons, substituted.id];
  school.destroy();
  journal.destroy();
  return {
    teacherLessons,
    substitutedLesson: substituted.id,
    students: pickSome(rng, students, 3),
    dates: [...new Set(lessons.map((l) => parseLessonId(l)!.date))],
  };
}

function pickSome<T>(rng: prng.PRNG, from: readonly T[], n: number): T[] {
  const left = [...from];
  const out: T[] = [];
  while (out.length < n && left.length > 0) out.push(left.splice(prng.uint32(rng, 0, left.length - 1), 1)[0]);
  return out;
}
