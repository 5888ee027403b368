import type { PeriodId } from '../ids.ts';

/**
 * FIN-7: the state exam's mark (экзаменационная отметка, ГИА: ОГЭ in grade 9, ЕГЭ in 11), kept in
 * the journal's `finals` map like the year final (FIN-3) under this period id:
 * `finals["subjectId:groupId:exam:studentId"]`. Only for a subject with an exam in the class's
 * grade (`Subject.examGrades`); no study period, so no deadline (TIME-3) and no closure (PERM-10).
 */
export const EXAM_FINAL = 'exam' as PeriodId;
export const EXAM_FINAL_NAME = 'Экзамен';

/**
 * FIN-8: the school-leaving mark (итоговая отметка) of every subject in grades 9 and 11, set by
 * the teacher from the year and the exam: `finals["subjectId:groupId:final:studentId"]`.
 */
export const LEAVING_FINAL = 'final' as PeriodId;
export const LEAVING_FINAL_NAME = 'Итоговая';

/** FIN-8: the grades that end a level of schooling (основное и среднее общее образование). */
export const LEAVING_GRADES: readonly number[] = [9, 11];

export const hasLeavingFinal = (grade: number): boolean => LEAVING_GRADES.includes(grade);
