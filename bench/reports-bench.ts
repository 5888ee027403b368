import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import {
  allAssignments,
  assignTeacher,
  classes,
  groups,
  listStudents,
  periodsForGrade,
  setStudentField,
  setTimetableEntry,
  timetableEntries,
  type ClassId,
  type IsoDate,
  type ReportInput,
} from '../model/index.ts';
import { renderJournalPdf } from '../sync-server/archive/pdf/journal-pdf.ts';
import { buildFullYearJournal } from '../sync-server/demo/full-year.ts';
import { reportPdf } from '../sync-server/reports/report-pdf.ts';
import { REPORTS } from '../sync-server/reports/report-registry.ts';
import { median, type Row } from './machine.ts';

const CLASSES = 40;
const STUDENTS_PER_CLASS = 25;
/** A day of the second half-year: most of the year's data is in. */
const TODAY = '2027-04-15' as IsoDate;

/**
 * A generated school for the reports (issue 7): the full year of one class (every lesson,
 * mark and absence) copied into 40 classes of 25 students — 1,000 students — with their load,
 * timetable and groups in the school year. Lesson ids carry no class, so a copy is a class.
 */
function generatedSchool(): { school: Y.Doc; journals: Map<ClassId, Y.Doc>; first: ClassId } {
  const { school, journal, classId } = buildFullYearJournal();
  const state = Y.encodeStateAsUpdate(journal);
  const cls = classes.get(school, classId)!;
  const load = allAssignments(school).filter((a) => a.classId === classId);
  const week = timetableEntries(school).filter((e) => e.classId === classId);
  const split = groups.all(school).filter(([, g]) => g.classId === classId);
  const journals = new Map<ClassId, Y.Doc>();
  for (let i = 1; i <= CLASSES; i++) {
    const id = `c${String(i).padStart(2, '0')}` as ClassId;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    copy.transact(() => {
      copy.getMap('meta').set('classId', id);
      copy.getMap('meta').set('className', `${cls.name}-${i}`);
      for (const s of listStudents(copy).slice(STUDENTS_PER_CLASS)) setStudentField(copy, s.id, 'name', '');
    });
    journals.set(id, copy);
    school.transact(() => {
      classes.set(school, id, { ...cls, name: `${cls.name}-${i}` });
      for (const a of load) assignTeacher(school, { ...a, classId: id });
      for (const e of week) setTimetableEntry(school, { ...e, classId: id });
      for (const [gid, g] of split) groups.set(school, gid, { ...g, classId: id });
    });
  }
  return { school, journals, first: 'c01' as ClassId };
}

const time = (fn: () => unknown, runs: number): number => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
};

/** Issue 7's figures: each report on the generated school (aim: under 1 s), and printing a class's journal for a quarter. */
export async function reportsBench(): Promise<Row[]> {
  const { school, journals, first } = generatedSchool();
  const students = [...journals.values()].reduce((n, j) => n + listStudents(j).length, 0);
  const [periodId] = periodsForGrade(school, classes.get(school, first)!.grade)[0];
  const rows: Row[] = [
    { figure: 'generated school for reports: classes / students (full year of marks each)', value: `${CLASSES} / ${students}` },
  ];
  for (const r of REPORTS) {
    const schoolWide = !r.needs.includes('class');
    const params = {
      ...(schoolWide ? {} : { classId: first }),
      ...(r.needs.includes('period') ? { periodId } : {}),
      ...(r.needs.includes('month') ? { month: '2027-03' } : {}),
      ...((r.needs as readonly string[]).includes('student') ? { studentId: listStudents(journals.get(first)!)[0].id } : {}),
    };
    const input: ReportInput = { school, journals: schoolWide ? journals : new Map([[first, journals.get(first)!]]), params, today: TODAY };
    let table;
    try {
      table = r.build(input);
    } catch (e) {
      rows.push({ figure: `report ${r.kind}`, value: `failed: ${(e as Error).message}` });
      continue;
    }
    const ms = time(() => r.build(input), 3);
    const pdfMs = median(
      await Promise.all(
        [0].map(async () => {
          const t = performance.now();
          await reportPdf(table, { printedAt: new Date(), printedBy: 'bench', sources: [], utcOffsetMinutes: 180 });
          return performance.now() - t;
        }),
      ),
    );
    rows.push({
      figure: `report ${r.kind} (${schoolWide ? `whole school, ${CLASSES} classes` : 'one class'}; ${table.rows.length} rows): build, median of 3 / PDF`,
      value: `${ms.toFixed(0)} ms / ${pdfMs.toFixed(0)} ms`,
    });
  }
  const journal = journals.get(first)!;
  const print: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await renderJournalPdf(
      journal,
      school,
      { printedAt: new Date(), printedBy: 'bench', utcOffsetMinutes: 180, snapshot: null, logUpToSeq: 0 },
      TODAY,
      (s) => s.period?.id === periodId,
    );
    print.push(performance.now() - t);
  }
  rows.push({
    figure: `print one class's journal for a period (${periodId}, every subject; PDF), median of 3`,
    value: `${median(print).toFixed(0)} ms`,
  });
  return rows;
}
