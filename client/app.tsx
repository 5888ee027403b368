import { createMemo, Match, Show, Switch, untrack, type JSX } from 'solid-js';
import { session } from './state/session.ts';
import { route } from './state/router.ts';
import { SchoolProvider } from './state/school-context.tsx';
import { LoginPage } from './features/login/login-page.tsx';
import { TopBar } from './features/layout/top-bar.tsx';
import { YearBanner } from './features/layout/year-switcher.tsx';
import { StatusBar } from './features/layout/status-bar.tsx';
import { UpdatePrompt } from './features/layout/update-prompt.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { JournalPage } from './features/journal/journal-page.tsx';
import { FinalsPage } from './features/finals/finals-page.tsx';
import { AdminPage } from './features/admin/admin-page.tsx';
import { ActivationPage } from './features/login/activation-page.tsx';
import { RefusedPage } from './features/rights/refused-page.tsx';
import { CorrectionsPage } from './features/history/corrections-page.tsx';
import { ReportsPage } from './features/reports/reports-page.tsx';
import { MonitoringPage } from './features/monitoring/monitoring-page.tsx';
import { ImportPage } from './features/import/import-page.tsx';
import { ClassCodesPage } from './features/class-codes/class-codes-page.tsx';
import { DiaryAcksPage } from './features/diary-acks/diary-acks-page.tsx';
import { AttendancePage } from './features/attendance/attendance-page.tsx';
import { SubstitutionsPage } from './features/substitutions/substitutions-page.tsx';
import { StudentsPage } from './features/students/students-page.tsx';
import { YearPage } from './features/year/year-page.tsx';
import { DiaryPage } from './features/diary/diary-page.tsx';
import { MessagesPage } from './features/messages/messages-page.tsx';
import { messagesRoute } from './features/messages/messages-route.ts';
import { NoticesPages } from './features/announcements/notices-pages.tsx';
import { noticesRoute } from './features/announcements/notices-route.ts';
import { STAFF_ROLES } from '../model/index.ts';

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
  // The finals of one page; the same page keyed, so a sync does not rebuild it.
  const finalsKey = createMemo(() => {
    const r = route();
    return r.page === 'finals' ? `${r.classId}/${r.subjectId}/${r.groupId}` : null;
  });
  const codesClassId = createMemo(() => {
    const r = route();
    return r.page === 'class-codes' ? r.classId : null;
  });
  const diaryAcksClassId = createMemo(() => {
    const r = route();
    return r.page === 'diary-acks' ? r.classId : null;
  });
  // The board is one class's; moving between days and views must not reopen it.
  const attendanceClassId = createMemo(() => {
    const r = route();
    return r.page === 'attendance' ? r.classId : null;
  });
  const yearTab = createMemo(() => {
    const r = route();
    return r.page === 'year' ? r.tab : null;
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
              <YearBanner />
              <main class="page">
                <Switch>
                  <Match when={route().page === 'admin'}>
                    <AdminPage />
                  </Match>
                  <Match when={route().page === 'activate'}>
                    <ActivationPage />
                  </Match>
                  {/* MSG-13: «Сообщения», for staff and families alike. */}
                  <Match when={messagesRoute()}>
                    <MessagesPage />
                  </Match>
                  {/* ANN-*, CONS-*, NOTIF-*: boards, consents and notifications, for staff and families alike. */}
                  <Match when={noticesRoute()}>
                    <NoticesPages />
                  </Match>
                  <Match when={!me.user.roles.some((r) => STAFF_ROLES.includes(r))}>
                    {/* Parents and students: the diary is all they have, whatever the address. */}
                    <DiaryPage />
                  </Match>
                  <Match when={route().page === 'refused'}>
                    <RefusedPage />
                  </Match>
                  <Match when={route().page === 'corrections'}>
                    <CorrectionsPage />
                  </Match>
                  <Match when={route().page === 'late'}>
                    <CorrectionsPage view="late" />
                  </Match>
                  <Match when={route().page === 'reports'}>
                    <ReportsPage />
                  </Match>
                  <Match when={route().page === 'monitoring'}>
                    <MonitoringPage />
                  </Match>
                  <Match when={route().page === 'import'}>
                    <ImportPage />
                  </Match>
                  <Match when={route().page === 'substitutions'}>
                    <SubstitutionsPage />
                  </Match>
                  <Match when={route().page === 'students'}>
                    <StudentsPage />
                  </Match>
                  <Match when={yearTab()}>{(tab) => <YearPage tab={tab()} />}</Match>
                  <Match when={finalsKey()} keyed>
                    {(key) => {
                      const [classId, subjectId, groupId] = key.split('/');
                      return <FinalsPage classId={classId} subjectId={subjectId} groupId={groupId} />;
                    }}
                  </Match>
                  <Match when={codesClassId()} keyed>
                    {(classId) => <ClassCodesPage classId={classId} />}
                  </Match>
                  <Match when={diaryAcksClassId()} keyed>
                    {(classId) => <DiaryAcksPage classId={classId} />}
                  </Match>
                  <Match when={attendanceClassId()} keyed>
                    {(classId) => <AttendancePage classId={classId} />}
                  </Match>
                  <Match when={true}>
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
                  </Match>
                </Switch>
              </main>
            </SchoolProvider>
          )}
        </Match>
        <Match when={session().status === 'signed-out'}>
          <Show when={route().page === 'activate'} fallback={<LoginPage />}>
            <ActivationPage />
          </Show>
        </Match>
      </Switch>
      <UpdatePrompt />
      <StatusBar />
    </div>
  );
}
