import type { JSX } from 'solid-js';

/**
 * PRINT-3: what the regulations want printed, signed by the director and sealed, and when
 * (DOMAIN.md, «Printing, archive, backup»): each printout already carries the line
 * «Директор ______ / ФИО /» and «М.П.» (PRINT-2); this says which ones to bring for signing.
 */
export function SigningBlock(): JSX.Element {
  return (
    <div class="archive-block" data-testid="signing-block">
      <h3>Что распечатать и подписать</h3>
      <p class="muted">
        Каждая страница распечатки внизу содержит строку «Директор ______ / ФИО /» и «М.П.»: директор подписывает её и заверяет печатью
        школы.
      </p>
      <ul>
        <li>
          <b>В конце каждой четверти (в 10–11 классах — полугодия):</b> страницы журнала за период по каждому предмету (кнопка «Печать» на
          странице журнала), сводная ведомость итоговых отметок класса и отчёт о пропущенных уроках.
        </li>
        <li>
          <b>В конце учебного года:</b> то же за год и годовые отметки; журнал класса передаётся в архив на бумаге и в электронном виде
          (выгрузка класса ниже) — журналы хранятся 5 лет, сводные ведомости — 25 лет.
        </li>
        <li>
          <b>При каждом закрытии периода:</b> резервная копия, которую хранит директор (на внешнем носителе).
        </li>
      </ul>
    </div>
  );
}
