/** Rules for the login and password a user chooses on activation (AUTH-9), with Russian messages. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 200;

/** Logins are compared lower-cased and trimmed. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** Null when the login is acceptable, else why not. */
export function loginProblem(login: string): string | null {
  if (!/^[\p{L}\p{N}._-]{3,40}$/u.test(login)) {
    return 'Логин: от 3 до 40 символов — буквы, цифры, точка, дефис или подчёркивание, без пробелов';
  }
  return null;
}

/** Null when the password is acceptable, else why not. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Пароль должен быть не длиннее ${MAX_PASSWORD_LENGTH} символов`;
  if (password.toLowerCase().includes(login.toLowerCase())) return 'Пароль не должен содержать логин';
  if (new Set(password).size < 4) return 'Пароль слишком простой: используйте разные символы';
  return null;
}
