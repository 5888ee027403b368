/**
 * Lesson topics and homework for the demo journals: the КТП lists of topics-*.ts by subject
 * and grade, the kind of each КТП item read from its title, and homework in the words
 * Russian teachers use («§ 12, № 345, 347»).
 */
import type { KtpKind } from '../../model/index.ts';
import type { Rng } from './random.ts';
import { LANGUAGE_TOPICS } from './topics-language.ts';
import { MATH_TOPICS } from './topics-math.ts';
import { OTHER_TOPICS } from './topics-other.ts';

const ALL_TOPICS: Readonly<Record<string, readonly string[]>> = { ...MATH_TOPICS, ...LANGUAGE_TOPICS, ...OTHER_TOPICS };

/**
 * The ordered topics of a subject in a grade. A grade without its own list borrows the nearest
 * grade's list of the subject, so that any curriculum can be filled.
 */
export function topicsFor(subjectId: string, grade: number): readonly string[] {
  const own = ALL_TOPICS[`${subjectId}${grade}`];
  if (own) return own;
  const grades = Object.keys(ALL_TOPICS)
    .filter((k) => k.replace(/\d+$/, '') === subjectId)
    .map((k) => Number(k.slice(subjectId.length)))
    .sort((a, b) => Math.abs(a - grade) - Math.abs(b - grade));
  if (grades.length > 0) return ALL_TOPICS[`${subjectId}${grades[0]}`];
  return ['Вводный урок', 'Изучение нового материала', 'Закрепление изученного', 'Итоговый урок'];
}

/** A plan names its control, laboratory and practical works; the title says which is which. */
export function ktpKindOf(title: string): KtpKind {
  const t = title.toLowerCase();
  if (t.startsWith('лабораторная работа')) return 'lab';
  if (t.startsWith('практическая работа')) return 'practical';
  if (/контрольн|итоговое тестирование/i.test(title)) return 'control';
  return 'lesson';
}

/** Subjects where homework is rarely given (activity subjects). */
const NO_HOMEWORK = new Set(['pe', 'music', 'art', 'tech', 'obzr', 'proj', 'odnknr']);

/**
 * Homework for the `n`-th lesson (0-based) of a subject. Paragraph and exercise numbers
 * advance through the year the way a textbook is worked through. Empty for grade 1
 * (no homework is given there) and mostly empty for activity subjects.
 */
export function homeworkFor(subjectId: string, grade: number, n: number, rng: Rng): string {
  if (grade <= 1) return '';
  if (NO_HOMEWORK.has(subjectId)) return rng.chance(0.1) ? 'Подготовить сообщение по теме урока' : '';
  const para = 1 + Math.floor(n / 3);
  const ex = 10 + n * 6 + rng.int(0, 4);
  switch (subjectId) {
    case 'math':
    case 'alg':
    case 'geom':
    case 'prob':
      return rng.chance(0.15) ? `п. ${para}, выучить определения; № ${ex}, ${ex + 2}` : `п. ${para}, № ${ex}, ${ex + 2}, ${ex + 5}`;
    case 'rus':
      return rng.chance(0.2) ? `§ ${para}, выучить правило; упр. ${ex}` : `§ ${para}, упр. ${ex}`;
    case 'lit':
      return rng.pick([
        'Дочитать произведение до конца',
        `Выразительное чтение, с. ${20 + n * 4}–${24 + n * 4}`,
        'Ответить на вопросы после текста',
        'Выучить стихотворение наизусть',
        'Подготовить пересказ эпизода',
      ]);
    case 'eng':
      return `Учебник с. ${8 + n * 2}, упр. ${rng.int(1, 8)}; рабочая тетрадь с. ${4 + n}`;
    case 'inf':
      return `§ ${para}, вопросы ${rng.int(1, 4)}–${rng.int(5, 8)}; задание в электронном практикуме`;
    default:
      return rng.chance(0.8) ? `§ ${para}, вопросы ${rng.int(1, 3)}–${rng.int(4, 7)} после параграфа` : `§ ${para}, составить конспект`;
  }
}
