import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { classes, parseDocName, readSchoolMeta } from '../../../model/index.ts';
import { plural } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { fetchExport, saveFile, signSnapshotsNow } from './archive-api.ts';
import { BackupsBlock } from './backups-block.tsx';
import { SigningBlock } from './signing-block.tsx';

const KEYS_URL = '/.well-known/journal-keys.json';

/**
 * «Архив и резервные копии» on the administrator's page: an export of a class or of the whole
 * school as a zip (ARC-18), the backups (ARC-10) and signed snapshots on demand (ARC-8). All of
 * it lives on the server, so every action needs the network and says so when it is missing.
 */
export function ArchivePanel(): JSX.Element {
  return (
    <section class="admin-section archive-section" data-testid="archive-panel">
      <h2>Архив и резервные копии</h2>
      <SigningBlock />
      <ExportBlock />
      <BackupsBlock />
      <SnapshotsBlock />
    </section>
  );
}

/** The classes of the school year, in grade order, and the year itself, from the school document. */
function useSchoolYear() {
  const ctx = useSchool();
  return createMemo(() => {
    ctx.version();
    const grant = ctx.me.documents.find((d) => d.kind === 'school');
    const meta = ctx.school && ctx.ready() ? readSchoolMeta(ctx.school.doc) : undefined;
    const yearId = meta?.yearId ?? (grant ? parseDocName(grant.name)?.yearId : undefined);
    const list = ctx.school && ctx.ready() ? classes.all(ctx.school.doc) : [];
    list.sort(([, a], [, b]) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
    return { yearId, title: meta?.title ?? '', classes: list.map(([id, c]) => ({ id, name: c.name })) };
  });
}

function ExportBlock(): JSX.Element {
  const year = useSchoolYear();
  const [classId, setClassId] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);

  const download = async (e: SubmitEvent) => {
    e.preventDefault();
    const yearId = year().yearId;
    if (!yearId) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    const res = await fetchExport({ classId: classId() || null, yearId });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    saveFile(res.value.blob, res.value.fileName);
    setSaved(res.value.fileName);
  };

  return (
    <div class="archive-block" data-testid="export-block">
      <h3>Выгрузить архив</h3>
      <p class="muted">
        Один файл .zip: журнал с полной историей изменений, подписанные снимки, открытые ключи и подписанный список файлов, а для чтения —
        журнал и итоговые оценки в PDF, таблицы CSV для Excel и описание формата (FORMAT.md).
      </p>
      <form class="archive-row" onSubmit={(e) => void download(e)}>
        <label>
          Что выгрузить
          <select data-testid="export-class" value={classId()} onChange={(e) => setClassId(e.currentTarget.value)}>
            <option value="">Вся школа</option>
            <For each={year().classes}>{(c) => <option value={c.id}>{c.name} класс</option>}</For>
          </select>
        </label>
        <Show when={year().title}>
          <span class="archive-year">{year().title}</span>
        </Show>
        <button type="submit" data-testid="export-download" disabled={busy() || !year().yearId}>
          {busy() ? 'Готовим архив…' : 'Выгрузить архив'}
        </button>
      </form>
      <Show when={saved()}>
        <p class="state-ok" data-testid="export-saved">
          Архив {saved()} выгружен.
        </p>
      </Show>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="export-error">
          {error()}
        </p>
      </Show>
      <p class="muted">
        Проверить архив можно на любом компьютере, без сервера: <code>npm run verify -- &lt;файл&gt;.zip</code>. Чтобы доверять только
        ключам школы, сохраните{' '}
        <a href={KEYS_URL} target="_blank" rel="noopener" data-testid="keys-link">
          Открытые ключи школы
        </a>{' '}
        в файл и добавьте <code>--keys journal-keys.json</code>.
      </p>
    </div>
  );
}

function SnapshotsBlock(): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<string | null>(null);

  const sign = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await signSnapshotsNow();
    setBusy(false);
    if (!res.ok) return setError(res.error);
    const n = res.value.snapshots.length;
    const documents = `${n} ${plural(n, ['документа', 'документов', 'документов'])}`;
    if (n === 0) setResult('Новых изменений нет: все документы уже подписаны.');
    else setResult(`${n === 1 ? 'Подписан новый снимок' : 'Подписаны новые снимки'} ${documents}.`);
  };

  return (
    <div class="archive-block" data-testid="snapshots-block">
      <h3>Подписанные снимки</h3>
      <p class="muted">
        Сервер сам подписывает снимок документа после каждых 500 изменений или не позже чем через 30 минут после изменения, а также при
        закрытии периода. Снимки можно подписать и сейчас, например перед выгрузкой архива.
      </p>
      <div class="archive-row">
        <button type="button" class="secondary" data-testid="snapshots-sign" disabled={busy()} onClick={() => void sign()}>
          {busy() ? 'Подписываем…' : 'Подписать снимки сейчас'}
        </button>
        <Show when={result()}>
          <span class="state-ok" data-testid="snapshots-result">
            {result()}
          </span>
        </Show>
      </div>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="snapshots-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}
