import { createSignal, Show, type JSX } from 'solid-js';

/**
 * SETUP-38: on the demo school's sign-in page: this is a demo with made-up people, and how to
 * start a real school instead (the server started with `DEMO=0` on an empty data directory).
 */
export function DemoNotice(): JSX.Element {
  const [open, setOpen] = createSignal(false);
  return (
    <div class="demo-notice" data-testid="demo-notice">
      <p>
        <b>Это демонстрационная школа.</b> Ученики, учителя и отметки придуманы; войдите под любым логином из README с паролем{' '}
        <code>demo</code>.
      </p>
      <button type="button" class="link-button" data-testid="own-school" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Создать свою школу
      </button>
      <Show when={open()}>
        <div class="demo-how" data-testid="own-school-how">
          <p>Своя школа создаётся на новом сервере, без демонстрационных данных:</p>
          <ol>
            <li>
              Остановите сервер и запустите его с пустым каталогом данных и переменной <code>DEMO=0</code>, например:{' '}
              <code>DEMO=0 DATA_DIR=./school npm start</code>.
            </li>
            <li>
              Откройте журнал в браузере на том же компьютере — появится страница настройки: название школы, даты учебного года, четверти
              или полугодия и первый администратор. С другого компьютера нужен код настройки из журнала сервера.
            </li>
            <li>Дальше администратор загружает сотрудников, классы и учеников на страницах «Импорт» и «Учебный год».</li>
          </ol>
        </div>
      </Show>
    </div>
  );
}
