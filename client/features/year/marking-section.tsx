import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { subjectProblems, subjects, type MarkingSystem, type Subject } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { MARKINGS } from './subjects-section.tsx';
import { RemoveCell } from './year-cells.tsx';
import { useYearEdit } from './year-edit.ts';

const GRADES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const markingName = (m: MarkingSystem) => MARKINGS.find(([k]) => k === m)?.[1] ?? m;

/** A subject's marking in one grade without the entry for it; the whole field goes when it empties. */
function withoutGrade(s: Subject, grade: string): Subject {
  const { [grade]: _gone, ...rest } = s.markingByGrade ?? {};
  const { markingByGrade: _m, ...base } = s;
  return Object.keys(rest).length ? { ...base, markingByGrade: rest } : base;
}

/**
 * «Системы оценивания по классам» (YEAR-10): where the school marks a subject otherwise in one
 * parallel — «зачёт / незачёт» for music in grade 8, no marks for ОРКСЭ in grade 4 — than the
 * subject's own system. The journal page, the server's rules and the reports all read it
 * through `markingOf`.
 */
export function MarkingSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? subjects.all(d).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : [];
  });
  const rows = createMemo(() =>
    list().flatMap(([id, s]) =>
      Object.entries(s.markingByGrade ?? {})
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([grade, m]) => ({ id, s, grade, m })),
    ),
  );
  const [subjectId, setSubjectId] = createSignal('');
  const [grade, setGrade] = createSignal('5');
  const [marking, setMarking] = createSignal<MarkingSystem>('passfail');
  const put = (id: string, s: Subject) => y.attempt(subjectProblems(s), (d) => subjects.set(d, id, s));
  const add = () => {
    const entry = list().find(([id]) => id === subjectId());
    if (!entry) return y.attempt(['Выберите предмет.'], () => {});
    const [id, s] = entry;
    return put(id, { ...s, markingByGrade: { ...s.markingByGrade, [grade()]: marking() } });
  };
  return (
    <section class="year-section" data-testid="year-marking">
      <h2>Системы оценивания по классам</h2>
      <p class="muted">
        Обычно предмет оценивается по своей системе (таблица выше) во всех классах, кроме 1-го, где отметок нет. Здесь — исключения для
        отдельных параллелей.
      </p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Предмет</th>
              <th>Класс</th>
              <th>Система</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr data-testid={`marking-${r.id}-${r.grade}`}>
                  <td>{r.s.name}</td>
                  <td class="num">{r.grade}</td>
                  <td>{markingName(r.m)}</td>
                  <RemoveCell onRemove={() => put(r.id, withoutGrade(r.s, r.grade))} />
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="year-add-line">
          <select data-testid="marking-new-subject" onChange={(e) => setSubjectId(e.currentTarget.value)}>
            <option value="">предмет…</option>
            <For each={list()}>{([id, s]) => <option value={id}>{s.name}</option>}</For>
          </select>
          <select data-testid="marking-new-grade" onChange={(e) => setGrade(e.currentTarget.value)}>
            <For each={GRADES}>
              {(g) => (
                <option value={g} selected={String(g) === grade()}>
                  {g} класс
                </option>
              )}
            </For>
          </select>
          <select data-testid="marking-new-system" onChange={(e) => setMarking(e.currentTarget.value as MarkingSystem)}>
            <For each={MARKINGS}>
              {([m, label]) => (
                <option value={m} selected={m === marking()}>
                  {label}
                </option>
              )}
            </For>
          </select>
          <button data-testid="marking-add" onClick={add}>
            Добавить исключение
          </button>
        </p>
      </fieldset>
      <ProblemList problems={y.problems()} testId="marking-problems" />
    </section>
  );
}
