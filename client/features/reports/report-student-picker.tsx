import { createMemo, For, Show, type JSX } from 'solid-js';
import { isIsoDate, listStudents, parseDocName, reportDate, type IsoDate } from '../../../model/index.ts';
import { createDocVersion } from '../../bridge/create-doc-version.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';

/**
 * «Ученик» for a report about one student (REP-15, the diary printout): the roster of the class's
 * journal as stored on the device — opened like the journal page opens it, as the class codes
 * page does — past students too, marked as such. Render it per class (keyed): it opens that
 * class's journal once.
 */
export function ReportStudentPicker(props: { classId: string; value: string; onChange: (id: string) => void }): JSX.Element {
  const ctx = useSchool();
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === props.classId;
  });
  const journal = grant ? openDocument(ctx.me.user.id, grant.name, grant.access) : null;
  // Re-reading the roster on each change is cheap: it walks the students map only.
  const version = journal ? createDocVersion(journal.doc) : () => 0;
  const students = createMemo(() => (version(), journal?.isLoaded() ? listStudents(journal.doc) : []));
  const left = (d: IsoDate | null) => (d !== null ? ` (выбыл(а) ${reportDate(d)})` : '');
  return (
    <label>
      Ученик
      <Show when={journal} fallback={<span class="muted"> журнал класса вам не открыт</span>}>
        <select data-testid="report-student" onChange={(e) => props.onChange(e.currentTarget.value)}>
          <option value="">{journal!.isLoaded() ? '— выберите —' : 'загрузка списка…'}</option>
          <For each={students()}>
            {(s) => (
              <option value={s.id} selected={s.id === props.value}>
                {s.name + left(s.leftOn)}
              </option>
            )}
          </For>
        </select>
      </Show>
    </label>
  );
}

/** «с … по …» for a report over a range of days: empty means the report's default (the last 14 days). */
export function ReportDaysPicker(props: {
  from: IsoDate | '';
  to: IsoDate | '';
  onFrom: (d: IsoDate | '') => void;
  onTo: (d: IsoDate | '') => void;
}): JSX.Element {
  const date = (set: (d: IsoDate | '') => void) => (e: Event & { currentTarget: HTMLInputElement }) => {
    const v = e.currentTarget.value;
    set(isIsoDate(v) ? v : '');
  };
  return (
    <>
      <label title="Пусто — последние 14 дней">
        С
        <input type="date" data-testid="report-from" value={props.from} onChange={date(props.onFrom)} />
      </label>
      <label title="Пусто — по сегодняшний день">
        по
        <input type="date" data-testid="report-to" value={props.to} onChange={date(props.onTo)} />
      </label>
    </>
  );
}
