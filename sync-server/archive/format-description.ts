/**
 * FORMAT.md of an archive export (ARC-12): every file described in plain Russian and English,
 * so that the archive can be read and checked decades later without this software.
 */
export const FORMAT_MD = `# Архив электронного журнала · Electronic class journal archive

## По-русски

Эта папка — выгрузка электронного классного журнала: всё, что было записано, кто и когда это
записал, и подписи сервера школы, по которым можно проверить, что ничего не изменено.

Файлы:

- \`FORMAT.md\` — это описание.
- \`manifest.json\` — список всех файлов выгрузки с их хешами SHA-256 (64 шестнадцатеричные цифры).
  Изменение любого байта любого файла меняет его хеш.
- \`manifest.sig\` — подпись сервера (Ed25519) под точными байтами \`manifest.json\`: поле
  \`keyId\` называет ключ, \`signature\` — подпись в base64.
- \`keys.json\` — открытые ключи сервера школы и история их смены (\`validFrom\`, \`validUntil\`).
  Те же ключи сервер публикует по адресу \`/.well-known/journal-keys.json\`; сверьте их.
- \`documents/journal/{класс}/{год}/\` — журнал класса за учебный год;
  \`documents/school/{школа}/{год}/\` — данные учебного года (предметы, расписание, периоды).
  В папке каждого документа:
  - \`journal.csv\` — журнал в виде таблицы: строки — ученики, столбцы — уроки (дата, номер урока,
    предмет, группа), в ячейках — отметки и «н» (отсутствовал), «оп» (опоздал).
    Кодировка UTF-8 с BOM, разделитель «;» — открывается в Excel и LibreOffice. Текст, который
    начинается с «=», «+», «-», «@», табуляции или возврата каретки, записан с апострофом впереди
    («'=1+2»), чтобы Excel не выполнил его как формулу; числа записаны числами.
  - \`lessons.csv\` — уроки: дата, номер, предмет, группа, тема, домашнее задание, замена.
  - \`journal.pdf\` — журнал для печати (A4, альбомная ориентация), как бумажный: по каждому
    предмету (и группе) и учебному периоду разворот — слева сетка «ученики × даты уроков»
    (отметки, «зч»/«нз», «н» — отсутствовал, «оп» — опоздал; в последнем столбце периода —
    итоговая отметка), справа те же уроки: дата, тема, домашнее задание, замена.
  - \`finals.pdf\` — сводная ведомость учёта успеваемости: ученики × предметы, под каждым
    предметом — итоговые отметки за каждый учебный период.
  - \`finals.csv\` — та же ведомость таблицей: строка — ученик, столбец — «предмет — период»
    (UTF-8 с BOM, разделитель «;»).

    \`journal.pdf\`, \`finals.pdf\` и \`finals.csv\` построены по последнему подписанному снимку
    документа из этой выгрузки, а не по всем изменениям: внизу каждой страницы PDF написано, когда
    и кем она напечатана и по какому снимку — «снимок № N (до обновления M), SHA-256 …»; это
    поле \`sha256\` снимка № N в \`snapshots.json\`, его подпись проверяет \`verify\`. Изменения
    после этого снимка (они есть в \`log.bin\`, \`journal.csv\` и \`lessons.csv\`) в распечатку не
    входят. Если подписанного снимка нет, на страницах так и написано: «подписанного снимка нет —
    распечатка по журналу обновлений до № M». Названия предметов, учителей и периодов взяты из
    данных учебного года (\`documents/school/…\`) этой выгрузки.
  - \`log.bin\` — журнал изменений: каждое принятое сервером изменение по порядку.
  - \`log-index.csv\` — к каждому изменению: номер, пользователь, сеанс, время на устройстве
    учителя и время на сервере (UTC), размер.
  - \`snapshots.json\` и \`snapshots/\` — подписанные снимки: полное состояние документа на момент
    изменения с номером \`upToSeq\`, его хеш, хеш предыдущего снимка (цепочка) и подпись сервера.

Проверка: \`npm run verify -- ПАПКА\` (программа журнала, сервер не нужен). Она проверяет хеши
и подпись манифеста, подпись каждого снимка, цепочку снимков, что изменения идут подряд с 1 без
пропусков и повторов и что изменения с 1 по \`upToSeq\` дают ровно состояние снимка. Любой
изменённый, удалённый или переставленный байт будет найден и назван.

## In English

This folder is an export of an electronic class journal: everything recorded, who recorded it
and when, and the school server's signatures that show nothing was changed.

- \`manifest.json\`: \`{format, createdAt, scope, keyId, documents, files}\`; \`files\` maps every
  file's path (except \`manifest.json\` and \`manifest.sig\`) to its SHA-256 in hex.
- \`manifest.sig\`: \`{keyId, signature}\`, an Ed25519 signature (base64) over the exact bytes of
  \`manifest.json\`.
- \`keys.json\`: \`{format: "journal-keys/1", keys: [{keyId, algorithm: "Ed25519", publicKey,
  validFrom, validUntil}]}\`; \`publicKey\` is the raw 32-byte key in base64; \`keyId\` is the first
  16 hex digits of SHA-256 of those 32 bytes. Compare with the server's
  \`/.well-known/journal-keys.json\`.
- \`documents/{name}/log.bin\`: the update log, one record per accepted update in seq order:
  seq (8 bytes, big-endian unsigned), length L (4 bytes, big-endian), then L bytes — the Yjs
  update (v1 encoding) exactly as stored. Seqs run 1, 2, 3, … with no gaps.
- \`documents/{name}/log-index.csv\`: \`seq,user_id,session_id,client_time,server_time,bytes\`;
  times are ISO 8601 UTC; client_time is empty when the device did not report its clock.
- \`documents/{name}/snapshots.json\`: a list of \`{n, upToSeq, createdAt, keyId, sha256,
  prevSha256, stateSha256, stateVectorSha256, signature, stateFile, stateVectorFile}\`; the state
  file holds \`Y.encodeStateAsUpdate\` of a fresh Yjs document after applying updates 1…upToSeq
  of log.bin in order, the state vector file \`Y.encodeStateVector\` of it.
- \`documents/journal/…/journal.csv\`, \`lessons.csv\`: the journal for people (UTF-8 with BOM,
  \`;\`-separated, Russian headers), from the whole log; a text cell starting with \`=\`, \`+\`, \`-\`,
  \`@\`, a tab or a carriage return has a single quote put in front (\`'=1+2\`), so that no
  spreadsheet runs it as a formula; numbers are written as numbers.
- \`documents/journal/…/journal.pdf\`: the journal to print, landscape A4 with DejaVu fonts
  embedded: per subject (and group) and study period, a grid page (students in roster order ×
  lesson dates; marks as digits, «зч»/«нз», absences «н»/«оп»; the period's final after its last
  date) followed by a page of the same lessons (number, date, topic, homework, substitute).
  Planned lessons after the snapshot's day with nothing recorded are left out.
- \`documents/journal/…/finals.pdf\`, \`finals.csv\`: the summary sheet of finals — one row per
  student (the roster, then any student id the finals name that is no longer on it), one column
  per subject and study period of the class's grade (then any other period id the finals name);
  a cell is the \`finals\` map's value for \`subjectId:groupId:periodId:studentId\` (the groups of a
  subject merged; two different values are joined with « / »). The CSV header of a column is
  «subject — period»; the last column notes arrivals and departures.
- These three files are rendered from the **latest signed snapshot** of the document in this
  export (its state file decoded into a fresh Yjs document), not from the whole log. The footer
  of every PDF page reads «Напечатано: DD.MM.YYYY HH:MM · who · снимок № N (до обновления M),
  SHA-256 <64 hex>» — N is the snapshot's \`n\`, M its \`upToSeq\`, the hash its \`sha256\` in
  \`snapshots.json\` — and «Стр. X из Y». Updates after that snapshot are not printed. With no
  signed snapshot the pages say «подписанного снимка нет — распечатка по журналу обновлений до
  № M» and are rendered from the whole log. Names (subjects, teachers, periods) come from the
  school-year document of the same export. The time is the exporting computer's local time.

### Canonical snapshot bytes (what is signed)

Nine fields, each written as its length (4 bytes, big-endian) followed by its bytes:
1. the ASCII text \`journal-snapshot\`; 2. the version, 4 bytes big-endian, = 1; 3. the document
name in UTF-8 (e.g. \`journal/5b/2026\`); 4. upToSeq, 8 bytes big-endian; 5. SHA-256 of the state
file (32 bytes); 6. SHA-256 of the state vector file (32 bytes); 7. the previous snapshot's
\`sha256\` (32 bytes), or 32 zero bytes for a document's first snapshot; 8. createdAt in
milliseconds since 1970-01-01 UTC, 8 bytes big-endian; 9. the key id in ASCII.

A snapshot's \`sha256\` is SHA-256 of these bytes; \`signature\` is the Ed25519 signature of these
bytes by the key \`keyId\`; \`prevSha256\` is the previous snapshot's \`sha256\`, so the snapshots of a
document form a hash chain.

### Checking by hand

1. Hash every file listed in \`manifest.json\`; compare. Verify \`manifest.sig\` over the bytes of
   \`manifest.json\` with the key it names from \`keys.json\`.
2. For each document: read log.bin; seqs must be 1…N in order. For each snapshot: rebuild the
   canonical bytes from its fields and the SHA-256 of its files; check \`sha256\`, the signature,
   that \`prevSha256\` equals the previous snapshot's \`sha256\`, and that replaying updates
   1…upToSeq with Yjs 13 gives a state whose SHA-256 is \`stateSha256\`.
`;
