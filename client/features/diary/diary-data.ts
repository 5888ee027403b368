import type * as Y from 'yjs';
import { asDate, inRange, type IsoDate } from '../../../model/index.ts';
import {
  readDiary,
  type DiaryAbsence,
  type DiaryControl,
  type DiaryFinal,
  type DiaryHoliday,
  type DiaryInfo,
  type DiaryLesson,
  type DiaryMark,
  type DiaryNote,
  type DiaryNotice,
  type DiaryPeriod,
  type DiaryState,
  type DiarySubject,
  type DiaryTeacher,
} from '../../../model/diary/diary-doc.ts';

/**
 * The diary as the pages read it: each map of the document (model/diary/diary-doc.ts) as a record
 * of its typed entries. The server is the only writer and checks what it writes, so the client
 * takes the records as they are; it only drops an empty entry, which a half-synced copy may hold.
 */
export interface DiaryData {
  info: DiaryInfo | undefined;
  lessons: Record<string, DiaryLesson>;
  marks: Record<string, DiaryMark>;
  attendance: Record<string, DiaryAbsence>;
  finals: Record<string, DiaryFinal>;
  controls: Record<string, DiaryControl>;
  periods: Record<string, DiaryPeriod>;
  holidays: Record<string, DiaryHoliday>;
  subjects: Record<string, DiarySubject>;
  teachers: Record<string, DiaryTeacher>;
  notices: Record<string, DiaryNotice>;
  /** NOTE-4: the teachers' notes to the family, by lesson id. */
  notes: Record<string, DiaryNote>;
}

function records<T>(map: DiaryState[keyof DiaryState]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(map)) if (value !== null && typeof value === 'object') out[key] = value as T;
  return out;
}

/** The typed view of a diary's plain JSON. */
export function diaryData(state: DiaryState): DiaryData {
  return {
    info: state.info.student ? (state.info.student as unknown as DiaryInfo) : undefined,
    lessons: records(state.lessons),
    marks: records(state.marks),
    attendance: records(state.attendance),
    finals: records(state.finals),
    controls: records(state.controls),
    periods: records(state.periods),
    holidays: records(state.holidays),
    subjects: records(state.subjects),
    teachers: records(state.teachers),
    notices: records(state.notices),
    // A diary stored before notes existed has no such map.
    notes: records(state.notes ?? {}),
  };
}

/** The typed view of a diary document as it is now. */
export function readDiaryData(doc: Y.Doc): DiaryData {
  return diaryData(readDiary(doc));
}

/** A subject's name; its id when the diary does not name it (never an empty line). */
export function subjectName(d: DiaryData, subjectId: string): string {
  return d.subjects[subjectId]?.name ?? subjectId;
}

export function teacherName(d: DiaryData, teacherId: string | null): string | null {
  return teacherId === null ? null : (d.teachers[teacherId]?.name ?? null);
}

/** A period with its dates filled in: an open start or end is the year's. */
export interface PeriodSpan {
  id: string;
  period: DiaryPeriod;
  from: IsoDate;
  to: IsoDate;
}

const KIND_ORDER: Record<DiaryPeriod['kind'], number> = { period: 0, year: 1, exam: 2, final: 3 };

/** Every period of the diary: the study periods by their start, then the year, exam and leaving columns. */
export function periodSpans(d: DiaryData): PeriodSpan[] {
  const yearFrom = d.info?.startsOn ?? asDate('0000-01-01');
  const yearTo = d.info?.endsOn ?? asDate('9999-12-31');
  return Object.entries(d.periods)
    .map(([id, period]) => ({ id, period, from: period.startsOn ?? yearFrom, to: period.endsOn ?? yearTo }))
    .sort((a, b) => KIND_ORDER[a.period.kind] - KIND_ORDER[b.period.kind] || a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}

/** The study periods (quarters or halves) in order. */
export function studyPeriods(d: DiaryData): PeriodSpan[] {
  return periodSpans(d).filter((p) => p.period.kind === 'period');
}

/**
 * The study period a page opens on: the one running `today`; in the holidays between two, the
 * one that ended last; before the first, the first.
 */
export function currentPeriod(d: DiaryData, today: IsoDate): PeriodSpan | null {
  const periods = studyPeriods(d);
  return periods.find((p) => inRange(today, p.from, p.to)) ?? periods.findLast((p) => p.from <= today) ?? periods[0] ?? null;
}

/** The name of the holidays `date` falls in, or null. */
export function holidayOn(d: DiaryData, date: IsoDate): string | null {
  for (const h of Object.values(d.holidays)) if (inRange(date, h.startsOn, h.endsOn)) return h.name;
  return null;
}
