import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMark,
  applyDiary,
  classLessons,
  correctMark,
  listFamilyNotes,
  listStudents,
  projectDiary,
  readDiary,
  removeOneMark,
  removeTimetableEntry,
  setAbsence,
  setAbsenceReason,
  setFamilyNote,
  setFinal,
  setLessonField,
  setTimetableEntry,
  timetableEntries,
  transferIdFor,
  transferIn,
  transferOut,
  type ClassId,
  type GroupId,
  type IsoDate,
  type PeriodId,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import { buildDemoSchool } from '../../sync-server/demo/demo-school.ts';

const SEEDS = [1, 2, 3, 4];
const STEPS = 40;

/**
 * DIARY-4, DIARY-3 fuzzed with seeds: random journal edits (marks added, corrected and removed,
 * absences and reasons, topics and homework, finals, notes to the family written and removed), student moves between classes and changes
 * of the timetable; after each step every tracked diary is brought up to date incrementally
 * (applyDiary on the document it already holds, as the server does) and its family's replica
 * follows by Yjs updates. Both must equal a diary projected from scratch into a new document, and
 * no diary may hold any other student's id or name anywhere in it. The seed is in every message.
 */
describe('diary projection fuzz (DIARY-3, DIARY-4, NOTE-4)', () => {
  const base = buildDemoSchool({ today: '2026-12-09' as IsoDate });
  const baseUpdates = {
    school: Y.encodeStateAsUpdate(base.school),
    journals: [...base.journals].map(([classId, doc]) => [classId, Y.encodeStateAsUpdate(doc)] as const),
  };

  for (const seed of SEEDS) {
    it(`DIARY-4: seed ${seed}: incremental diaries equal a rebuild and hold nobody else`, () => {
      const gen = prng.create(seed);
      const school = new Y.Doc();
      Y.applyUpdate(school, baseUpdates.school);
      const journals = baseUpdates.journals.map(([classId, u]) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, u);
        return { classId, doc };
      });
      const j5b = journals.find((j) => j.classId === '5b')!;
      const j10a = journals.find((j) => j.classId === '10a')!;
      const lessons = classLessons(school, j5b.doc, '5b' as ClassId, '2026-09-01' as IsoDate, '2026-12-09' as IsoDate);
      const students = () => listStudents(j5b.doc).filter((s) => s.leftOn === null);
      // Tracked diaries: a few 5Б students (one of them moves), each with the server's copy and the family's replica.
      const tracked = students()
        .slice(0, 4)
        .map((s) => {
          const doc = new Y.Doc();
          const replica = new Y.Doc();
          doc.on('update', (u: Uint8Array) => Y.applyUpdate(replica, u));
          return { id: s.id, doc, replica };
        });
      /** The server's pass: each tracked diary brought to its projection; the projections, to compare. */
      const project = () =>
        tracked.map((t) => {
          const state = projectDiary({ school, journals, studentId: t.id });
          if (state) t.doc.transact(() => applyDiary(t.doc, state));
          return state;
        });
      project();
      const log: string[] = [];
      for (let step = 0; step < STEPS; step++) {
        const l = prng.oneOf(gen, lessons);
        const who = prng.oneOf(gen, students()).id;
        const op = prng.uint32(gen, 0, 9);
        log.push(`${op}:${l.id}:${who}`);
        if (op === 0)
          addMark(j5b.doc, l.id, who, { v: prng.oneOf(gen, [2, 3, 4, 5] as const), t: 'oral' as WorkTypeId, w: prng.oneOf(gen, [1, 2]) });
        else if (op === 1) correctMark(j5b.doc, l.id, who, firstPlace(j5b.doc, l.id, who) ?? '0', prng.oneOf(gen, [2, 3, 4, 5] as const));
        else if (op === 2) removeOneMark(j5b.doc, l.id, who, firstPlace(j5b.doc, l.id, who) ?? '0');
        else if (op === 3) setAbsence(j5b.doc, l.id, who, prng.oneOf(gen, ['absent', 'late', null] as const));
        else if (op === 4) setAbsenceReason(j5b.doc, who, l.date, prng.oneOf(gen, ['Б', 'У', null] as const));
        else if (op === 5) setLessonField(j5b.doc, l.id, prng.bool(gen) ? 'topic' : 'homework', `seed ${seed} step ${step}`);
        else if (op === 6)
          setFinal(
            j5b.doc,
            l.subjectId,
            l.groupId,
            prng.oneOf(gen, ['q1', 'q2', 'year']) as PeriodId,
            who,
            prng.oneOf(gen, [3, 4, 5, null] as const),
          );
        else if (op === 7) changeTimetable(school, gen);
        // NOTE-4: a note to the family names its student, so the isolation scan below finds it in any other diary.
        else if (op === 8) {
          // Half of them to a tracked student, so that diaries do get notes.
          const to = prng.bool(gen) ? prng.oneOf(gen, tracked).id : who;
          setFamilyNote(j5b.doc, l.id, to, prng.bool(gen) ? `${to}: замечание, seed ${seed} step ${step}` : null);
        } else moveStudent(school, j5b.doc, j10a.doc, tracked[0].id, step);
        const states = project();
        // Every few steps, and at the end, compare with a rebuild into a new document (the costly part).
        if (step % 4 !== 3 && step !== STEPS - 1) continue;
        for (const [i, t] of tracked.entries()) {
          const fresh = new Y.Doc();
          applyDiary(fresh, states[i]!);
          const expected = readDiary(fresh);
          expect(readDiary(t.doc), `seed ${seed} step ${step} (${log.at(-1)}): server copy of ${t.id}`).toEqual(expected);
          expect(readDiary(t.replica), `seed ${seed} step ${step}: replica of ${t.id}`).toEqual(expected);
        }
      }
      // NOTE-4: each diary holds exactly its student's notes (both journals), by lesson.
      for (const t of tracked) {
        const mine = journals.flatMap((j) => listFamilyNotes(j.doc, t.id)).map((n) => [n.lessonId, n.text]);
        const shown = Object.values(readDiary(t.doc).notes).map((n) => [
          (n as { lessonId: string }).lessonId,
          (n as { text: string }).text,
        ]);
        expect(shown.sort(), `seed ${seed}: notes of ${t.id}`).toEqual(mine.sort());
      }
      // DIARY-3: scan every value of every diary for every other student's id and name.
      const everyone = journals.flatMap((j) => listStudents(j.doc));
      for (const t of tracked) {
        const text = JSON.stringify(readDiary(t.doc));
        for (const s of everyone) {
          if (s.id === t.id) continue;
          expect(
            text.includes(`"${s.id}"`) || text.includes(`${s.id}:`) || text.includes(s.name),
            `seed ${seed}: diary of ${t.id} names ${s.id}`,
          ).toBe(false);
        }
      }
    });
  }
});

function firstPlace(doc: Y.Doc, lessonId: string, studentId: StudentId): string | null {
  let found: string | null = null;
  doc.getMap('marks').forEach((v, k) => {
    if (found === null && v !== null && k.startsWith(`${lessonId}:${studentId}:`)) found = k.split(':')[2];
  });
  return found;
}

/** Moves a 5Б lesson to another slot of its weekday, or puts it back. */
function changeTimetable(school: Y.Doc, gen: prng.PRNG): void {
  const mine = timetableEntries(school).filter((e) => e.classId === '5b');
  const e = prng.oneOf(gen, mine);
  const taken = new Set(mine.filter((x) => x.weekday === e.weekday).map((x) => x.slot));
  const slot = [1, 2, 3, 4, 5, 6, 7].find((s) => !taken.has(s));
  if (slot === undefined) return;
  school.transact(() => {
    removeTimetableEntry(school, e);
    setTimetableEntry(school, { ...e, slot });
  });
}

/** STU-7: the tracked student moves from 5Б to 10А once (a later draw does nothing). */
function moveStudent(school: Y.Doc, from: Y.Doc, to: Y.Doc, studentId: StudentId, step: number): void {
  const s = listStudents(from).find((x) => x.id === studentId);
  if (!s || s.leftOn !== null) return;
  const date = (step % 2 === 0 ? '2026-11-16' : '2026-10-26') as IsoDate;
  const r = { studentId, date, toClassId: '10a' as ClassId, groups: [] as GroupId[] };
  transferOut(from, r);
  transferIn(from, to, r, transferIdFor(to, studentId));
  void school;
}
