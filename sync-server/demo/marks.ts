/**
 * Marks that look like a real class: each student has a level (some are strong, a few
 * struggle), a little more or less in each subject; a mark is that level plus the luck of the
 * day. Control works come out a bit lower than oral answers. The result leans to 4s and 5s,
 * with some 3s and rare 2s.
 */
import type { KtpKind, MarkValue, MarkingSystem, StudentId, SubjectId, WorkTypeId } from '../../model/index.ts';
import { workTypeId } from './curriculum.ts';
import type { Rng } from './random.ts';

export class MarkMaker {
  private readonly levels = new Map<string, number>();
  private readonly base = new Map<StudentId, number>();

  constructor(private readonly rng: Rng) {}

  /** A student's expected mark in a subject, fixed for the year once drawn. */
  level(studentId: StudentId, subjectId: SubjectId): number {
    let base = this.base.get(studentId);
    if (base === undefined) {
      base = Math.min(4.9, Math.max(2.9, this.rng.normal(4.15, 0.5)));
      this.base.set(studentId, base);
    }
    const key = `${studentId}:${subjectId}`;
    let level = this.levels.get(key);
    if (level === undefined) {
      level = base + this.rng.normal(0, 0.25);
      this.levels.set(key, level);
    }
    return level;
  }

  /** One mark of a student for a work of a given type, in the subject's marking system. */
  value(studentId: StudentId, subjectId: SubjectId, workType: WorkTypeId, marking: MarkingSystem): MarkValue {
    if (marking === 'passfail') return this.rng.chance(0.95) ? 'P' : 'F';
    const harder = workType === 'control' || workType === 'dictation' ? 0.2 : 0;
    const raw = Math.round(this.level(studentId, subjectId) - harder + this.rng.normal(0, 0.6));
    return Math.min(5, Math.max(2, raw)) as MarkValue;
  }
}

/** Subjects whose lessons have no written works; their graded works are practical. */
const ACTIVITY = new Set(['pe', 'music', 'art', 'tech', 'obzr', 'proj']);

/**
 * The work type of a lesson: the kind of its КТП item when the plan names a work, else a
 * written work for the whole class on a share of lessons, else oral answers.
 */
export function chooseWorkType(subjectId: string, kind: KtpKind, title: string, writtenShare: number, rng: Rng): WorkTypeId {
  if (kind === 'control') return workTypeId(/диктант/i.test(title) ? 'dictation' : 'control');
  if (kind === 'lab') return workTypeId('lab');
  if (kind === 'practical') return workTypeId('practical');
  if (!rng.chance(writtenShare)) return workTypeId('oral');
  if (ACTIVITY.has(subjectId)) return workTypeId('practical');
  if (subjectId === 'rus') return workTypeId(rng.pick(['indep', 'test', 'dictation'] as const));
  return workTypeId(rng.pick(['indep', 'test'] as const));
}
