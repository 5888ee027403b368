import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  applyKtpWrites,
  classes,
  ktpCopyProblems,
  ktpCopyWrites,
  ktpItems,
  ktpPlanChoices,
  ktpPlanSummary,
  ktpTeachers,
  ktpWritesProblems,
  staff,
  subjects,
  type UserId,
} from '../../../../model/index.ts';
import { plural } from '../../../i18n/format.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { ProblemList } from '../problem-list.tsx';
import { useYearEdit } from '../year-edit.ts';
import { KtpTable, type KtpPlanKey } from './ktp-table.tsx';
import { KtpTotals } from './ktp-totals.tsx';
import '../../../styles/year-ktp.css';

const planValue = (p: { subjectId: string; grade: number }) => `${p.subjectId}:${p.grade}`;

/**
 * «КТП»: one teacher's calendar-thematic plan of a subject and grade — pick the teacher (the
 * deputy any, a teacher opens on their own), then a subject and grade of their load; the totals
 * against the curriculum hours (SETUP-28) above the topics, which are edited in place (SETUP-22…26).
 * An empty plan can start as a copy of a colleague's of the same subject and grade (SETUP-27).
 */
export function KtpTab(): JSX.Element {
  const y = useYearEdit();
  const ctx = useSchool();
  const teachers = createMemo(() => (y.doc() ? ktpTeachers(y.doc()!) : []));
  const [picked, setPicked] = createSignal<UserId | ''>('');
  const teacher = () => picked() || (teachers().some(([id]) => id === ctx.me.user.id) ? ctx.me.user.id : '');
  const choices = createMemo(() => (y.doc() && teacher() ? ktpPlanChoices(y.doc()!, teacher() as UserId) : []));
  const [pickedPlan, setPickedPlan] = createSignal('');
  const plan = createMemo((): KtpPlanKey | null => {
    const c = choices().find((x) => planValue(x) === pickedPlan()) ?? choices()[0];
    return c && teacher() ? { teacherId: teacher() as UserId, subjectId: c.subjectId, grade: c.grade } : null;
  });
  const summary = createMemo(() => {
    const p = plan();
    return p && y.doc() ? ktpPlanSummary(y.doc()!, p.teacherId, p.subjectId, p.grade) : null;
  });
  const subjectName = (id: string) => (y.doc() && subjects.get(y.doc()!, id)?.name) ?? id;
  const className = (id: string) => (y.doc() && classes.get(y.doc()!, id)?.name) ?? id;

  /** Colleagues with a КТП of the same subject and grade: what an empty plan may start from. */
  const sources = createMemo(() => {
    const p = plan();
    const d = y.doc();
    if (!p || !d) return [];
    const count = new Map<string, number>();
    for (const [, k] of ktpItems.all(d)) {
      if (k.subjectId === p.subjectId && k.grade === p.grade && k.teacherId !== p.teacherId)
        count.set(k.teacherId, (count.get(k.teacherId) ?? 0) + 1);
    }
    return [...count].map(([id, n]) => ({ id: id as UserId, name: staff.get(d, id)?.short ?? id, n }));
  });
  const [copyFrom, setCopyFrom] = createSignal('');
  const copy = () => {
    const p = plan();
    const d = y.doc();
    const from = (copyFrom() || sources()[0]?.id) as UserId | undefined;
    if (!p || !d || !from) return;
    const writes = ktpCopyWrites(d, from, p.teacherId, p.subjectId, p.grade);
    y.attempt([...ktpCopyProblems(d, from, p.teacherId, p.subjectId, p.grade), ...ktpWritesProblems(d, writes)], (doc) =>
      applyKtpWrites(doc, writes),
    );
  };

  return (
    <section class="year-section" data-testid="year-ktp">
      <h2>КТП — календарно-тематическое планирование</h2>
      <p class="muted">
        Темы уроков учителя по предмету и параллели по порядку, с часами; контрольные, лабораторные и практические работы названы. Всего
        часов — столько, сколько по учебному плану.
      </p>
      <p class="ktp-pick">
        <label>
          Учитель{' '}
          <select data-testid="ktp-teacher" onChange={(e) => (setPicked(e.currentTarget.value as UserId), setPickedPlan(''))}>
            <option value="" selected={teacher() === ''}>
              — выберите учителя
            </option>
            <For each={teachers()}>
              {([id, s]) => (
                <option value={id} selected={id === teacher()}>
                  {s.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <Show when={teacher()}>
          <label>
            Предмет и параллель{' '}
            <select data-testid="ktp-plan" onChange={(e) => setPickedPlan(e.currentTarget.value)}>
              <For each={choices()}>
                {(c) => (
                  <option value={planValue(c)} selected={plan() !== null && planValue(c) === planValue(plan()!)}>
                    {`${subjectName(c.subjectId)}, ${c.grade} класс${c.classIds.length ? ` (${c.classIds.map(className).join(', ')})` : ''}`}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
      </p>
      <Show when={teacher() && choices().length === 0}>
        <p class="notice">У учителя нет нагрузки: назначьте её на вкладке «Нагрузка».</p>
      </Show>
      <Show when={plan() && summary()}>
        <KtpTotals summary={summary()!} className={className} />
        <fieldset disabled={!y.canWrite()}>
          <Show when={summary()!.items.length === 0 && sources().length > 0}>
            <p class="year-add-line" data-testid="ktp-copy-line">
              Начать с КТП коллеги:
              <select data-testid="ktp-copy-from" onChange={(e) => setCopyFrom(e.currentTarget.value)}>
                <For each={sources()}>
                  {(s) => <option value={s.id}>{`${s.name} — ${s.n} ${plural(s.n, ['тема', 'темы', 'тем'])}`}</option>}
                </For>
              </select>
              <button data-testid="ktp-copy" onClick={copy}>
                Скопировать
              </button>
            </p>
          </Show>
          <KtpTable y={y} plan={plan()!} items={summary()!.items} />
        </fieldset>
        <ProblemList problems={y.problems()} testId="ktp-problems" />
      </Show>
    </section>
  );
}
