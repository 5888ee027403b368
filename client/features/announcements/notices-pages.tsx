import { Match, Switch, type JSX } from 'solid-js';
import { ClassConsentsPage } from '../consent/class-consents-page.tsx';
import { ConsentPage } from '../consent/consent-page.tsx';
import { NotificationsPage } from '../notifications/notifications-page.tsx';
import { BoardsPage } from './boards-page.tsx';
import { noticesRoute } from './notices-route.ts';

/** The page of `noticesRoute()`: one Match in app.tsx, for staff and families alike. */
export function NoticesPages(): JSX.Element {
  return (
    <Switch>
      <Match
        when={(() => {
          const r = noticesRoute();
          return r?.page === 'boards' ? r : null;
        })()}
        keyed
      >
        {(r) => <BoardsPage scope={r.scope} />}
      </Match>
      <Match when={noticesRoute()?.page === 'consent'}>
        <ConsentPage />
      </Match>
      <Match
        when={(() => {
          const r = noticesRoute();
          return r?.page === 'consents' ? r.classId : null;
        })()}
        keyed
      >
        {(classId) => <ClassConsentsPage classId={classId} />}
      </Match>
      <Match when={noticesRoute()?.page === 'notifications'}>
        <NotificationsPage />
      </Match>
    </Switch>
  );
}
