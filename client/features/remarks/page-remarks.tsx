import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  answerRemark,
  authorize,
  change,
  closeRemark,
  reopenRemark,
  addDays,
  type ClassId,
  type PlannedLesson,
  type Remark,
  type UserId,
} from '../../../model/index.ts';
import { createRemarks } from '../../bridge/create-remarks.ts';
import { todayIso } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { staffName } from '../shared/school-names.ts';
import { RemarkCard } from './remark-card.tsx';
import { RemarkForm } from './remark-form.tsx';
import '../../styles/remarks.css';

/**
 * «Замечания: N» on a journal page (REM-*): the deputy's remarks on this page that are not
 * closed, for everyone who opens it. The deputy writes a new one, closes or reopens them; the
 * teacher of the class answers (PERM-11 decides who may, as it does on the server).
 */
export function PageRemarks(props: {
  doc: Y.Doc;
  classId: string;
  subjectId: string;
  groupId: string;
  grade: number;
  lesson: PlannedLesson | null;
  writable: boolean;
}): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const remarks = createRemarks(props.doc, (r) => r.subjectId === props.subjectId && r.groupId === props.groupId);
  const open = () => remarks().filter((r) => r.state !== 'closed');
  const closed = () => remarks().filter((r) => r.state === 'closed');
  const actor = { userId: ctx.me.user.id as UserId, roles: ctx.me.user.roles };
  const may = createMemo(() => {
    const auth = { school: school(), journal: props.doc, classId: props.classId as ClassId, grade: props.grade };
    const probe = (field: string, value: string) =>
      props.writable && authorize(actor, { map: 'remarks', key: `probe:${field}`, oldValue: undefined, newValue: value }, auth).allowed;
    return { write: probe('text', 'замечание'), answer: probe('answer', 'ответ') };
  });
  const [expanded, setExpanded] = createSignal(false);
  const [writing, setWriting] = createSignal(false);
  const [showClosed, setShowClosed] = createSignal(false);
  const edit = (fn: () => void) => change(props.doc, LOCAL_EDIT, fn);
  const shown = () => expanded() || writing();

  return (
    <Show when={open().length > 0 || closed().length > 0 || may().write}>
      <section class="page-remarks" classList={{ pending: open().length > 0 }} data-testid="page-remarks">
        <div class="page-remarks-bar">
          <button
            type="button"
            class="link-button"
            data-testid="remarks-toggle"
            aria-expanded={shown()}
            onClick={() => setExpanded(!expanded())}
          >
            Замечания: {open().length}
          </button>
          <Show when={open().some((r) => r.state === 'open')}>
            <span class="muted">
              {may().answer ? 'ждут вашего ответа' : 'ждут ответа учителя'}: {open().filter((r) => r.state === 'open').length}
            </span>
          </Show>
          <Show when={may().write && !writing()}>
            <button type="button" class="secondary small" data-testid="remark-new" onClick={() => setWriting(true)}>
              Написать замечание
            </button>
          </Show>
        </div>
        <Show when={shown()}>
          <div class="page-remarks-body">
            <Show when={writing()}>
              <RemarkForm
                doc={props.doc}
                subjectId={props.subjectId}
                groupId={props.groupId}
                lesson={props.lesson}
                userId={ctx.me.user.id}
                onDone={() => (setWriting(false), setExpanded(true))}
              />
            </Show>
            <ul class="remark-list" data-testid="remark-list">
              <For each={open()}>{(r) => <PageRemark remark={r} may={may()} edit={edit} doc={props.doc} />}</For>
            </ul>
            <Show when={open().length === 0 && !writing()}>
              <p class="muted">Открытых замечаний нет.</p>
            </Show>
            <Show when={closed().length > 0}>
              <button type="button" class="link-button muted" onClick={() => setShowClosed(!showClosed())}>
                Закрытые замечания: {closed().length}
              </button>
              <Show when={showClosed()}>
                <ul class="remark-list">
                  <For each={closed()}>{(r) => <PageRemark remark={r} may={may()} edit={edit} doc={props.doc} />}</For>
                </ul>
              </Show>
            </Show>
          </div>
        </Show>
      </section>
    </Show>
  );

  function PageRemark(p: { remark: Remark; may: { write: boolean; answer: boolean }; edit: (fn: () => void) => void; doc: Y.Doc }) {
    const [answer, setAnswer] = createSignal(p.remark.answer);
    const r = () => p.remark;
    return (
      <RemarkCard remark={r()} author={staffName(school(), r().createdBy)}>
        <Show when={p.may.answer && r().state === 'open'}>
          <form
            class="remark-answer-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (answer().trim() !== '') p.edit(() => answerRemark(p.doc, r().id, answer().trim()));
            }}
          >
            <textarea
              data-testid="remark-answer-input"
              rows={2}
              maxLength={2000}
              placeholder="Что сделано"
              value={answer()}
              onInput={(e) => setAnswer(e.currentTarget.value)}
            />
            <button type="submit" data-testid="remark-answer-submit" disabled={answer().trim() === ''}>
              Ответить
            </button>
          </form>
        </Show>
        <Show when={p.may.write}>
          <div class="remark-actions">
            <Show when={r().state !== 'closed'}>
              <button type="button" class="small" data-testid="remark-close" onClick={() => p.edit(() => closeRemark(p.doc, r().id))}>
                Закрыть
              </button>
            </Show>
            <Show when={r().state !== 'open'}>
              <button
                type="button"
                class="secondary small"
                data-testid="remark-reopen"
                // A reopened remark gets a few more days when its deadline has passed.
                onClick={() => p.edit(() => reopenRemark(p.doc, r().id, r().deadline < todayIso() ? addDays(todayIso(), 3) : undefined))}
              >
                {r().state === 'closed' ? 'Открыть снова' : 'Вернуть на доработку'}
              </button>
            </Show>
          </div>
        </Show>
      </RemarkCard>
    );
  }
}
