import type * as Y from 'yjs';
import type { LessonRecord } from '../journal/lesson.ts';
import { ktpItems } from '../school/ktp.ts';

/**
 * A lesson's topic as a report prints it: the topic the teacher wrote (LES-3), else the title of
 * the lesson's КТП item (SCH-4), else «тема не записана».
 *
 * @example lessonTopic(school, readLesson(journal, '241112.2.eng.g1')) // 'Контрольный диктант'
 */
export function lessonTopic(school: Y.Doc, lesson: Pick<LessonRecord, 'topic' | 'ktpItemId'>): string {
  if (lesson.topic !== '') return lesson.topic;
  return (lesson.ktpItemId !== null ? ktpItems.get(school, lesson.ktpItemId)?.title : undefined) || 'тема не записана';
}
