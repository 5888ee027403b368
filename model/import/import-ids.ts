import { isValidId } from '../ids.ts';

const LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** «5Б» → «5b», «Смирнова» → «smirnova»: Latin letters, digits and «-» only (ID-1). */
export function latinize(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => LATIN[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '-'))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The first of `base`, `base-2`, `base-3` … that is a valid id not yet taken. */
function freeId(base: string, taken: Set<string>): string {
  const stem = (base || 'x').slice(0, 30);
  let id = stem;
  for (let n = 2; taken.has(id) || !isValidId(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

/** The id of a new class, from its name the way the demo names them («10А» → «10a»). */
export function newClassId(name: string, taken: Set<string>): string {
  return freeId(latinize(name), taken);
}

/** The id of a new group: class, subject and a number («5b-eng-1»). */
export function newGroupId(classId: string, subjectId: string, taken: Set<string>): string {
  let n = 1;
  while (taken.has(`${classId}-${subjectId}-${n}`)) n++;
  return freeId(`${classId}-${subjectId}-${n}`, taken);
}

/** A login for a new account without one: surname and initials («Смирнова Ольга Петровна» → «smirnova.op»). */
export function newLogin(fullName: string, taken: Set<string>): string {
  const [surname, ...rest] = fullName.split(' ');
  const initials = rest.map((p) => latinize(p[0] ?? '')).join('');
  const base = `${latinize(surname).replace(/-/g, '')}${initials ? `.${initials}` : ''}`.slice(0, 30) || 'user';
  let login = base;
  for (let n = 2; taken.has(login) || login.length < 3; n++) login = `${base}${n}`;
  taken.add(login);
  return login;
}
