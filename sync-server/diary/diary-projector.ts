import { applyDiary, listStudents, parseDiaryName, projectDiary, type DiaryNotice } from '../../model/index.ts';
import type { DocumentProjection } from '../reports/journal-projection.ts';
import type { Storage } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { SERVER_ORIGIN, type Room } from '../ws/room.ts';
import type { ChangeRow } from '../storage/port.ts';
import { affectedStudents, ALL_STUDENTS, type Affected } from './affected-students.ts';
import { DiarySources, type StoredJournal } from './diary-sources.ts';

export interface DiaryProjectorDeps {
  registry: RoomRegistry;
  storage: Storage;
  /** The committed state of the school year and the journals (shared with the reports). */
  projection: DocumentProjection;
  schoolDocName: string;
  /** The school's notices to a family (reminders), newest first. */
  notices?: (studentId: string) => Promise<Array<DiaryNotice & { id: string }>>;
  onError(e: unknown): void;
}

/**
 * DIARY-2, DIARY-5: keeps the students' diaries equal to the projection of the journals.
 * A diary that is open (its room loaded) follows every commit of its class's journal and of the
 * school year; a closed one is not touched, and is brought up to date when it opens
 * (`initialize`), so that a teacher's keystroke never costs a write to every diary of the school.
 * It reads what is committed (the store), never the rooms: a diary shows nothing that could
 * still be refused or lost.
 */
export class DiaryProjector {
  private readonly sources: DiarySources;
  /** Per journal committed since the last run, whose diaries it may change; the school year concerns all. */
  private readonly dirty = new Map<string, Affected>();
  private schoolChanged = false;
  private running: Promise<void> | null = null;
  private scheduled = false;
  /** Diaries to refresh whatever changed (a notice). */
  private readonly refreshStudents = new Set<string>();

  constructor(private readonly deps: DiaryProjectorDeps) {
    this.sources = new DiarySources(deps);
  }

  /** The registry's hook: a room committed. */
  committed(room: Room, changes: ReadonlyArray<readonly ChangeRow[] | null>): void {
    if (room.name === this.deps.schoolDocName) this.schoolChanged = true;
    else if (this.sources.isJournalOfYear(room.name)) {
      // The corrections kept follow every commit, the projection only those that concern a diary.
      this.sources.corrections.note(room.name, changes);
      const affected = affectedStudents(changes, this.dirty.get(room.name));
      if (affected !== ALL_STUDENTS && affected.size === 0) return;
      this.dirty.set(room.name, affected);
      this.sources.noteJournal(room.name);
    } else return;
    this.schedule();
  }

  /** A diary to project again now if it is open (a notice was added). */
  refresh(studentId: string): void {
    this.refreshStudents.add(studentId);
    this.schedule();
  }

  /** The registry's initializer for a diary's room: brought up to date before anyone reads it. */
  async initialize(room: Room): Promise<void> {
    const parsed = parseDiaryName(room.name);
    if (!parsed || parsed.yearId !== this.sources.yearId) return;
    await this.project(room, await this.sources.journals());
  }

  /** Resolves once every change seen so far is projected (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running || this.scheduled) await (this.running ?? new Promise((r) => setImmediate(r)));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Coalesce the commits of one turn of the event loop, and never run two passes at once.
    setImmediate(() => {
      this.scheduled = false;
      if (this.running) return void this.running.then(() => this.schedule());
      this.running = this.run()
        .catch((e) => this.deps.onError(e))
        .finally(() => (this.running = null));
    });
  }

  private async run(): Promise<void> {
    const dirty = new Map(this.dirty);
    this.dirty.clear();
    const schoolChanged = this.schoolChanged;
    this.schoolChanged = false;
    const refresh = new Set(this.refreshStudents);
    this.refreshStudents.clear();
    const open = (await this.deps.registry.loadedRooms()).filter((r) => parseDiaryName(r.name)?.yearId === this.sources.yearId);
    if (open.length === 0) return;
    const journals = await this.sources.journals();
    const affected = new Set<string>(refresh);
    for (const j of journals) {
      const some = schoolChanged ? ALL_STUDENTS : dirty.get(j.name);
      if (some === ALL_STUDENTS) for (const s of listStudents(j.doc)) affected.add(s.id);
      else for (const id of some ?? []) affected.add(id);
    }
    for (const room of open) {
      if (affected.has(parseDiaryName(room.name)!.studentId)) await this.project(room, journals);
    }
  }

  /** Projects one diary and writes what differs, as the server. */
  private async project(room: Room, journals: readonly StoredJournal[]): Promise<void> {
    const source = await this.sources.sourceFor(parseDiaryName(room.name)!.studentId, journals);
    const state = source && projectDiary(source);
    if (!state) return;
    room.doc.transact(() => applyDiary(room.doc, state), SERVER_ORIGIN);
  }
}
