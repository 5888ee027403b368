import type * as Y from 'yjs';
import type { PlannedLesson } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { staffShort } from '../shared/school-names.ts';

/** What a lesson's column header says on hover about the lesson itself: «Замена: Соколов Д. А.», its move (PAGE-2, MOVE-2). */
export function lessonNote(school: Y.Doc, l: PlannedLesson): string {
  return [
    l.substituteId ? `Замена: ${staffShort(school, l.substituteId)}` : '',
    l.movedFrom ? `Перенос с ${formatDayMonth(l.movedFrom.date)}, ${l.movedFrom.slot}-й урок` : '',
    l.movedTo ? `Перенесён на ${formatDayMonth(l.movedTo.date)}, ${l.movedTo.slot}-й урок` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
