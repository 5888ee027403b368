import { recordCollection } from '../doc/record-collection.ts';
import { ABSENT_MARKS_KEY, absentMarkSettings } from './absent-mark-setting.ts';
import { DEADLINES_KEY, deadlineSettings } from './deadlines.ts';
import { FINALS_KEY, finalsSettings } from './finals-setting.ts';

/**
 * The `settings` map of the school-year document: one record per key, each of its own form —
 * `deadlines` (TIME-1), `absentMarks` (MARK-11), `finals` (FIN-9). The school-year rule book (YEAR-9) admits only
 * these keys, each with its own form.
 */
const FORMS: Readonly<Record<string, (v: unknown) => boolean>> = {
  [DEADLINES_KEY]: deadlineSettings.isValid,
  [ABSENT_MARKS_KEY]: absentMarkSettings.isValid,
  [FINALS_KEY]: finalsSettings.isValid,
};

export const isSettingKey = (key: string): boolean => Object.hasOwn(FORMS, key);

/** Any well-formed settings record, whatever its key (the key's own form is `settingProblems`'). */
export const schoolSettings = recordCollection<object>('settings', (v): v is object => Object.values(FORMS).some((ok) => ok(v)));

/** The problems of storing `value` under a settings key: none when it has that key's form. */
export function settingProblems(key: string, value: unknown): string[] {
  return isSettingKey(key) && FORMS[key](value) ? [] : [`Неверная запись настроек «${key}».`];
}
