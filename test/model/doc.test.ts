import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addMark,
  change,
  cloneJson,
  JOURNAL_MAPS,
  JOURNAL_SCHEMA_VERSION,
  journalDocName,
  journalIsNewer,
  journalNeedsMigration,
  marksOf,
  migrateJournal,
  joinKey,
  lessonId,
  parseDocName,
  putStudent,
  readJournalMeta,
  readSchoolMeta,
  rootMap,
  sameJson,
  SCHOOL_SCHEMA_VERSION,
  schoolDocName,
  setAbsence,
  setAbsenceReason,
  setFinal,
  setLessonField,
  setMark,
  setStudentField,
  splitKey,
  writeValue,
  type PeriodId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, grp, mark, newJournal, newSchool, SCHOOL, sid, uid, wt, YEAR } from './fixtures.ts';

const L1 = lessonId(d('2024-09-03'), 2, ALGEBRA, grp('all'));

describe('document names', () => {
  it('DOC-1: school/{schoolId}/{yearId} and journal/{classId}/{yearId} round trip', () => {
    expect(schoolDocName(SCHOOL, YEAR)).toBe('school/sch1/y2024');
    expect(journalDocName(CLASS_7A, YEAR)).toBe('journal/c7a/y2024');
    expect(parseDocName('school/sch1/y2024')).toEqual({ kind: 'school', schoolId: 'sch1', yearId: 'y2024' });
    expect(parseDocName(journalDocName(CLASS_7A, YEAR))).toEqual({ kind: 'journal', classId: 'c7a', yearId: 'y2024' });
  });

  it('DOC-1: anything else is no document name', () => {
    for (const bad of [
      '',
      'school',
      'school/sch1',
      'school/sch1/y2024/x',
      'diary/st1/y2024',
      'journal//y2024',
      'journal/c7a/',
      'journal/c:7a/y2024',
      'journal/../y2024',
      '/journal/c7a/y2024',
      'JOURNAL/c7a/y2024',
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});

describe('flat documents', () => {
  it('DOC-2: every accessor writes JSON values into the named top-level maps only, never a nested Y type', () => {
    const doc = newJournal();
    putStudent(doc, { id: sid('st1'), name: 'Иванов Иван', groups: [grp('g1')], enrolledOn: d('2024-09-01'), leftOn: null });
    setLessonField(doc, L1, 'topic', 'Линейные уравнения');
    setLessonField(doc, L1, 'workType', wt('oral'));
    setMark(doc, L1, sid('st1'), 0, mark(5, 'oral', 1, 'у доски'));
    setAbsence(doc, L1, sid('st2'), 'late');
    setAbsenceReason(doc, sid('st2'), d('2024-09-03'), 'О');
    setFinal(doc, ALGEBRA, grp('all'), 'q1' as PeriodId, sid('st1'), 5);
    expect([...doc.share.keys()].every((name) => (JOURNAL_MAPS as readonly string[]).includes(name))).toBe(true);
    for (const [name, type] of doc.share) {
      expect(type, name).toBeInstanceOf(Y.Map);
      (type as unknown as Y.Map<unknown>).forEach((v, k) => {
        expect(v instanceof Y.AbstractType, `${name}[${k}]`).toBe(false);
        expect(JSON.parse(JSON.stringify(v)), `${name}[${k}]`).toEqual(v);
      });
    }
  });

  it('DOC-2: keys are ":"-joined paths that split back into their ids', () => {
    expect(joinKey('a', 'b', 3)).toBe('a:b:3');
    expect(splitKey(joinKey(L1, 'st1', 0))).toEqual([L1, 'st1', '0']);
  });

  it('DOC-2: two replicas writing different fields of one record offline keep both', () => {
    const a = newJournal();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setStudentField(a, sid('st1'), 'name', 'Петров Пётр');
    setStudentField(b, sid('st1'), 'groups', [grp('g2')]);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    for (const doc of [a, b]) expect(rootMap(doc, 'students').toJSON()).toEqual({ 'st1:name': 'Петров Пётр', 'st1:groups': ['g2'] });
  });

  it('DOC-3: a removal writes null and advances the writer clock; Y.Map.delete would not', () => {
    const doc = newJournal();
    setMark(doc, L1, sid('st1'), 0, mark(4));
    const before = Y.encodeStateVector(doc);
    setMark(doc, L1, sid('st1'), 0, null);
    const clock = (sv: Uint8Array) => Y.decodeStateVector(sv).get(doc.clientID) ?? 0;
    expect(rootMap(doc, 'marks').get(joinKey(L1, 'st1', 0))).toBeNull();
    expect(clock(Y.encodeStateVector(doc))).toBe(clock(before) + 1);

    const raw = new Y.Doc();
    raw.getMap('m').set('k', 1);
    const sv = Y.decodeStateVector(Y.encodeStateVector(raw)).get(raw.clientID);
    raw.getMap('m').delete('k');
    expect(Y.decodeStateVector(Y.encodeStateVector(raw)).get(raw.clientID)).toBe(sv);
  });

  it('DOC-3: a removal reaches another replica as null and reads as nothing there', () => {
    const a = newJournal();
    const b = new Y.Doc();
    setAbsence(a, L1, sid('st1'), 'absent');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setAbsence(a, L1, sid('st1'), null);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(rootMap(b, 'attendance').get(joinKey(L1, 'st1'))).toBeNull();
  });

  it('DOC-4: a new journal and school year carry their schema versions; meta reads undefined before sync', () => {
    const journal = newJournal(7);
    expect(readJournalMeta(journal)).toEqual({
      schemaVersion: JOURNAL_SCHEMA_VERSION,
      schoolId: 'sch1',
      classId: 'c7a',
      yearId: 'y2024',
      className: '7А',
      grade: 7,
    });
    expect(readSchoolMeta(newSchool())?.schemaVersion).toBe(SCHOOL_SCHEMA_VERSION);
    expect(readJournalMeta(new Y.Doc())).toBeUndefined();
    expect(readSchoolMeta(new Y.Doc())).toBeUndefined();
  });

  it('DOC-4, MARK-8: a layout 1 journal is migrated to 2 with its marks where they were; a newer layout is recognised', () => {
    const journal = newJournal(7);
    rootMap(journal, 'meta').set('schemaVersion', 1);
    setMark(journal, L1, sid('st1'), 0, mark(5));
    setMark(journal, L1, sid('st1'), 1, mark(4));
    expect(journalNeedsMigration(journal)).toBe(true);
    migrateJournal(journal);
    expect(readJournalMeta(journal)?.schemaVersion).toBe(JOURNAL_SCHEMA_VERSION);
    expect(JOURNAL_SCHEMA_VERSION).toBe(2);
    expect(journalNeedsMigration(journal)).toBe(false);
    expect(marksOf(journal, L1, sid('st1')).map((m) => [m.place, m.value])).toEqual([
      ['0', 5],
      ['1', 4],
    ]);
    // A new mark after version 1 ones takes a version 2 place after them.
    expect(addMark(journal, L1, sid('st1'), mark(3))).toMatch(/^2[a-z]{2}$/);
    expect(journalIsNewer(journal)).toBe(false);
    rootMap(journal, 'meta').set('schemaVersion', JOURNAL_SCHEMA_VERSION + 1);
    expect(journalIsNewer(journal)).toBe(true);
    expect(journalNeedsMigration(new Y.Doc())).toBe(false);
  });

  it('DOC-5: writing an equal value is no change: no update, no clock step', () => {
    const doc = newJournal();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const map = rootMap(doc, 'lessons');
    writeValue(map, 'k', { a: 1, b: [1, 2] });
    writeValue(map, 'k', { b: [1, 2], a: 1 });
    writeValue(map, 'k', { a: 1, b: [1, 2], c: undefined } as never);
    expect(updates).toHaveLength(1);
    setMark(doc, L1, sid('st1'), 0, mark(5));
    setMark(doc, L1, sid('st1'), 0, { ...mark(5), c: undefined });
    expect(updates).toHaveLength(2);
  });

  it('DOC-5: removing what is not there writes nothing', () => {
    const doc = newJournal();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    setMark(doc, L1, sid('st1'), 0, null);
    setAbsence(doc, L1, sid('st1'), null);
    setAbsenceReason(doc, sid('st1'), d('2024-09-03'), null);
    expect(updates).toHaveLength(0);
    expect(rootMap(doc, 'marks').size).toBe(0);
  });

  it('DOC-5: a written value is a copy: mutating the caller object later changes neither the document nor what peers get', () => {
    const a = newJournal();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    const groups = [grp('g1')];
    setStudentField(a, sid('st1'), 'groups', groups);
    groups.push(grp('g2'));
    expect(rootMap(a, 'students').get('st1:groups')).toEqual(['g1']);
    setStudentField(a, sid('st1'), 'groups', groups);
    expect(rootMap(a, 'students').get('st1:groups')).toEqual(['g1', 'g2']);
    expect(rootMap(b, 'students').get('st1:groups')).toEqual(['g1', 'g2']);
  });

  it('DOC-5: sameJson is structural, key order free, type strict; cloneJson refuses what is not JSON', () => {
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ 0: 1 }, [1])).toBe(false);
    expect(sameJson(1, '1')).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(cloneJson({ a: [1, 'x', null, true], b: undefined })).toEqual({ a: [1, 'x', null, true] });
    for (const bad of [NaN, Infinity, () => 1, new Date(0), new Uint8Array(1), undefined]) expect(() => cloneJson(bad)).toThrow();
  });

  it('DOC-7: change() makes one update with the given origin, and nests into an enclosing one', () => {
    const doc = newJournal();
    const seen: Array<{ origin: unknown }> = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => seen.push({ origin }));
    const origin = { user: uid('t1') };
    const result = change(doc, origin, () => {
      setMark(doc, L1, sid('st1'), 0, mark(5));
      setMark(doc, L1, sid('st2'), 0, mark(4));
      change(doc, 'inner', () => setAbsence(doc, L1, sid('st3'), 'absent'));
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual([{ origin }]);
  });
});
