import { createMemo, For, Show, type JSX } from 'solid-js';
import { classes } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { attendanceHref, classCodesHref, diaryAcksHref } from '../../state/router.ts';

/**
 * For a class teacher, three cards per class they lead: today's attendance board (who is missing,
 * and why), the activation codes for the class's parents and students: families get their
 * accounts from the class teacher (AUTH-14), and who of the families reads the diary (DIARY-24).
 */
export function ClassTeacherCards(): JSX.Element {
  const ctx = useSchool();
  const led = createMemo(() => {
    ctx.version();
    return classes
      .all(ctx.school!.doc)
      .filter(([, c]) => c.classTeacherId === ctx.me.user.id)
      .sort(([, a], [, b]) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
  });
  return (
    <Show when={led().length > 0}>
      <section class="directory">
        <h2>Классное руководство</h2>
        <ul class="page-cards" data-testid="class-teacher-cards">
          <For each={led()}>
            {([id, c]) => (
              <>
                <li>
                  <a href={attendanceHref(id)} data-testid={`attendance-link-${id}`}>
                    <strong>{c.name}</strong>
                    <span>Посещаемость сегодня</span>
                  </a>
                </li>
                <li>
                  <a href={classCodesHref(id)} data-testid={`class-codes-link-${id}`}>
                    <strong>{c.name}</strong>
                    <span>Коды для родителей и учеников</span>
                  </a>
                </li>
                <li>
                  <a href={diaryAcksHref(id)} data-testid={`diary-acks-link-${id}`}>
                    <strong>{c.name}</strong>
                    <span>Ознакомление с дневником</span>
                  </a>
                </li>
              </>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
