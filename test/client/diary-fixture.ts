import * as Y from 'yjs';
import type { IsoDate, MarkValue } from '../../model/index.ts';
import type { DiaryAbsence, DiaryInfo, DiaryLesson, DiaryMapName, DiaryMark, DiaryNote, DiaryPeriod } from '../../model/diary/diary-doc.ts';
import { readDiaryData, type DiaryData } from '../../client/features/diary/diary-data.ts';

/**
 * A diary document as the server writes it (model/diary/diary-doc.ts): records set straight into
 * the maps, the way the projection does; the client only reads them.
 */
export class DiaryBuilder {
  readonly doc = new Y.Doc();

  set(map: DiaryMapName, key: string, value: unknown): this {
    this.doc.getMap(map).set(key, value);
    return this;
  }

  lesson(id: string, date: string, slot: number, subjectId: string, more: Partial<DiaryLesson> = {}): this {
    const l: DiaryLesson = {
      classId: '5b',
      date: date as IsoDate,
      slot,
      start: `0${7 + slot}:30`.slice(-5),
      end: `0${8 + slot}:15`.slice(-5),
      subjectId,
      group: null,
      teacherId: 't-math',
      substitute: false,
      movedFrom: null,
      movedTo: null,
      topic: '',
      homework: '',
      homeworkDue: null,
      control: false,
      ...more,
    };
    return this.set('lessons', id, l);
  }

  mark(lessonId: string, place: string, value: MarkValue, weight = 1, more: Partial<DiaryMark> = {}): this {
    const lesson = this.doc.getMap('lessons').get(lessonId) as DiaryLesson | undefined;
    const m: DiaryMark = {
      lessonId,
      date: lesson?.date ?? ('2026-12-07' as IsoDate),
      subjectId: lesson?.subjectId ?? 'math',
      value,
      workType: 'Устный ответ',
      weight,
      comment: '',
      teacherId: 't-math',
      corrected: null,
      ...more,
    };
    return this.set('marks', `${lessonId}:${place}`, m);
  }

  absence(lessonId: string, mark: DiaryAbsence['mark'], reason: DiaryAbsence['reason'] = null): this {
    const lesson = this.doc.getMap('lessons').get(lessonId) as DiaryLesson;
    return this.set('attendance', lessonId, { date: lesson.date, subjectId: lesson.subjectId, mark, reason });
  }

  /** NOTE-4: the teacher's note to the family on a lesson. */
  note(lessonId: string, text: string, more: Partial<DiaryNote> = {}): this {
    const lesson = this.doc.getMap('lessons').get(lessonId) as DiaryLesson | undefined;
    const n: DiaryNote = {
      lessonId,
      date: lesson?.date ?? ('2026-12-07' as IsoDate),
      subjectId: lesson?.subjectId ?? 'math',
      teacherId: lesson?.teacherId ?? null,
      text,
      ...more,
    };
    return this.set('notes', lessonId, n);
  }

  period(id: string, name: string, startsOn: string | null, endsOn: string | null, more: Partial<DiaryPeriod> = {}): this {
    return this.set('periods', id, { name, kind: 'period', startsOn, endsOn, closed: false, ...more });
  }

  data(): DiaryData {
    return readDiaryData(this.doc);
  }
}

export const INFO: DiaryInfo = {
  studentId: 'st1',
  name: 'Петров Иван Сергеевич',
  classId: '5b',
  className: '5Б',
  grade: 5,
  classTeacher: 'Смирнова Анна Петровна',
  schoolName: 'МБОУ СОШ № 7',
  yearId: '2026',
  yearTitle: '2026/2027 учебный год',
  startsOn: '2026-09-01' as IsoDate,
  endsOn: '2027-05-31' as IsoDate,
  spells: [{ classId: '5b', className: '5Б', from: null, to: null }],
  minMarks: 3,
};

/** The frame of a 5th-grader's diary: who, the subjects, the teachers, the quarters and the year, the autumn holidays. */
export function diaryOf5b(): DiaryBuilder {
  return new DiaryBuilder()
    .set('info', 'student', INFO)
    .set('subjects', 'math', { name: 'Математика', system: 'five' })
    .set('subjects', 'rus', { name: 'Русский язык', system: 'five' })
    .set('subjects', 'eng', { name: 'Английский язык', system: 'five' })
    .set('subjects', 'odnk', { name: 'ОДНКНР', system: 'passfail' })
    .set('teachers', 't-math', { name: 'Иванова Мария Петровна' })
    .set('teachers', 't-rus', { name: 'Кузнецова Ольга Ивановна' })
    .set('teachers', 't-sub', { name: 'Соколов Дмитрий Андреевич' })
    .period('q1', '1 четверть', null, '2026-10-25', { closed: true })
    .period('q2', '2 четверть', '2026-11-05', '2026-12-28')
    .period('q3', '3 четверть', '2027-01-12', '2027-03-21')
    .period('q4', '4 четверть', '2027-03-29', null)
    .set('periods', 'year', { name: 'Год', kind: 'year', startsOn: null, endsOn: null, closed: false })
    .set('holidays', 'autumn', { name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-04' });
}
