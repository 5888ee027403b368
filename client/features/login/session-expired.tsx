import type { JSX } from 'solid-js';
import type { MeUser } from '../../state/me-types.ts';

/**
 * What the sign-in page says when the server ended the session (inactivity, the absolute
 * lifetime, logout elsewhere, a disabled account): nothing typed is lost, and it is sent only
 * under the same user's name.
 */
export function SessionExpired(props: { previous: MeUser | null }): JSX.Element {
  return (
    <div class="session-expired" role="status" data-testid="session-expired">
      <h2>Сеанс истёк</h2>
      <p>
        {props.previous ? (
          <>
            Сеанс пользователя <b>{props.previous.name}</b> завершён сервером.
          </>
        ) : (
          'Сеанс завершён сервером.'
        )}{' '}
        Изменения, сделанные за это время, сохранены на этом устройстве и будут отправлены, когда этот же пользователь снова войдёт.
      </p>
      <p class="muted">Если войдёт другой пользователь, эти изменения останутся на устройстве и не будут отправлены от его имени.</p>
    </div>
  );
}
