import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { subjectProblems, subjects, type MarkingSystem, type Subject } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { useYearEdit } from './year-edit.ts';

const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** FIN-7: the grades of the state exams (ОГЭ in 9, ЕГЭ in 11) the page offers. */
const EXAM_GRADES = [9, 11];
export const MARKINGS: Array<[MarkingSystem, string]> = [
  ['five', 'пятибалльная'],
  ['passfail', 'зачёт / незачёт'],
  ['none', 'без отметок'],
];

/**
 * Subjects, their marking system and curriculum hours per week per grade (YEAR-4): a small
 * subjects × grades table; an empty cell is «не задано», not zero. The last column ticks the
 * grades (9, 11) where the subject has a state exam (FIN-7).
 */
export function SubjectsSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? subjects.all(d).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : [];
  });
  const [code, setCode] = createSignal('');
  const [name, setName] = createSignal('');
  const put = (id: string, s: Subject) => y.attempt(subjectProblems(s), (d) => subjects.set(d, id, s));
  const setHours = (id: string, s: Subject, grade: number, text: string) => {
    const { [String(grade)]: _old, ...rest } = s.hours ?? {};
    const hours = text.trim() === '' ? rest : { ...rest, [String(grade)]: Number(text.replace(',', '.')) };
    const { hours: _h, ...base } = s;
    return put(id, Object.keys(hours).length ? { ...base, hours } : base);
  };
  // FIN-7: a state exam in a grade gives the subject's finals an «Экзамен» column there.
  const setExam = (id: string, s: Subject, grade: number, on: boolean) => {
    const grades = [...(s.examGrades ?? []).filter((g) => g !== grade), ...(on ? [grade] : [])].sort((a, b) => a - b);
    const { examGrades: _e, ...base } = s;
    return put(id, grades.length ? { ...base, examGrades: grades } : base);
  };
  const add = () => {
    const id = code().trim();
    const problems = /^[a-z][a-z0-9]{0,9}$/.test(id)
      ? []
      : ['Код предмета — латинские строчные буквы и цифры, до 10 знаков (например, «math»).'];
    if (list().some(([k]) => k === id)) problems.push(`Предмет с кодом «${id}» уже есть.`);
    const s: Subject = { name: name().trim(), marking: 'five' };
    if (y.attempt([...problems, ...subjectProblems(s)], (d) => subjects.set(d, id, s))) {
      setCode('');
      setName('');
    }
  };
  return (
    <section class="year-section" data-testid="year-subjects">
      <h2>Предметы и учебный план</h2>
      <p class="muted">
        Часов в неделю по классам (параллелям); пустая клетка — предмет в этом классе не изучается или часы не заданы. «Экзамен (ГИА)» — в
        каких классах по предмету сдают экзамен: в итоговых отметках появится столбец «Экзамен».
      </p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table hours-table">
          <thead>
            <tr>
              <th>Предмет</th>
              <th>Отметки</th>
              <For each={GRADES}>{(g) => <th class="num">{g}</th>}</For>
              <th title="Государственная итоговая аттестация: ОГЭ в 9 классе, ЕГЭ в 11">Экзамен (ГИА)</th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, s]) => (
                <tr data-testid={`subject-${id}`}>
                  <td>
                    <input class="subject-name" value={s.name} onChange={(e) => put(id, { ...s, name: e.currentTarget.value })} />
                  </td>
                  <td>
                    <select onChange={(e) => put(id, { ...s, marking: e.currentTarget.value as MarkingSystem })}>
                      <For each={MARKINGS}>
                        {([m, label]) => (
                          <option value={m} selected={m === s.marking}>
                            {label}
                          </option>
                        )}
                      </For>
                    </select>
                  </td>
                  <For each={GRADES}>
                    {(g) => (
                      <td class="num">
                        <input
                          class="hours"
                          inputmode="decimal"
                          data-testid={`hours-${id}-${g}`}
                          value={s.hours?.[String(g)] ?? ''}
                          onChange={(e) => setHours(id, s, g, e.currentTarget.value)}
                        />
                      </td>
                    )}
                  </For>
                  <td>
                    <For each={EXAM_GRADES}>
                      {(g) => (
                        <label class="exam-grade">
                          <input
                            type="checkbox"
                            data-testid={`exam-${id}-${g}`}
                            checked={s.examGrades?.includes(g) ?? false}
                            onChange={(e) => setExam(id, s, g, e.currentTarget.checked)}
                          />
                          {` ${g}`}
                        </label>
                      )}
                    </For>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="year-add-line">
          <input placeholder="код (латиницей)" class="subject-code" value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
          <input placeholder="Название предмета" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <button onClick={add}>Добавить предмет</button>
        </p>
      </fieldset>
      <ProblemList problems={y.problems()} testId="subject-problems" />
    </section>
  );
}
