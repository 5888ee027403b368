import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assignTeacher,
  classes,
  putStudent,
  type ClassId,
  type GroupId,
  type StudentId,
  type SubjectId,
  type UserId,
} from '../model/index.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import type { Storage } from '../sync-server/storage/port.ts';
import { editStoredDoc, login, prepareDataDir } from './data-dir.ts';

/**
 * The `peers` benchmark's school, on top of the demo: 20 teachers of mathematics, one per journal
 * (a teacher may have several journals, a journal has one teacher), each with 5 devices, i.e. 5
 * sign-ins of their own. The sync bench's choice of lessons and students: class `b{k}` has the
 * students `s0`…`s99` and the mark of client i goes to student `s{i}` in a November lesson.
 */
export const TEACHERS = 20;
export const DEVICES = 5;
export const SCHOOL_DOC = 'school/demo/2026';
export const journalName = (classId: string) => `journal/${classId}/2026`;
const teacherLogin = (k: number) => `peer${k}`;
const teacherId = (k: number) => `u-peer${k}`;

/** The 20 journals the edit workload and the reconnect storm use: one per teacher. */
export const steadyClasses = Array.from({ length: TEACHERS }, (_, k) => `b${k + 1}`);
/** Never-opened journals for the first-connection shape, a set of 20 per round. */
export const freshClasses = (round: number) => Array.from({ length: TEACHERS }, (_, k) => `f${round}x${k + 1}`);
/** The many-journals shape's journals (never opened), teacher k having every 20th. */
export const manyClasses = (n: number) => Array.from({ length: n }, (_, i) => `g${i + 1}`);
/** The teacher (1-based) who teaches the i-th (0-based) class of a list. */
export const teacherOf = (i: number) => (i % TEACHERS) + 1;

/** Demo school + the teachers + `classIds` (teacher of the i-th: `teacherOf(i)`), with students in `withStudents`. */
async function prepare(classIds: string[], withStudents: ReadonlySet<string>, students: number): Promise<string> {
  return prepareDataDir(async (storage) => {
    await addTeachers(storage);
    await editStoredDoc(storage, SCHOOL_DOC, (doc) => {
      classIds.forEach((id, i) => {
        classes.set(doc, id, { name: `П${id}`, grade: 7, classTeacherId: null });
        assignTeacher(doc, {
          classId: id as ClassId,
          subjectId: 'math' as SubjectId,
          groupId: 'all' as GroupId,
          teacherId: teacherId(teacherOf(i)) as UserId,
        });
      });
    });
    for (const id of classIds.filter((c) => withStudents.has(c))) {
      await editStoredDoc(storage, journalName(id), (doc) => {
        for (let s = 0; s < students; s++)
          putStudent(doc, { id: `s${s}` as StudentId, name: `Ученик ${s}`, groups: [], enrolledOn: null, leftOn: null });
      });
    }
  });
}

async function addTeachers(storage: Storage): Promise<void> {
  const passwordHash = await hashPassword('demo');
  for (let k = 1; k <= TEACHERS; k++) {
    await storage.createUser({
      id: teacherId(k),
      login: teacherLogin(k),
      name: `Учитель ${k}`,
      roles: ['teacher'],
      passwordHash,
      disabled: false,
    });
  }
}

/** Data for the edit workload, the storm and `rounds` sets of fresh journals. */
export function prepareSteadyDir(rounds: number): Promise<string> {
  const fresh = Array.from({ length: rounds }, (_, r) => freshClasses(r + 1)).flat();
  // Fresh classes are listed per teacher in the same order, so `teacherOf` holds for them too.
  return prepare([...steadyClasses, ...fresh], new Set(steadyClasses), TEACHERS * DEVICES);
}

/** Data for the many-journals shape: `n` classes whose journals were never opened. */
export function prepareManyDir(n: number): Promise<string> {
  return prepare(manyClasses(n), new Set(), 0);
}

/** Data for the `scale` bench's 200 × 5 shape: `n` classes with the students `s0`…`s99`, and `warm` more without. */
export function prepareManyWithStudentsDir(n: number, warm: number): Promise<string> {
  return prepare(manyClasses(n + warm), new Set(manyClasses(n)), TEACHERS * DEVICES);
}

/** A fresh copy of a prepared data directory, so that every server process starts from the same state. */
export function copyDataDir(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'journal-peers-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Session cookies: `cookies[k - 1][d]` is device d of teacher k, each device signed in on its own. */
export async function signInDevices(origin: string): Promise<string[][]> {
  const cookies: string[][] = [];
  for (let k = 1; k <= TEACHERS; k++) {
    const devices: string[] = [];
    for (let d = 0; d < DEVICES; d++) devices.push(await login(origin, teacherLogin(k)));
    cookies.push(devices);
  }
  return cookies;
}
