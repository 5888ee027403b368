import type { PeriodId } from '../ids.ts';

/**
 * FIN-3: the year final (годовая отметка) is kept in the journal's `finals` map like a period
 * final, under this period id: `finals["subjectId:groupId:year:studentId"]`. It is no study
 * period of the school year (SCH-1), so no page opens on it (SCH-8) and it has no deadline of
 * its own (TIME-3).
 */
export const YEAR_FINAL = 'year' as PeriodId;

/** The heading of the year final's column on a summary sheet. */
export const YEAR_FINAL_NAME = 'Год';
