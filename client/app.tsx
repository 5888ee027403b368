import { createMemo, Match, Show, Switch, untrack, type JSX } from 'solid-js';
import { session } from './state/session.ts';
import { route } from './state/router.ts';
import { SchoolProvider } from './state/school-context.tsx';
import { LoginPage } from './features/login/login-page.tsx';
import { TopBar } from './features/layout/top-bar.tsx';
import { StatusBar } from './features/layout/status-bar.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { JournalPage } from './features/journal/journal-page.tsx';

/** The app: the sign-in page, or the signed-in user's pages; the status bar always. */
export function App(): JSX.Element {
  const signedIn = createMemo(() => {
    const s = session();
    return s.status === 'signed-in' ? s.me : null;
  });
  // A page is one class × subject × group; choosing another lesson must not rebuild it.
  const journalKey = createMemo(() => {
    const r = route();
    return r.page === 'journal' ? `${r.classId}/${r.subjectId}/${r.groupId}` : null;
  });
  return (
    <div class="app">
      <Switch>
        <Match when={session().status === 'loading'}>
          <p class="notice">Загрузка…</p>
        </Match>
        <Match when={signedIn()} keyed>
          {(me) => (
            <SchoolProvider me={me}>
              <TopBar />
              <main class="page">
                <Show when={journalKey()} keyed fallback={<HomePage />}>
                  {(key) => {
                    const [classId, subjectId, groupId] = key.split('/');
                    const r = untrack(route);
                    return (
                      <JournalPage
                        classId={classId}
                        subjectId={subjectId}
                        groupId={groupId}
                        lessonId={r.page === 'journal' ? r.lessonId : null}
                      />
                    );
                  }}
                </Show>
              </main>
            </SchoolProvider>
          )}
        </Match>
        <Match when={session().status === 'signed-out'}>
          <LoginPage />
        </Match>
      </Switch>
      <StatusBar />
    </div>
  );
}
