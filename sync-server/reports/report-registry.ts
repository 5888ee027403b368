import { classResultsReport, yearResultsReport, type ReportDefinition } from '../../model/index.ts';
import {
  attendanceMonthReport,
  attendanceSchoolReport,
  classFillReport,
  missedTopicsReport,
  movementReport,
  substitutedLessonsReport,
} from '../../model/index.ts';
import { atRiskReport, controlWorksReport, failingMarksReport, finalsSheetReport, forecastReport } from '../../model/index.ts';
import { completenessReport } from '../../model/index.ts';
import { classTeacherReport, diaryReport } from '../../model/index.ts';
import { iupListReport } from '../../model/index.ts';

/**
 * Every report of the regulations (DOMAIN.md, "Reports") the server answers at
 * `GET /api/reports/{kind}`. Each is a pure function in `model/reports/`; this list only names them.
 */
export const REPORTS: readonly ReportDefinition[] = [
  classResultsReport,
  yearResultsReport,
  attendanceMonthReport,
  attendanceSchoolReport,
  missedTopicsReport,
  movementReport,
  classFillReport,
  substitutedLessonsReport,
  finalsSheetReport,
  forecastReport,
  atRiskReport,
  failingMarksReport,
  controlWorksReport,
  completenessReport,
  classTeacherReport,
  diaryReport,
  iupListReport,
  // More reports are registered here, one line each.
];

export function findReport(kind: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.kind === kind);
}
