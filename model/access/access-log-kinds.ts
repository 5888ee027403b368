/**
 * What the access log records (SPEC LOG-1…LOG-7): each kind with the words the administrator's
 * page and the log's CSV show for it. Shared by the server, which writes the kinds, and the
 * client, which filters by them.
 */
export const ACCESS_LOG_KINDS = {
  'sign-in': 'Вход',
  'sign-in-failed': 'Неудачный вход',
  'sign-out': 'Выход',
  'sign-out-all': 'Выход на всех устройствах',
  'session-expired': 'Сеанс истёк',
  'journal-open': 'Открыт журнал',
  'school-year-open': 'Открыт учебный год',
  'personal-data-read': 'Просмотр личных данных',
  'personal-data-change': 'Изменение личных данных',
  'diary-open': 'Просмотр дневника',
  'conversation-open': 'Открыта переписка',
  'board-open': 'Открыта доска объявлений',
  'diary-confirm': 'Подтверждено ознакомление с итоговыми отметками',
  'report-download': 'Скачан отчёт',
  print: 'Печать',
  export: 'Выгрузка',
  'archive-export': 'Выгрузка архива',
  'backup-create': 'Создана резервная копия',
  'backup-download': 'Скачана резервная копия',
  import: 'Загрузка файла (импорт)',
  'staff-add': 'Добавлен сотрудник',
  'role-change': 'Изменение ролей',
  'account-disabled': 'Учётная запись отключена',
  'account-enabled': 'Учётная запись включена',
  'year-prepare': 'Подготовлен следующий учебный год',
  'code-issue': 'Выдан код активации',
  'child-add': 'Ребёнок добавлен к учётной записи родителя',
  'identity-link': 'Привязана учётная запись региональной системы',
  'identity-unlink': 'Отвязана учётная запись региональной системы',
} as const;

export type AccessLogKind = keyof typeof ACCESS_LOG_KINDS;

/** True for a kind the log knows (a filter's `kind=` is checked with it). */
export function isAccessLogKind(kind: unknown): kind is AccessLogKind {
  return typeof kind === 'string' && Object.hasOwn(ACCESS_LOG_KINDS, kind);
}
