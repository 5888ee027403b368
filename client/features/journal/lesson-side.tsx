import { createSignal, type JSX } from 'solid-js';

/** Where this device remembers whether the lesson panel is folded away (a UI preference, not data). */
const FOLDED_KEY = 'journal.lessonPanelFolded';

function readFolded(): boolean {
  try {
    return localStorage.getItem(FOLDED_KEY) === '1';
  } catch {
    return false;
  }
}

function writeFolded(folded: boolean): void {
  try {
    if (folded) localStorage.setItem(FOLDED_KEY, '1');
    else localStorage.removeItem(FOLDED_KEY);
  } catch {
    // Storage refused (private window, full): the choice lasts until the page closes.
  }
}

/**
 * The selected lesson's panel beside the grid on a laptop's screen (below it on a narrow one,
 * lesson-panel.css), so the grid keeps the window's height for the rows. The teacher may fold
 * it to a strip to give the grid the width too; the device remembers the choice.
 */
export function LessonSide(props: { children: JSX.Element }): JSX.Element {
  const [folded, setFolded] = createSignal(readFolded());
  const toggle = () => {
    setFolded(!folded());
    writeFolded(folded());
  };
  return (
    <aside class="lesson-side" classList={{ folded: folded() }} data-testid="lesson-side" aria-label="Урок">
      <button
        type="button"
        class="lesson-side-toggle"
        data-testid="lesson-panel-toggle"
        aria-expanded={!folded()}
        aria-controls="lesson-side-body"
        title={
          folded()
            ? 'Показать панель урока: тема, задание, вид работы, посещаемость'
            : 'Скрыть панель урока, чтобы журналу досталась вся ширина'
        }
        onClick={toggle}
      >
        <span class="lesson-side-arrow" aria-hidden="true" />
        {folded() ? 'Урок' : 'Скрыть'}
      </button>
      <div class="lesson-side-body" id="lesson-side-body" hidden={folded()}>
        {props.children}
      </div>
    </aside>
  );
}
