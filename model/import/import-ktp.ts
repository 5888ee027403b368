import type * as Y from 'yjs';
import { sameJson } from '../doc/flat-map.ts';
import { randomId, type SubjectId, type UserId } from '../ids.ts';
import { ktpItems, type KtpItem, type KtpKind } from '../school/ktp.ts';
import { KTP_TITLE_MAX } from '../school/ktp-checks.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import { nameKey, readHours, readWhole, type Cell } from './import-cells.ts';
import { SchoolRefs } from './import-refs.ts';
import { ImportIssues, type ImportOutcome, type PreviewRow } from './import-report.ts';
import { FirstRows, previewOf, readImportTable } from './import-table.ts';
import { ktpHoursMismatch, ktpHoursTarget } from './ktp-hours.ts';

export interface KtpPlan {
  items: Array<{ row: number; id: string; item: KtpItem }>;
  /** Ids of stored items of the file's plans whose number the file does not have. */
  removals: string[];
}

/** How exports name the kinds of КТП items. */
export const KTP_KIND_NAMES: Readonly<Record<KtpKind, string>> = {
  lesson: 'урок',
  control: 'контрольная работа',
  lab: 'лабораторная работа',
  practical: 'практическая работа',
};

const KIND_WORDS: ReadonlyArray<[RegExp, KtpKind]> = [
  [/^(урок|тема|)$/, 'lesson'],
  [/^(контрольн|кр$|к р$)/, 'control'],
  [/^(лабораторн|лр$|л р$)/, 'lab'],
  [/^(практическ|пр$|п р$)/, 'practical'],
];

/** «урок» (or nothing), «контрольная работа» / «КР», «лабораторная работа» / «ЛР», «практическая работа» / «ПР». */
export function readKtpKind(text: string): Cell<KtpKind> {
  const key = nameKey(text).replace(/[./]/g, ' ').trim();
  const kind = KIND_WORDS.find(([re]) => re.test(key))?.[1];
  if (kind) return { ok: true, value: kind };
  return { ok: false, problem: `вид «${text}» — укажите урок, контрольная работа, лабораторная работа или практическая работа` };
}

const planKey = (teacherId: string, subjectId: string, grade: number) => `${teacherId}:${subjectId}:${grade}`;

/**
 * IMP-13: КТП (SCH-4) per teacher, subject and grade: numbered topics with hours and a kind;
 * a number twice in one plan is a duplicate. The file's plans replace the stored ones of the
 * same teacher, subject and grade: a topic keeps its id (which lessons refer to) by its number,
 * topics the file lacks are removed (a warning), other plans stay. The teacher must teach the
 * subject in that grade, and each plan's hours must total its curriculum hours (SETUP-21: hours
 * per week × study weeks, or without hours per week the lessons of the teacher's page in the
 * timetable), else «КТП «Математика», 5 класс (Смирнова О. П.): в КТП 168 ч, по учебному плану
 * 170 ч (5 ч/нед × 34 нед): не хватает 2 ч».
 */
export function planKtpImport(
  raw: readonly (readonly string[])[],
  school: Y.Doc,
  random: () => number = Math.random,
): ImportOutcome<KtpPlan> {
  const issues = new ImportIssues();
  const plan: KtpPlan = { items: [], removals: [] };
  const table = readImportTable(raw, IMPORT_COLUMNS.ktp, issues);
  if (!table) return issues.outcome(0, [], plan);
  const refs = new SchoolRefs(school);
  const stored = ktpItems.all(school);
  const storedAt = new Map(stored.map(([id, k]) => [`${planKey(k.teacherId, k.subjectId, k.grade)}:${k.order}`, [id, k] as const]));
  const ids = new Set(stored.map(([id]) => id));
  const first = new FirstRows(issues);
  const preview: PreviewRow[] = [];
  const plans = new Map<string, { teacherId: UserId; subjectId: SubjectId; grade: number; rows: number[]; hours: number }>();
  const tainted = new Set<string>();

  for (const r of table.rows) {
    const t = refs.resolveTeacher(r.cells.teacher);
    if (!t.ok) issues.error(r.row, t.problem, 'teacher');
    const s = refs.resolveSubject(r.cells.subject);
    if (!s.ok) issues.error(r.row, s.problem, 'subject');
    const grade = readWhole(r.cells.grade.replace(/\s*(класс|кл\.?)$/i, ''), 'параллель', 1, 11);
    if (!grade.ok) issues.error(r.row, grade.problem, 'grade');
    const order = readWhole(r.cells.order, 'номер темы', 1, 1000);
    if (!order.ok) issues.error(r.row, order.problem, 'order');
    if (r.cells.title === '') issues.error(r.row, 'укажите тему', 'title');
    else if (r.cells.title.length > KTP_TITLE_MAX) issues.error(r.row, `тема длиннее ${KTP_TITLE_MAX} знаков`, 'title');
    const hours = readHours(r.cells.hours);
    if (!hours.ok) issues.error(r.row, hours.problem, 'hours');
    const kind = readKtpKind(r.cells.kind);
    if (!kind.ok) issues.error(r.row, kind.problem, 'kind');
    // A plan with a row in error has no total to check yet: the person fixes the row first.
    if (t.ok && s.ok && grade.ok && issues.hasError(r.row)) tainted.add(planKey(t.id, s.id, grade.value));
    if (!t.ok || !s.ok || !grade.ok || !order.ok || !hours.ok || !kind.ok || issues.hasError(r.row)) {
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const key = planKey(t.id, s.id, grade.value);
    const what = `тема № ${order.value} КТП «${refs.subjectName(s.id)}», ${grade.value} класс (${refs.teacherShort(t.id)})`;
    if (!first.claim(`${key}:${order.value - 1}`, r.row, what)) {
      tainted.add(key);
      preview.push(previewOf(r, 'error'));
      continue;
    }
    const item: KtpItem = {
      teacherId: t.id,
      subjectId: s.id,
      grade: grade.value,
      order: order.value - 1,
      title: r.cells.title,
      hours: hours.value,
      kind: kind.value,
    };
    const old = storedAt.get(`${key}:${item.order}`);
    let id = old?.[0];
    if (!id) {
      do id = randomId(8, random);
      while (ids.has(id));
      ids.add(id);
    }
    plan.items.push({ row: r.row, id, item });
    preview.push(previewOf(r, !old ? 'new' : sameJson(old[1], item) ? 'same' : 'changed'));
    const p = plans.get(key) ?? { teacherId: t.id, subjectId: s.id, grade: grade.value, rows: [], hours: 0 };
    p.rows.push(r.row);
    p.hours += hours.value;
    plans.set(key, p);
  }

  for (const [key, p] of plans) {
    const title = `КТП «${refs.subjectName(p.subjectId)}», ${p.grade} класс (${refs.teacherShort(p.teacherId)})`;
    const total = Math.round(p.hours * 10) / 10;
    const target = ktpHoursTarget(school, p.teacherId, p.subjectId, p.grade, total);
    const mismatch = ktpHoursMismatch(target, total, (id) => refs.className(id));
    if (target.pages.length === 0) {
      issues.errorOfRows(
        p.rows,
        `${title}: учитель не ведёт этот предмет в ${p.grade}-х классах (нет ни в нагрузке, ни в расписании)`,
        'teacher',
      );
    } else if (target.source === 'none') {
      issues.errorOfRows(
        p.rows,
        `${title}: в расписании нет уроков этого учителя по предмету, а часы в неделю по учебному плану не заданы — задайте их или загрузите сначала расписание`,
        'hours',
      );
    } else if (!tainted.has(key) && mismatch) {
      issues.errorOfRows(p.rows, `${title}: ${mismatch}`, 'hours');
    }
    const inFile = new Set(
      plan.items.filter((x) => planKey(x.item.teacherId, x.item.subjectId, x.item.grade) === key).map((x) => x.item.order),
    );
    const gone = stored.filter(([, k]) => planKey(k.teacherId, k.subjectId, k.grade) === key && !inFile.has(k.order)).map(([id]) => id);
    if (gone.length > 0) issues.warn(0, `${title}: будут удалены темы, которых нет в файле: ${gone.length}`);
    plan.removals.push(...gone);
  }
  return issues.outcome(table.rows.length, preview, plan);
}

/** Writes the plan: removed topics as null, every topic that differs from the stored one. */
export function applyKtpPlan(school: Y.Doc, plan: KtpPlan): void {
  for (const id of plan.removals) ktpItems.remove(school, id);
  for (const { id, item } of plan.items) if (!sameJson(ktpItems.get(school, id), item)) ktpItems.set(school, id, item);
}

/** Every КТП as a table (IMP-14): by teacher, subject, grade and number (the stored order + 1). */
export function exportKtpRows(school: Y.Doc): string[][] {
  const refs = new SchoolRefs(school);
  return ktpItems
    .all(school)
    .map(([, k]) => ({ k, teacher: refs.teacherName(k.teacherId), subject: refs.subjectName(k.subjectId) }))
    .sort(
      (a, b) =>
        a.teacher.localeCompare(b.teacher, 'ru') ||
        a.subject.localeCompare(b.subject, 'ru') ||
        a.k.grade - b.k.grade ||
        a.k.order - b.k.order,
    )
    .map(({ k, teacher, subject }) => [
      teacher,
      subject,
      String(k.grade),
      String(k.order + 1),
      k.title,
      String(k.hours).replace('.', ','),
      KTP_KIND_NAMES[k.kind],
    ]);
}
