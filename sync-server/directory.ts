import type * as Y from 'yjs';
import {
  classes,
  initJournal,
  journalNeedsMigration,
  migrateJournal,
  journalAccess,
  journalDocName,
  listStudents,
  parseDiaryName,
  parseDocName,
  diaryDocName,
  type StudentId,
  readSchoolMeta,
  schoolAccess,
  type Access,
  type Actor,
  type ClassId,
  type UserId,
  type YearId,
} from '../model/index.ts';
import { derived } from '../model/doc/doc-cache.ts';
import { studentLinksOf } from './auth/student-links.ts';
import { familyYears, pastDiaries, pastDiaryAccess } from './diary/past-diaries.ts';
import { boardSyncAccess } from './announcements/board-actor.ts';
import { parseConversationName } from '../model/messages/conversation-doc.ts';
import type { UserRecord } from './storage/port.ts';
import { schoolYears, type SchoolYearEntry, type StoredDocs } from './years-index.ts';
import type { RoomRegistry } from './ws/room-registry.ts';
import { SERVER_ORIGIN, type Room } from './ws/room.ts';

export interface DocumentEntry {
  name: string;
  kind: 'school' | 'journal' | 'diary';
  title: string;
  access: Access;
}

/**
 * Which documents exist and who may open them, decided from the school-year document (its
 * classes, teaching load and substitutions) through the model's access rules.
 */
export class Directory {
  /** The school year's id, which every journal it lists carries in its name. */
  private readonly yearId: YearId | null;
  /** MSG-2: who may open a conversation (`conv/…`), decided by the conversation index; set by server.ts. */
  conversationAccess: ((user: UserRecord, docName: string) => Promise<Access | null>) | null = null;

  constructor(
    private readonly registry: RoomRegistry,
    /** Name of the current school-year document, `school/{schoolId}/{yearId}`. */
    readonly schoolDocName: string,
    /**
     * The stored documents at their committed state: a diary's title names the student and class
     * from its journal; the other school years are read from them (YEAR-22).
     */
    private readonly stored: StoredDocs = { names: async () => [], doc: async () => null },
  ) {
    this.yearId = parseDocName(schoolDocName)?.yearId ?? null;
  }

  private schoolRoom(): Promise<Room> {
    return this.registry.pin(this.schoolDocName);
  }

  /** The current school-year document (kept in memory). */
  async schoolDoc(): Promise<Y.Doc> {
    return (await this.schoolRoom()).doc;
  }

  /**
   * Every document the user may open, with its title and access (`GET /api/me`). Listed once per
   * version of the school year per user and roles (DOC-9: dropped when the school year changes),
   * each class decided by a lookup in the access index, never by reading the load.
   */
  async documentsFor(user: UserRecord, yearId?: string): Promise<DocumentEntry[]> {
    if (yearId !== undefined && yearId !== this.yearId) return this.otherYearDocuments(user, yearId);
    const school = (await this.schoolRoom()).doc;
    const actor: Actor = { userId: user.id as UserId, roles: user.roles };
    const diaries = await this.diariesFor(user);
    // A copy: the cached list is shared by every request of this version.
    return [...diaries, ...derived(school, `directory:${user.id}:${user.roles.join(',')}`, () => this.listDocuments(school, actor))];
  }

  private listDocuments(
    school: Y.Doc,
    actor: Actor,
    year: { name: string; yearId: YearId | null; relation: SchoolYearEntry['relation'] } = {
      name: this.schoolDocName,
      yearId: this.yearId,
      relation: 'current',
    },
    storedJournals?: ReadonlySet<string>,
  ): readonly DocumentEntry[] {
    const meta = readSchoolMeta(school);
    const out: DocumentEntry[] = [];
    const sa = yearAccess(schoolAccess(actor), year.relation, 'school');
    if (sa) out.push({ name: year.name, kind: 'school', title: meta ? `${meta.schoolName}, ${meta.title}` : 'Учебный год', access: sa });
    if (!year.yearId) return out;
    const sorted = classes.all(school).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
    for (const [classId, c] of sorted) {
      const name = journalDocName(classId as ClassId, year.yearId);
      if (storedJournals && !storedJournals.has(name)) continue;
      const access = yearAccess(journalAccess(school, actor, classId as ClassId), year.relation, 'journal');
      if (access) out.push({ name, kind: 'journal', title: `Журнал ${c.name}`, access });
    }
    return Object.freeze(out.map((d) => Object.freeze(d)));
  }

  /** YEAR-22: the stored school years, past, current and next. */
  years(): Promise<SchoolYearEntry[]> {
    return schoolYears(this.stored, this.schoolDocName);
  }

  /** The years a user's switcher offers: every stored one to the staff, a family's own (YEAR-24), else none. */
  async yearsFor(user: UserRecord, staff: boolean): Promise<SchoolYearEntry[]> {
    const years = await this.years();
    return staff ? years : familyYears(user, years, this.stored);
  }

  /**
   * YEAR-22: the documents of a year other than the current one, as its own school year decides
   * them: a past year's read-only, the next year's school year as it is now (the deputy prepares
   * it) and its journals read-only until it begins; only documents the store holds. A family gets
   * its children's diaries of a past year (YEAR-24).
   */
  private async otherYearDocuments(user: UserRecord, yearId: string): Promise<DocumentEntry[]> {
    const year = (await this.years()).find((y) => y.yearId === yearId);
    const school = year && (await this.stored.doc(year.name));
    if (!year || !school) return [];
    const actor: Actor = { userId: user.id as UserId, roles: user.roles };
    const names = new Set(await this.stored.names());
    return [
      ...(await pastDiaries(user, year, this.stored)),
      ...this.listDocuments(school, actor, { name: year.name, yearId: year.yearId as YearId, relation: year.relation }, names),
    ];
  }

  /**
   * DIARY-1: a parent's diaries, one per child, or a student's own: `diary/{studentId}/{yearId}`,
   * titled with the student's name and class as the class journal has them now.
   */
  private async diariesFor(user: UserRecord): Promise<DocumentEntry[]> {
    const out: DocumentEntry[] = [];
    if (!this.yearId) return out;
    const school = (await this.schoolRoom()).doc;
    for (const link of studentLinksOf(user)) {
      const journal = await this.stored.doc(journalDocName(link.classId as ClassId, this.yearId));
      const student = journal ? listStudents(journal).find((s) => s.id === link.studentId) : undefined;
      // YEAR-24: a student who left the school (the 9th and 11th grades) has no diary this year;
      // the family keeps the past years' in the year switcher.
      if (!student) continue;
      const className = classes.get(school, link.classId as ClassId)?.name ?? '';
      out.push({
        name: diaryDocName(link.studentId as StudentId, this.yearId),
        kind: 'diary',
        title: `${student.name}, ${className}`,
        access: 'read',
      });
    }
    return out;
  }

  /**
   * The user's access to one document, or null when it does not exist or is not theirs: decided
   * for that document alone (its class, in this school year), so that a socket upgrade costs the
   * same in a school of 3 classes as in one of 50 (issue 15).
   */
  async accessTo(user: UserRecord, docName: string): Promise<Access | null> {
    // MSG-2: a conversation opens to its members only.
    if (parseConversationName(docName)) return this.conversationAccess ? this.conversationAccess(user, docName) : null;
    // ANN-1, ANN-3: a board opens read-only to whoever may read it; the server writes it.
    if (docName.startsWith('board/')) return boardSyncAccess((await this.schoolRoom()).doc, this.yearId, user, docName);
    // DIARY-1: a diary opens for reading to its student and their parents, to nobody else.
    const diary = parseDiaryName(docName);
    if (diary) {
      if (diary.yearId !== this.yearId) {
        const year = (await this.years()).find((y) => y.yearId === diary.yearId);
        return pastDiaryAccess(user, docName, diary.studentId, year, this.stored);
      }
      return studentLinksOf(user).some((l) => l.studentId === diary.studentId) ? 'read' : null;
    }
    const parsed = parseDocName(docName);
    if (!parsed) return null;
    const actor: Actor = { userId: user.id as UserId, roles: user.roles };
    if (parsed.yearId !== this.yearId) return this.otherYearAccess(actor, docName, parsed);
    if (parsed.kind === 'school') return docName === this.schoolDocName ? schoolAccess(actor) : null;
    const school = (await this.schoolRoom()).doc;
    if (!classes.get(school, parsed.classId)) return null;
    return journalAccess(school, actor, parsed.classId);
  }

  /** YEAR-22: access to a document of a stored year other than the current one. */
  private async otherYearAccess(
    actor: Actor,
    docName: string,
    parsed: NonNullable<ReturnType<typeof parseDocName>>,
  ): Promise<Access | null> {
    const year = (await this.years()).find((y) => y.yearId === parsed.yearId);
    const school = year && (await this.stored.doc(year.name));
    if (!year || !school) return null;
    if (parsed.kind === 'school') return docName === year.name ? yearAccess(schoolAccess(actor), year.relation, 'school') : null;
    if (!(await this.stored.names()).includes(docName)) return null;
    return yearAccess(journalAccess(school, actor, parsed.classId), year.relation, 'journal');
  }

  /** Whether a document belongs to the year the server serves (its rooms write; others' never do). */
  isCurrentYear(name: string): boolean {
    const parsed = parseDocName(name) ?? parseDiaryName(name);
    return parsed !== null && parsed.yearId === this.yearId;
  }

  /**
   * Writes the meta of a journal that has never been stored, from the school-year document;
   * brings a stored journal of an older layout up to date (DOC-4).
   */
  async initializeDocument(name: string, room: Room, isNew: boolean): Promise<void> {
    const parsed = parseDocName(name);
    // YEAR-22: another year's document is read as stored: no migration, no meta written.
    if (parsed?.kind !== 'journal' || parsed.yearId !== this.yearId) return;
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

/**
 * YEAR-22: access in another year: a past year is read-only whatever the rights were; the next
 * year's school year is written as now (the deputy prepares it), its journals only read until it
 * begins.
 */
function yearAccess(access: Access | null, relation: SchoolYearEntry['relation'], kind: 'school' | 'journal'): Access | null {
  if (!access || relation === 'current') return access;
  return relation === 'next' && kind === 'school' ? access : 'read';
}
