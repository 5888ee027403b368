/**
 * How a sign-in or a linking through the region's identity provider ended (AUTH-28…AUTH-30),
 * with what the person reads. The server sends the browser back to `/?oidc={outcome}` (a sign-in
 * that succeeded goes to `/` signed in); the sign-in page or the profile shows the text. Shared
 * by the server, which chooses the outcome, and the client, which says it.
 */
export const OIDC_OUTCOMES = {
  linked: 'Учётная запись привязана: теперь на странице входа можно войти через неё, без пароля.',
  unknown:
    'Эта учётная запись региональной системы не связана ни с одним пользователем журнала. Войдите по паролю и привяжите её в профиле.',
  disabled: 'Вход в журнал для этой учётной записи отключён. Обратитесь к администратору школы.',
  taken: 'Эта учётная запись региональной системы уже привязана к другому пользователю журнала.',
  'has-one': 'К вашей учётной записи уже привязана другая учётная запись региональной системы. Сначала отвяжите её.',
  'signed-out': 'Привязка не выполнена: сеанс в журнале закончился или сменился. Войдите и повторите привязку.',
  expired: 'Вход не завершён: время ожидания истекло или ответ уже использован. Начните заново.',
  refused: 'Вход отменён или не разрешён региональной системой. Попробуйте ещё раз или войдите по паролю.',
  unavailable: 'Сервер региональной учётной записи не отвечает. Войдите по паролю или попробуйте позже.',
  invalid: 'Ответ сервера входа не прошёл проверку, вход отклонён. Начните заново.',
} as const;

export type OidcOutcome = keyof typeof OIDC_OUTCOMES;

/** True for an outcome the server sends (a `?oidc=` of anything else is ignored). */
export function isOidcOutcome(value: unknown): value is OidcOutcome {
  return typeof value === 'string' && Object.hasOwn(OIDC_OUTCOMES, value);
}
