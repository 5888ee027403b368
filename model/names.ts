/**
 * STU-11: what a name may hold, checked once here and called by every writer — the imports, an
 * arrival, the journal's rule book (PERM-15) and the school year's record checks (SETUP-30,
 * SETUP-33). Each check answers the problem in Russian, or null when the name is fine.
 */

/**
 * Characters a person cannot see but a program acts on: control characters (NUL, tab, line
 * breaks, escape…), format characters (the right-to-left override and the other direction marks,
 * zero-width spaces) and the line and paragraph separators.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The longest full name of a person (the import's limit). */
export const PERSON_NAME_MAX = 200;
/** Two to five words of letters, hyphens and apostrophes, one space between them. */
const PERSON_NAME = /^[\p{L}'’-]+( [\p{L}'’-]+){1,4}$/u;
const PERSON_CHARACTERS = /^[\p{L}'’ -]*$/u;
/** A short name: «Иванова М. П.», «Иванова М.П.», «Петров-Водкин К.»: a letter first. */
const SHORT_NAME = /^\p{L}[\p{L}.'’ -]*$/u;

/** The first hidden character of a text as «U+202E», or null when there is none. */
export function hiddenCharacter(text: string): string | null {
  const found = HIDDEN.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

const hiddenProblem = (what: string, code: string) => `${what}: в тексте невидимый управляющий символ ${code} — наберите его заново`;

/**
 * STU-11: a person's full name is two to five words of letters, hyphens and apostrophes with one
 * space between them, at most 200 characters, with no hidden character; `what` names it in the
 * problem («ФИО ученика»). A name is never echoed back while it holds a hidden character.
 */
export function personNameProblem(name: string, what = 'ФИО'): string | null {
  const hidden = hiddenCharacter(name);
  if (hidden) return hiddenProblem(what, hidden);
  if (name.length > PERSON_NAME_MAX) return `${what} — не длиннее ${PERSON_NAME_MAX} знаков`;
  if (!PERSON_CHARACTERS.test(name)) return `${what} «${name}» — только буквы, пробелы, дефис и апостроф`;
  if (!PERSON_NAME.test(name)) return `${what} «${name}» — укажите фамилию и имя (от двух до пяти слов через один пробел)`;
  return null;
}

/** IMP-4, STU-11: a full name as the import reads it. */
export const isPersonName = (text: string): boolean => personNameProblem(text) === null;

/** STU-11: a short name («Иванова М. П.») is letters, dots, spaces, hyphens and apostrophes, a letter first, with no hidden character. */
export function shortNameProblem(short: string, what = 'Краткое имя', max = PERSON_NAME_MAX): string | null {
  const hidden = hiddenCharacter(short);
  if (hidden) return hiddenProblem(what, hidden);
  if (short.length > max) return `${what} — не длиннее ${max} знаков`;
  if (!SHORT_NAME.test(short)) return `${what} «${short}» — только буквы, точки, пробелы, дефис и апостроф, например «Иванова М. П.»`;
  return null;
}

/** SETUP-33: the title of a class, group or subject may hold anything visible, but no hidden character. */
export function titleProblem(title: string, what: string): string | null {
  const hidden = hiddenCharacter(title);
  return hidden ? hiddenProblem(what, hidden) : null;
}

/** Problems as the school year's checks list them: each a sentence, the absent ones left out. */
export const sentences = (...problems: Array<string | null>): string[] => problems.filter((p) => p !== null).map((p) => `${p}.`);
