import { createMemo, For, type JSX } from 'solid-js';
import { parseLessonId, type PageFigures } from '../../../model/index.ts';
import { formatDayMonth, plural } from '../../i18n/format.ts';
import { journalHref } from '../../state/router.ts';
import type { Figure } from './figures.ts';

interface Item {
  href: string;
  label: string;
}

/** «12.11, 3-й урок». */
function lessonLabel(id: string): string {
  const l = parseLessonId(id);
  return l ? `${formatDayMonth(l.date)}, ${l.slot}-й урок` : id;
}

/** The items of a figure as links into the journal: each lesson at itself, marks grouped by lesson, students to the page. */
function itemsOf(figure: Figure, page: PageFigures, names: Record<string, string>): Item[] {
  const at = (lessonId?: string) => journalHref(page.classId, page.subjectId, page.groupId, lessonId);
  const ids = figure.items(page);
  if (figure.kind === 'lessons') return ids.map((id) => ({ href: at(id), label: lessonLabel(id) }));
  if (figure.kind === 'students') return ids.map((id) => ({ href: at(), label: names[id] ?? id }));
  const byLesson = new Map<string, number>();
  for (const key of ids) {
    const lesson = key.slice(0, key.indexOf(':'));
    byLesson.set(lesson, (byLesson.get(lesson) ?? 0) + 1);
  }
  return [...byLesson].map(([id, n]) => ({
    href: at(id),
    label: `${lessonLabel(id)}: ${n} ${plural(n, ['отметка', 'отметки', 'отметок'])}`,
  }));
}

/** The opened figure of a page's row: what it counts, each item a link to the journal page at that lesson. */
export function FigureList(props: {
  figure: Figure;
  page: PageFigures;
  title: string;
  names: Record<string, string>;
  onClose: () => void;
}) {
  const items = createMemo(() => itemsOf(props.figure, props.page, props.names));
  return (
    <div class="figure-list" data-testid="figure-list" data-figure={props.figure.key}>
      <div class="figure-list-head">
        <strong>
          {props.title} — {props.figure.title}: {props.figure.items(props.page).length}
        </strong>
        <button type="button" class="link-button" onClick={() => props.onClose()} title="Свернуть">
          свернуть
        </button>
      </div>
      <ul>
        <For each={items()}>
          {(item): JSX.Element => (
            <li>
              <a href={item.href} data-testid="figure-item">
                {item.label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
