import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editStoredDoc } from '../../bench/data-dir.ts';
import {
  listStudents,
  pageLessons,
  periods,
  periodsForGrade,
  setAbsence,
  setFinal,
  setLessonField,
  setMark,
  subjects,
  WHOLE_CLASS,
  YEAR_FINAL,
  YEAR_FINAL_NAME,
  type ClassId,
  type PeriodId,
  type PlannedLesson,
  type Student,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { exportArchive, type ExportedSnapshot } from '../../sync-server/archive/export.ts';
import { loadSigningKey } from '../../sync-server/archive/keys.ts';
import { printJournal } from '../../sync-server/archive/pdf/print-journal.ts';
import { Snapshotter } from '../../sync-server/archive/snapshotter.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { seedDemoSchool } from '../../sync-server/seed-demo.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { TestClock } from '../helpers/test-clock.ts';
import { JOURNAL, never } from './archive-fixture.ts';
import {
  pageSizes,
  pageTexts,
  pageWords,
  pdfFonts,
  popplerAvailable,
  POPPLER_MISSING,
  renderFirstPage,
  type Word,
} from '../helpers/poppler.ts';

const poppler = popplerAvailable();
const CI = process.env.CI === 'true';
// CI has poppler: there its absence fails the file; elsewhere the PDF checks are skipped, loudly.
if (!poppler && CI) throw new Error(POPPLER_MISSING);
if (!poppler) console.warn(`\n*** ARC-16 SKIPPED: ${POPPLER_MISSING}\n`);

const SCHOOL = 'school/demo/2026';
// 09:30 at the school (Moscow), whatever the zone of the machine that prints (ARC-16).
const PRINTED_AT = new Date('2026-12-01T09:30:00+03:00');
const PRINTED_BY = 'Проверка печати';
const TOPIC = 'Сложение натуральных чисел: проверка печати';
const LATER_TOPIC = 'Тема, записанная после снимка';
const MATH = 'math' as SubjectId;
/**
 * The archive's clock: the demo is seeded and its snapshots signed on DEMO_FIXTURE_DAY, so the
 * printouts read a lived-in school (q1's finals set, the journal printed as of that day) on any date.
 */
const clock = new TestClock();
clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY));

let root = '';
let dataDir = '';
let signed = '';
let plain = '';
let lesson: PlannedLesson;
let student: Student;
let absent: Student;
let latest: ExportedSnapshot;
let school: Y.Doc;
const file = (dir: string, name: string) => join(dir, 'documents', JOURNAL, name);
const surname = (s: Student) => s.name.split(' ')[0];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'journal-pdf-data-'));
  const seeding = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  await seedDemoSchool(seeding, { now: clock.now });
  await seeding.close();
  const key = loadSigningKey(dataDir);
  root = mkdtempSync(join(tmpdir(), 'journal-pdf-'));
  plain = join(root, 'plain');
  await exportArchive(dataDir, plain, { classId: '5b', yearId: '2026' }, { printedBy: PRINTED_BY, printedAt: PRINTED_AT });

  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  school = await loadStoredDoc(storage, SCHOOL);
  const journal = await loadStoredDoc(storage, JOURNAL);
  // A mathematics lesson of mid-September (a two-digit day, unique on its grid page) and two
  // students present all year whose surnames are unique on the roster.
  lesson = pageLessons(school, journal, '5b' as ClassId, MATH, WHOLE_CLASS).find((l) => l.date >= '2026-09-10' && l.date <= '2026-09-20')!;
  const roster = listStudents(journal).filter((s) => s.enrolledOn === null && s.leftOn === null);
  const unique = roster.filter((s) => roster.filter((o) => surname(o) === surname(s)).length === 1);
  [student, absent] = [unique[2], unique[5]];
  journal.destroy();

  const snapshotter = new Snapshotter(
    storage,
    key,
    never,
    (e) => {
      throw e;
    },
    clock.now,
  );
  await snapshotter.snapshotDocument(JOURNAL);
  await editStoredDoc(storage, JOURNAL, (doc) => {
    for (const s of [student, absent]) for (let n = 0; n < 4; n++) setMark(doc, lesson.id, s.id, n, null);
    setMark(doc, lesson.id, student.id, 0, { v: 2, t: 'oral' as WorkTypeId, w: 1 });
    setAbsence(doc, lesson.id, student.id, null);
    setAbsence(doc, lesson.id, absent.id, 'absent');
    setLessonField(doc, lesson.id, 'topic', TOPIC);
    setFinal(doc, MATH, WHOLE_CLASS, 'q2' as PeriodId, student.id, 2);
  });
  await snapshotter.snapshotDocument(JOURNAL);
  // After the latest snapshot: in the log, never on paper.
  await editStoredDoc(storage, JOURNAL, (doc) => {
    setLessonField(doc, lesson.id, 'topic', LATER_TOPIC);
    setFinal(doc, MATH, WHOLE_CLASS, 'q2' as PeriodId, student.id, 3);
  });
  await snapshotter.snapshotDocument(SCHOOL);
  await storage.close();
  signed = join(root, 'signed');
  await exportArchive(dataDir, signed, { classId: '5b', yearId: '2026' }, { printedBy: PRINTED_BY, printedAt: PRINTED_AT });
  const list = JSON.parse(readFileSync(file(signed, 'snapshots.json'), 'utf8')) as ExportedSnapshot[];
  latest = list[list.length - 1];
});

afterAll(() => {
  for (const d of [root, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

/** The words on a student's row whose centre is within `half` points of `column`'s centre. */
function cellAt(words: Word[], s: Student, column: Word, half: number): string {
  const name = words.find((w, i) => w.text === surname(s) && words[i + 1]?.text === s.name.split(' ')[1]);
  if (!name) throw new Error(`${s.name} is not on the page`);
  return words
    .filter((w) => Math.abs(w.y - name.y) < 3 && Math.abs(w.x - column.x) < half)
    .sort((a, b) => a.x - b.x)
    .map((w) => w.text)
    .join(' ');
}

describe('archive printouts (PDF)', () => {
  describe.skipIf(!poppler)('ARC-16: the journal and the summary sheet of finals as PDF', () => {
    it('ARC-16: journal.pdf and finals.pdf are A4 on every page, embed their Cyrillic fonts and render', () => {
      for (const name of ['journal.pdf', 'finals.pdf']) {
        const pdf = file(signed, name);
        const sizes = pageSizes(pdf);
        expect(sizes.length).toBeGreaterThan(0);
        for (const size of sizes) expect(size).toBe('841.89 x 595.28 pts (A4)');
        const fonts = pdfFonts(pdf);
        expect(fonts.length).toBeGreaterThan(0);
        for (const f of fonts) {
          expect(f.embedded, `${name}: ${f.name} is not embedded`).toBe(true);
          expect(f.name).toMatch(/\+DejaVuSans/);
        }
        const png = renderFirstPage(pdf, root, name);
        expect(png.stderr).toBe('');
        expect(png.bytes).toBeGreaterThan(2000);
      }
    });

    it('ARC-16: every page carries the latest signed snapshot — its number, update and SHA-256 — and «Стр. X из Y»', () => {
      const stamp = `Напечатано: 01.12.2026 09:30 · ${PRINTED_BY} · снимок № ${latest.n} (до обновления ${latest.upToSeq}), SHA-256 ${latest.sha256}`;
      expect(latest.n).toBe(2);
      for (const name of ['journal.pdf', 'finals.pdf']) {
        const pages = pageTexts(file(signed, name));
        expect(pages.length).toBe(pageSizes(file(signed, name)).length);
        pages.forEach((text, i) => {
          expect(text, `${name}, page ${i + 1}`).toContain(stamp);
          expect(text, `${name}, page ${i + 1}`).toContain(`Стр. ${i + 1} из ${pages.length}`);
        });
      }
    });

    it('ARC-16: the journal shows the title, the roster, a known mark and absence in their cells, and the topic, as of the snapshot', () => {
      const pdf = file(signed, 'journal.pdf');
      const pages = pageTexts(pdf);
      const day = String(Number(lesson.date.slice(8, 10)));
      const grids = pages
        .map((text, i) => ({ text, page: i + 1 }))
        .filter((p) => p.text.includes('Классный журнал · 5Б класс · Математика') && p.text.includes('учёт успеваемости и посещаемости'))
        .map((p) => ({ ...p, words: pageWords(pdf, p.page) }))
        .map((p) => {
          const month = p.words.find((w) => w.text === 'Сентябрь');
          return { ...p, days: month ? p.words.filter((w) => w.text === day && w.y > month.y + 4 && w.y < month.y + 16) : [] };
        })
        .filter((p) => p.days.length === 1);
      expect(grids.length, `one mathematics grid page has ${lesson.date} in its header`).toBe(1);
      const grid = grids[0];
      expect(grid.text).toContain('МБОУ СОШ № 7 · 2026/2027 учебный год');
      expect(grid.text).toContain('Учитель: Смирнова Ольга Петровна');
      expect(grid.text).toContain('1 четверть (01.09.2026 – 25.10.2026)');
      expect(grid.text).toContain(student.name);
      expect(cellAt(grid.words, student, grid.days[0], 9)).toBe('2');
      expect(cellAt(grid.words, absent, grid.days[0], 9)).toBe('н');

      const date = `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}.${lesson.date.slice(0, 4)}`;
      const lessonsPage = pages.find((t) => t.includes('записи о проведённых уроках') && t.includes(TOPIC));
      expect(lessonsPage, 'the lessons page with the topic').toBeDefined();
      expect(lessonsPage).toContain(date);
      expect(lessonsPage).toContain('Тема урока');
      expect(pages.join('\n')).not.toContain(LATER_TOPIC);
      // The CSV for people is the whole log: the later topic is there.
      expect(readFileSync(file(signed, 'lessons.csv'), 'utf8')).toContain(LATER_TOPIC);
    });

    it('ARC-16: the summary sheet shows a known final under its subject and period', () => {
      const pdf = file(signed, 'finals.pdf');
      const text = pageTexts(pdf)[0];
      expect(text).toContain('Сводная ведомость учёта успеваемости обучающихся');
      expect(text).toContain('5Б класс · МБОУ СОШ № 7 · 2026/2027 учебный год · классный руководитель: Лебедева Елена Николаевна');
      const words = pageWords(pdf, 1);
      const name = words.find((w) => w.text === surname(student))!;
      const labels = words.filter((w) => ['I', 'II', 'III', 'IV'].includes(w.text) && w.y < name.y).sort((a, b) => a.x - b.x);
      const per = periodsForGrade(school, 5).length;
      const q2 = periodsForGrade(school, 5).findIndex(([id]) => id === 'q2');
      const math = words.find((w) => w.text === 'Математика')!;
      const k = [...Array(labels.length / per).keys()].find(
        (g) => labels[g * per].xMin - 8 < math.x && math.x < labels[g * per + per - 1].xMax + 8,
      );
      expect(k, 'the column group under «Математика»').toBeDefined();
      expect(cellAt(words, student, labels[k! * per + q2], 5)).toBe('2');
    });

    it('ARC-16: without a signed snapshot the pages say so plainly and print no hash', () => {
      const seqs = readFileSync(file(plain, 'log-index.csv'), 'utf8').trim().split('\n').slice(1);
      const last = seqs[seqs.length - 1].split(',')[0];
      for (const name of ['journal.pdf', 'finals.pdf']) {
        for (const text of pageTexts(file(plain, name))) {
          expect(text).toContain(`${PRINTED_BY} · подписанного снимка нет — распечатка по журналу обновлений до № ${last}`);
          expect(text).not.toContain('SHA-256');
        }
      }
    });
  });

  it('ARC-16: the same journal state and stamp give the same bytes', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(readFileSync(file(signed, latest.stateFile))));
    const stamp = {
      printedAt: PRINTED_AT,
      printedBy: PRINTED_BY,
      utcOffsetMinutes: 180,
      snapshot: { n: 2, upToSeq: 7, sha256: 'ab'.repeat(32) },
      logUpToSeq: 8,
    };
    const [a, b] = [await printJournal(doc, school, stamp, lesson.date), await printJournal(doc, school, stamp, lesson.date)];
    expect(a['journal.pdf'].equals(b['journal.pdf'])).toBe(true);
    expect(a['finals.pdf'].equals(b['finals.pdf'])).toBe(true);
  });

  it('ARC-17: finals.csv holds every final of the snapshot at its student, subject and period, and nothing else', () => {
    const text = readFileSync(file(signed, 'finals.csv'), 'utf8');
    expect(text.startsWith('\uFEFF№;Ученик;')).toBe(true);
    expect(text).not.toContain('"');
    const [header, ...rows] = text
      .slice(1)
      .split('\r\n')
      .filter(Boolean)
      .map((r) => r.split(';'));
    expect(header[header.length - 1]).toBe('Примечание');
    const state = new Y.Doc();
    Y.applyUpdate(state, new Uint8Array(readFileSync(file(signed, latest.stateFile))));
    const shown: Record<string, string> = { P: 'зч', F: 'нз' };
    const expected = new Map<string, string>();
    state.getMap('finals').forEach((v, key) => {
      if (typeof v !== 'object' || v === null) return;
      const [subjectId, , periodId, studentId] = key.split(':');
      const name = state.getMap('students').get(`${studentId}:name`) as string;
      const column = `${subjects.get(school, subjectId)!.name} — ${periodId === YEAR_FINAL ? YEAR_FINAL_NAME : periods.get(school, periodId)!.name}`;
      const value = (v as { v: number | string }).v;
      expected.set(`${name}|${column}`, shown[value] ?? String(value));
    });
    expect(expected.size).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
    const found = new Map<string, string>();
    for (const r of rows) header.forEach((h, i) => i >= 2 && i < header.length - 1 && r[i] !== '' && found.set(`${r[1]}|${h}`, r[i]));
    expect(found).toEqual(expected);
    // The value of the snapshot, not the one written after it.
    expect(found.get(`${student.name}|Математика — 2 четверть`)).toBe('2');
    // Every period of grade 5 and the year for every subject with marks: 5 columns per subject.
    expect((header.length - 3) % (periodsForGrade(school, 5).length + 1)).toBe(0);
    expect(header).toContain('Основы духовно-нравственной культуры народов России — 4 четверть');
    expect(header).toContain('Математика — Год');
  });

  it('ARC-13: the export with its PDFs and the finals sheet verifies', () => {
    expect(verifyArchive(signed)).toEqual([]);
    expect(verifyArchive(plain)).toEqual([]);
  });
});
