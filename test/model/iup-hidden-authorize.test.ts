import { describe, expect, it } from 'vitest';
import { addDays, authorize, pageLessons, setMark, setStudentField, WHOLE_CLASS, type AuthorizeContext } from '../../model/index.ts';
import { IUP_EXEMPT, type IupPlan } from '../../model/journal/iup.ts';
import { d, mark, uid } from './fixtures.ts';
import { C5B, fiveB, IVANOV, MATH, MATH_IUP } from './iup-fixture.ts';

const deputy = { userId: uid('u-deputy'), roles: ['deputy' as const] };
const plan = (over: Partial<IupPlan> = {}): IupPlan => ({
  since: d('2024-11-11'),
  until: null,
  basis: 'Приказ № 45 от 08.11.2024',
  subjects: { math: MATH_IUP, music: IUP_EXEMPT },
  ...over,
});

/**
 * The server judges a plan on the journal as the update left it (the plan already written), so
 * IUP-6 compares the plan in the change's old value with its new one, as the page compares the
 * stored plan with the one it is about to write.
 */
function writeAndAuthorize(ctx: AuthorizeContext, oldValue: IupPlan | undefined, newValue: IupPlan | null) {
  setStudentField(ctx.journal, IVANOV, 'iup', newValue ?? undefined);
  // A fresh context: the server's is rebuilt whenever the roster changes.
  return authorize(deputy, { map: 'students', key: `${IVANOV}:iup`, oldValue, newValue }, { ...ctx });
}

describe('IUP-6 on every update', () => {
  it('IUP-6: a plan that would take recorded marks or absences off the pages is refused with how many and the first; one after them passes', () => {
    const ctx = fiveB();
    const later = pageLessons(ctx.school, ctx.journal, C5B, MATH, WHOLE_CLASS).filter((l) => l.date >= plan().since);
    setMark(ctx.journal, later[0].id, IVANOV, 0, mark(5));
    ctx.journal.getMap('attendance').set(`${later[1].id}:${IVANOV}`, 'absent');
    expect(writeAndAuthorize(ctx, undefined, plan())).toMatchObject({
      allowed: false,
      reason: 'invalid-value',
      detail: expect.stringContaining('уже есть отметки или пропуски (2) на уроках, с которых ИУП его уберёт (первая — Математика'),
    });
    // Starting the day after the last of them hides nothing.
    const after = plan({ since: addDays(later[1].date, 1) });
    expect(writeAndAuthorize(ctx, undefined, after).allowed).toBe(true);
    // Moving that plan's start back over them is judged against the stored plan, and refused.
    expect(writeAndAuthorize(ctx, after, plan()).allowed).toBe(false);
  });

  it('IUP-6: removing or ending a plan that would hide marks entered on the group of one is refused', () => {
    const ctx = fiveB();
    const p = plan();
    setStudentField(ctx.journal, IVANOV, 'iup', p);
    const own = pageLessons(ctx.school, ctx.journal, C5B, MATH, MATH_IUP).find((l) => l.date >= p.since)!;
    setMark(ctx.journal, own.id, IVANOV, 0, mark(4));
    expect(writeAndAuthorize(ctx, p, null)).toMatchObject({ allowed: false, detail: expect.stringContaining('(1)') });
    expect(writeAndAuthorize(ctx, p, plan({ until: own.date })).allowed).toBe(false);
    // Ending it after that lesson keeps the mark on the page.
    expect(writeAndAuthorize(ctx, p, plan({ until: addDays(own.date, 1) })).allowed).toBe(true);
  });
});
