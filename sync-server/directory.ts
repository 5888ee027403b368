import type * as Y from 'yjs';
import {
  classes,
  initJournal,
  journalNeedsMigration,
  migrateJournal,
  journalAccess,
  journalDocName,
  parseDocName,
  readSchoolMeta,
  schoolAccess,
  type Access,
  type Actor,
  type ClassId,
  type UserId,
} from '../model/index.ts';
import type { UserRecord } from './storage/port.ts';
import type { RoomRegistry } from './ws/room-registry.ts';
import { SERVER_ORIGIN, type Room } from './ws/room.ts';

export interface DocumentEntry {
  name: string;
  kind: 'school' | 'journal';
  title: string;
  access: Access;
}

/**
 * Which documents exist and who may open them, decided from the school-year document (its
 * classes, teaching load and substitutions) through the model's access rules.
 */
export class Directory {
  constructor(
    private readonly registry: RoomRegistry,
    /** Name of the current school-year document, `school/{schoolId}/{yearId}`. */
    readonly schoolDocName: string,
  ) {}

  private schoolRoom(): Promise<Room> {
    return this.registry.pin(this.schoolDocName);
  }

  /** The current school-year document (kept in memory). */
  async schoolDoc(): Promise<Y.Doc> {
    return (await this.schoolRoom()).doc;
  }

  /** Every document the user may open, with its title and access. */
  async documentsFor(user: UserRecord): Promise<DocumentEntry[]> {
    const school = (await this.schoolRoom()).doc;
    const actor: Actor = { userId: user.id as UserId, roles: user.roles };
    const meta = readSchoolMeta(school);
    const out: DocumentEntry[] = [];
    const sa = schoolAccess(actor);
    if (sa)
      out.push({ name: this.schoolDocName, kind: 'school', title: meta ? `${meta.schoolName}, ${meta.title}` : 'Учебный год', access: sa });
    const yearId = parseDocName(this.schoolDocName)?.yearId;
    if (!yearId) return out;
    const sorted = classes.all(school).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
    for (const [classId, c] of sorted) {
      const access = journalAccess(school, actor, classId as ClassId);
      if (access) out.push({ name: journalDocName(classId as ClassId, yearId), kind: 'journal', title: `Журнал ${c.name}`, access });
    }
    return out;
  }

  /** The user's access to one document, or null when it does not exist or is not theirs. */
  async accessTo(user: UserRecord, docName: string): Promise<Access | null> {
    const doc = (await this.documentsFor(user)).find((d) => d.name === docName);
    return doc?.access ?? null;
  }

  /**
   * Writes the meta of a journal that has never been stored, from the school-year document;
   * brings a stored journal of an older layout up to date (DOC-4).
   */
  async initializeDocument(name: string, room: Room, isNew: boolean): Promise<void> {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'journal') return;
    if (!isNew) {
      if (journalNeedsMigration(room.doc)) room.doc.transact(() => migrateJournal(room.doc), SERVER_ORIGIN);
      return;
    }
    const school = (await this.schoolRoom()).doc;
    const meta = readSchoolMeta(school);
    const c = classes.get(school, parsed.classId);
    if (!meta || !c) return;
    room.doc.transact(() => {
      initJournal(room.doc, { schoolId: meta.schoolId, classId: parsed.classId, yearId: parsed.yearId, className: c.name, grade: c.grade });
    }, SERVER_ORIGIN);
  }
}
