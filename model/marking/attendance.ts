/**
 * Absence marks (ATT-*): the subject teacher marks a student absent or late on a lesson;
 * the class teacher gives the reason for a day.
 */
export type AbsenceMark = 'absent' | 'late';
export const ABSENCE_MARKS: readonly AbsenceMark[] = ['absent', 'late'];

/** ATT-2: Б ill, У excused, Н unexcused, О late. */
export type AbsenceReason = 'Б' | 'У' | 'Н' | 'О';
export const ABSENCE_REASONS: Readonly<Record<AbsenceReason, string>> = {
  Б: 'болеет',
  У: 'уважительная причина',
  Н: 'неуважительная причина',
  О: 'опоздал',
};

export function isAbsenceMark(v: unknown): v is AbsenceMark {
  return v === 'absent' || v === 'late';
}

export function isAbsenceReason(v: unknown): v is AbsenceReason {
  return typeof v === 'string' && Object.hasOwn(ABSENCE_REASONS, v);
}

/** ATT-3: how an absence mark is written on the journal page: "н" absent, "оп" late. */
export function formatAbsence(m: AbsenceMark): string {
  return m === 'absent' ? 'н' : 'оп';
}

/** ATT-3: parses what a teacher types into a cell as an absence mark ("н", "оп"), or null. */
export function parseAbsenceInput(input: string): AbsenceMark | null {
  const s = input.trim().toLowerCase();
  if (s === 'н' || s === 'n') return 'absent';
  if (s === 'оп' || s === 'о' || s === 'op') return 'late';
  return null;
}
