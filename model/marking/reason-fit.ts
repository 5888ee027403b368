import { ABSENCE_REASONS, formatAbsence, type AbsenceMark, type AbsenceReason } from './attendance.ts';

/**
 * ATT-12: the mark a day's reason explains: Б (ill), У (excused) and Н (unexcused) explain an
 * absence («н»), О (late) a lateness («оп»). A reason follows the marks it explains: it is shown
 * beside them only, and once the day holds none of them — its last «н» turned into «оп» or was
 * removed — it explains nothing and waits for the class teacher's review (PERM-8: only she
 * writes reasons, so nobody else clears it).
 */
export function explainedMark(reason: AbsenceReason): AbsenceMark {
  return reason === 'О' ? 'late' : 'absent';
}

/** ATT-12: whether a day's reason explains a cell's absence mark (the grid shows it beside that mark only). */
export function reasonExplains(reason: AbsenceReason | null, mark: AbsenceMark | null): boolean {
  return reason !== null && mark !== null && explainedMark(reason) === mark;
}

/** A student's day as this rule reads it: how many of its lessons are marked «н» and «оп» (ATT-5). */
export interface DayMarks {
  missed: number;
  late: number;
}

/** ATT-12: a day's reason needs the class teacher's review when the day holds no mark it explains. */
export function reasonNeedsReview(reason: AbsenceReason | null, day: DayMarks): boolean {
  if (reason === null) return false;
  return (explainedMark(reason) === 'absent' ? day.missed : day.late) === 0;
}

/** ATT-12: whether the day's absences («н») have a reason that explains them. */
export function absenceExplained(reason: AbsenceReason | null): boolean {
  return reason !== null && explainedMark(reason) === 'absent';
}

/** ATT-12: what the class teacher reads on a reason to review. */
export function reasonReviewText(reason: AbsenceReason): string {
  const mark = formatAbsence(explainedMark(reason));
  return `Причина «${reason}» (${ABSENCE_REASONS[reason]}) больше ни к чему не относится: в этот день у ученика нет «${mark}». Проверьте и уберите или замените её.`;
}
