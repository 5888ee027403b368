import { type JSX } from 'solid-js';
import { ABSENT_MARKS_KEY, absentMarkSettings, readAbsentMarkPolicy, type AbsentMarkPolicy } from '../../../model/index.ts';
import { useYearEdit } from './year-edit.ts';

const CHOICES: ReadonlyArray<[AbsentMarkPolicy, string]> = [
  ['warn', 'ставится, учитель видит предупреждение'],
  ['allow', 'ставится без предупреждения'],
  ['refuse', 'не ставится (сначала снимают «н»)'],
];

/**
 * «Отметка ученику, отмеченному «н»» (MARK-11): the school's rule for a mark on a student marked
 * absent in that lesson, `settings["absentMarks"]` of the school year. The journal page and the
 * server (PERM-14) read it.
 */
export function AbsentMarksSection(): JSX.Element {
  const y = useYearEdit();
  const policy = () => {
    const d = y.doc();
    return d ? readAbsentMarkPolicy(d) : 'warn';
  };
  return (
    <section class="year-section" data-testid="year-absent-marks">
      <h2>Отметка ученику, отмеченному «н»</h2>
      <p class="muted">Что делать, если учитель ставит отметку ученику, который на этом уроке отмечен отсутствующим.</p>
      <fieldset disabled={!y.canWrite()}>
        <select
          data-testid="absent-marks-policy"
          onChange={(e) => {
            const next = e.currentTarget.value as AbsentMarkPolicy;
            y.attempt([], (d) => absentMarkSettings.set(d, ABSENT_MARKS_KEY, { policy: next }));
          }}
        >
          {CHOICES.map(([value, label]) => (
            <option value={value} selected={policy() === value}>
              {label}
            </option>
          ))}
        </select>
      </fieldset>
    </section>
  );
}
