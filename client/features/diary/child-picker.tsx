import { For, type JSX } from 'solid-js';
import { diaryHref, route } from '../../state/router.ts';
import { childLabel } from './child-label.ts';

/**
 * A parent with several children: one tab each, at the top, keeping the view (week, marks…) when
 * switching, since a parent compares «what did each get this week».
 */
export function ChildPicker(props: { grants: ReadonlyArray<{ studentId: string; title: string }>; current: string | null }): JSX.Element {
  const view = () => {
    const r = route();
    return r.page === 'diary' ? r.view : 'week';
  };
  return (
    <nav class="diary-children" aria-label="Дети" data-testid="diary-children">
      <For each={props.grants}>
        {(g) => (
          <a
            class="diary-child"
            classList={{ current: g.studentId === props.current }}
            href={diaryHref(g.studentId, view())}
            title={g.title}
            aria-current={g.studentId === props.current ? 'page' : undefined}
            data-testid={`diary-child-${g.studentId}`}
          >
            {childLabel(g.title)}
          </a>
        )}
      </For>
    </nav>
  );
}
