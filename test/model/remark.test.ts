import { describe, expect, it } from 'vitest';
import {
  answerRemark,
  change,
  closeRemark,
  createRemark,
  isRemarkFieldValue,
  isRemarkOverdue,
  listRemarks,
  remarksOfPage,
  reopenRemark,
  type GroupId,
  type Remark,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { ALGEBRA, d, ENGLISH, grp, lid, newJournal, sync } from './fixtures.ts';

const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const NEW = {
  subjectId: ALGEBRA as SubjectId,
  groupId: grp('all') as GroupId,
  lessonId: lid('241104.1.alg'),
  text: 'Не записана тема урока',
  deadline: d('2024-11-08'),
  createdBy: 'u-deputy' as UserId,
  createdAt: '2024-11-05T09:00:00.000Z',
};

describe('remarks (REM-*)', () => {
  it('REM-1: a remark is one key per field with a random id; it reads back whole; malformed ones are not listed', () => {
    const doc = newJournal();
    const id = change(doc, 'test', () => createRemark(doc, NEW, seeded(7)));
    expect(id).toMatch(/^[a-z0-9]{8}$/);
    expect([...doc.getMap('remarks').keys()].sort()).toEqual(
      ['createdAt', 'createdBy', 'deadline', 'groupId', 'lessonId', 'state', 'subjectId', 'text'].map((f) => `${id}:${f}`),
    );
    expect(listRemarks(doc)).toEqual([{ id, ...NEW, state: 'open', answer: '' } satisfies Remark]);
    // Two deputies offline never mint one id (ID-3).
    const other = newJournal();
    const id2 = createRemark(other, { ...NEW, lessonId: null, subjectId: ENGLISH as SubjectId, groupId: grp('g1') }, seeded(8));
    expect(id2).not.toBe(id);
    sync(doc, other);
    expect(listRemarks(doc).map((r) => r.id)).toEqual([id, id2].sort((a, b) => (a < b ? -1 : 1)));
    expect(remarksOfPage(doc, ENGLISH, grp('g1')).map((r) => r.lessonId)).toEqual([null]);
    // A hostile client writes a remark without a page or with a bad deadline: not listed.
    doc.getMap('remarks').set('evil1:text', 'x');
    doc.getMap('remarks').set('evil1:deadline', 'завтра');
    expect(listRemarks(doc).map((r) => r.id)).not.toContain('evil1');
    // Field values: text 1–2000 chars, dates, states, ids, timestamps; null always.
    expect(isRemarkFieldValue('text', '')).toBe(false);
    expect(isRemarkFieldValue('text', 'x'.repeat(2001))).toBe(false);
    expect(isRemarkFieldValue('answer', '')).toBe(true);
    expect(isRemarkFieldValue('deadline', '2024-02-30')).toBe(false);
    expect(isRemarkFieldValue('state', 'done')).toBe(false);
    expect(isRemarkFieldValue('lessonId', 'not-a-lesson')).toBe(false);
    expect(isRemarkFieldValue('createdAt', 'вчера')).toBe(false);
    expect(isRemarkFieldValue('subjectId', 'a:b')).toBe(false);
    expect(isRemarkFieldValue('colour', 'red')).toBe(false);
    expect(isRemarkFieldValue('text', null)).toBe(true);
    expect(() => createRemark(doc, { ...NEW, text: ' ' })).toThrow('invalid remark text');
  });

  it('REM-2: open → answered (with the answer) → closed; reopened with a new deadline', () => {
    const doc = newJournal();
    const id = createRemark(doc, NEW);
    answerRemark(doc, id, 'Тема записана');
    expect(listRemarks(doc)[0]).toMatchObject({ state: 'answered', answer: 'Тема записана' });
    closeRemark(doc, id);
    expect(listRemarks(doc)[0].state).toBe('closed');
    reopenRemark(doc, id, d('2024-11-12'));
    expect(listRemarks(doc)[0]).toMatchObject({ state: 'open', deadline: '2024-11-12', answer: 'Тема записана' });
  });

  it('REM-3: overdue only when still open after the deadline day', () => {
    const open = { ...NEW, id: 'r1', state: 'open', answer: '' } as Remark;
    expect(isRemarkOverdue(open, d('2024-11-08'))).toBe(false);
    expect(isRemarkOverdue(open, d('2024-11-09'))).toBe(true);
    expect(isRemarkOverdue({ ...open, state: 'answered' }, d('2024-11-09'))).toBe(false);
    expect(isRemarkOverdue({ ...open, state: 'closed' }, d('2024-12-01'))).toBe(false);
  });
});
