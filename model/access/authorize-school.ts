import type * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import type { RecordCollection } from '../doc/record-collection.ts';
import { RejectReason } from '../protocol/messages.ts';
import { bells, bellSchedule } from '../school/bells.ts';
import { closures } from '../school/closures.ts';
import { plannedControlWorks } from '../school/control-work.ts';
import { isSettingKey, schoolSettings, settingProblems } from '../school/school-settings.ts';
import { moves } from '../school/lesson-move.ts';
import { controlWorkRecordProblems, moveRecordProblems, substitutionRecordProblems } from '../school/replan-checks.ts';
import { holidays, periods, readSchoolMeta } from '../school/school-year.ts';
import {
  classGradeChangeProblems,
  classRecordProblems,
  classRemovalProblems,
  groupJournalProblems,
  groupRecordProblems,
  groupRemovalProblems,
} from '../school/class-checks.ts';
import { ktpItems } from '../school/ktp.ts';
import { ktpRecordProblems } from '../school/ktp-checks.ts';
import { loadRecordProblems } from '../school/load-checks.ts';
import { rooms } from '../school/room.ts';
import { roomRecordProblems, roomRemovalProblems } from '../school/room-checks.ts';
import { timetableRecords } from '../school/timetable.ts';
import { timetableRecordProblems } from '../school/timetable-checks.ts';
import { classes, groups, staff } from '../school/staff.ts';
import { loadEntries } from '../school/teaching-load.ts';
import { staffRecordProblems, staffRemovalProblems } from '../school/staff-checks.ts';
import { subjects, workTypes } from '../school/subject.ts';
import { substitutions } from '../school/substitution.ts';
import { bellProblems, holidayProblems, periodProblems, subjectProblems, workTypeProblems } from '../school/year-checks.ts';
import type { JournalUse } from '../journal/journal-use.ts';
import type { JournalChange } from './change-path.ts';
import type { Decision } from './authorize.ts';
import { schoolAccess, type Actor } from './journal-access.ts';

/**
 * What the school-year rule book knows of the class journals, which it never reads itself: a
 * class's `JournalUse` (SETUP-4, YEAR-15), kept by the server for every journal of the year
 * (sync-server/journal-use-index.ts); undefined for a class without a journal. Without it the
 * rules that need the journals judge the school year alone.
 */
export type JournalUseOf = (classId: string) => JournalUse | undefined;

/** Besides the document: the record a change replaces (undefined when none) and the journals' use. */
interface CheckContext {
  old: unknown;
  journals?: JournalUseOf;
}
/** The problems of storing a record under a key, judged against the rest of the document. */
type RecordCheck<T> = (doc: Y.Doc, key: string, value: T, ctx: CheckContext) => string[];
/** The problems of removing the record under a key (who still refers to it). */
type RemovalCheck = (doc: Y.Doc, key: string, ctx: CheckContext) => string[];

interface MapRules<T> {
  collection: RecordCollection<T>;
  keyOk?: (key: string) => boolean;
  record?: RecordCheck<T>;
  removal?: RemovalCheck;
}

const rules = <T>(r: MapRules<T>) => r as unknown as MapRules<unknown>;
const yearOf = (doc: Y.Doc) => {
  const m = readSchoolMeta(doc);
  return m ? { startsOn: m.startsOn, endsOn: m.endsOn } : null;
};

/**
 * YEAR-9: what each writable map of the school-year document admits. Maps not listed (the
 * meta, the closures) are the server's. Checks judge the document as it is after the update,
 * so each compares the record with the others, never with itself.
 */
const SCHOOL_RULES: Record<string, MapRules<unknown>> = {
  periods: rules({
    collection: periods,
    keyOk: isValidId,
    record: (doc, key, p) => {
      const year = yearOf(doc);
      return year
        ? periodProblems(
            year,
            p,
            periods.all(doc).filter(([k]) => k !== key),
          )
        : [];
    },
    // A period closed for some class is the archive's (CLOSE-*): reopen it first.
    removal: (doc, key) =>
      closures.all(doc).some(([k]) => k.endsWith(`:${key}`)) ? ['Период закрыт для класса: сначала откройте его.'] : [],
  }),
  holidays: rules({
    collection: holidays,
    keyOk: isValidId,
    record: (doc, _key, h) => {
      const year = yearOf(doc);
      return year ? holidayProblems(year, h) : [];
    },
  }),
  bells: rules({
    collection: bells,
    keyOk: (k) => /^(?:[1-9]|1[0-2])$/.test(k),
    record: (doc, key, b) => bellProblems(Number(key), b, bellSchedule(doc)),
  }),
  subjects: rules({ collection: subjects, keyOk: isValidId, record: (_doc, _key, s) => subjectProblems(s) }),
  workTypes: rules({ collection: workTypes, keyOk: isValidId, record: (_doc, _key, t) => workTypeProblems(t) }),
  staff: rules({ collection: staff, keyOk: isValidId, record: staffRecordProblems, removal: staffRemovalProblems }),
  // SETUP-4: a stored class's grade changes only while nothing names the class and its journal holds no records.
  classes: rules({
    collection: classes,
    keyOk: isValidId,
    record: (doc, key, c, { old, journals }) => {
      const before = classes.isValid(old) ? old : null;
      const regraded = before !== null && before.grade !== c.grade;
      return [...classRecordProblems(doc, key, c), ...(regraded ? classGradeChangeProblems(doc, key, journals?.(key)) : [])];
    },
    removal: classRemovalProblems,
  }),
  // YEAR-15: a group its class's journal uses keeps its class and subject, and is not removed.
  groups: rules({
    collection: groups,
    keyOk: isValidId,
    record: (doc, key, g, { old, journals }) => {
      const before = groups.isValid(old) ? old : null;
      const moved = before !== null && (before.classId !== g.classId || before.subjectId !== g.subjectId);
      return [...groupRecordProblems(doc, key, g), ...(moved ? groupJournalProblems(doc, key, before, journals?.(before.classId)) : [])];
    },
    removal: (doc, key, { old, journals }) => [
      ...groupRemovalProblems(doc, key),
      ...(groups.isValid(old) ? groupJournalProblems(doc, key, old, journals?.(old.classId)) : []),
    ],
  }),
  load: rules({ collection: loadEntries, record: loadRecordProblems }),
  // A room's key is the room as the timetable writes it («Спортзал»): its check judges the key.
  rooms: rules({ collection: rooms, record: roomRecordProblems, removal: roomRemovalProblems }),
  // Three arguments: the page's fourth (the entry an edit replaces) has no meaning here.
  timetable: rules({ collection: timetableRecords, record: (doc, key, v) => timetableRecordProblems(doc, key, v) }),
  // SETUP-22…24; a topic's removal is never refused (lessons keep their written topic).
  ktp: rules({ collection: ktpItems, keyOk: isValidId, record: ktpRecordProblems }),
  controlWorks: rules({ collection: plannedControlWorks, keyOk: isValidId, record: controlWorkRecordProblems }),
  substitutions: rules({ collection: substitutions, record: substitutionRecordProblems }),
  moves: rules({ collection: moves, record: moveRecordProblems }),
  // TIME-1, MARK-11: each settings key has its own form.
  settings: rules({ collection: schoolSettings, keyOk: isSettingKey, record: (_doc, key, v) => settingProblems(key, v) }),
};

const refuse = (reason: RejectReason, detail: string): Decision => ({ allowed: false, reason, detail });

/**
 * YEAR-7…9: the rule book for writes into the school-year document, run by the server on
 * every changed record, like `authorize` for journals (the page runs the same checks before it
 * writes, so a refusal here means a stale or hostile client, or two offline edits that clash).
 * YEAR-7: only the administrator and the deputy write (ACC-5). YEAR-8: the meta and the
 * closures are the server's (periods close through CLOSE-*). YEAR-9: a record is well formed
 * for its map, under a well-formed key, and passes its map's checks; a removal passes the
 * map's removal check.
 */
export function authorizeSchoolChange(actor: Actor, change: JournalChange, doc: Y.Doc, journals?: JournalUseOf): Decision {
  if (schoolAccess(actor) !== 'write')
    return refuse(RejectReason.forbidden, 'учебный год настраивают заместитель директора и администратор');
  const map = Object.hasOwn(SCHOOL_RULES, change.map) ? SCHOOL_RULES[change.map] : undefined;
  if (!map) return refuse(RejectReason.forbidden, `«${change.map}» учебного года меняет только сервер`);
  if (map.keyOk && !map.keyOk(change.key)) return refuse(RejectReason.malformed, `недопустимый ключ ${change.map}/${change.key}`);
  const value = change.newValue;
  const ctx: CheckContext = { old: change.oldValue ?? undefined, journals };
  if (value === null || value === undefined) {
    const problems = map.removal?.(doc, change.key, ctx) ?? [];
    return problems.length ? refuse(RejectReason.invalidValue, problems.join(' ')) : { allowed: true, asSubstitute: false };
  }
  if (!map.collection.isValid(value)) return refuse(RejectReason.malformed, `неверная запись ${change.map}/${change.key}`);
  const problems = map.record?.(doc, change.key, value, ctx) ?? [];
  return problems.length ? refuse(RejectReason.invalidValue, problems.join(' ')) : { allowed: true, asSubstitute: false };
}
