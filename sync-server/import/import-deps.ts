import type * as Y from 'yjs';
import {
  classes,
  journalDocName,
  listStudents,
  parseDocName,
  personalKey,
  type ClassId,
  type Student,
  type StudentPersonal,
} from '../../model/index.ts';
import type { Directory } from '../directory.ts';
import type { Storage } from '../storage/port.ts';
import type { SocketRevocation } from '../ws/revocation.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import type { Room } from '../ws/room.ts';

/** What the imports and exports of the school's data need. */
export interface ImportDeps {
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  /** Closes the sockets of a user whose roles an import changed. */
  revocation: SocketRevocation;
}

/** The current school year's id (from the school-year document's name). */
export function currentYearId(deps: ImportDeps) {
  const parsed = parseDocName(deps.directory.schoolDocName);
  if (parsed?.kind !== 'school') throw new Error(`not a school-year document: ${deps.directory.schoolDocName}`);
  return parsed.yearId;
}

/** The live room of a class's journal (created with its meta when it has never been stored). */
export function journalRoom(deps: ImportDeps, classId: ClassId): Promise<Room> {
  return deps.registry.open(journalDocName(classId, currentYearId(deps)));
}

/** Every class's roster as its journal has it now, by class id. */
export async function loadRosters(deps: ImportDeps, school: Y.Doc): Promise<Map<string, Student[]>> {
  const rosters = new Map<string, Student[]>();
  for (const [classId] of classes.all(school)) rosters.set(classId, listStudents((await journalRoom(deps, classId as ClassId)).doc));
  return rosters;
}

/** The server's personal records of students, by `personalKey(classId, studentId)`. */
export async function loadPersonal(deps: ImportDeps): Promise<Map<string, StudentPersonal>> {
  return new Map((await deps.storage.listStudentPersonal({})).map((p) => [personalKey(p.classId, p.studentId), p]));
}

/** Waits until everything the room has applied is committed to disk. */
export async function settle(room: Room): Promise<void> {
  for (let i = 0; i < 500 && room.hasUnsaved; i++) {
    await room.flush();
    if (room.hasUnsaved) await new Promise((r) => setTimeout(r, 10));
  }
  if (room.hasUnsaved) throw new Error(`${room.name}: changes were not committed`);
}
