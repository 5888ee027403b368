import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { restoreSession } from './state/session.ts';
import { registerServiceWorker } from './features/layout/update-prompt.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/home.css';
import './styles/journal.css';
import './styles/journal-head.css';
import './styles/lesson-panel.css';
import './styles/admin.css';
import './styles/setup.css';
import './styles/rights.css';
import './styles/refused-page.css';
import './styles/history.css';
import './styles/phone.css';

render(() => <App />, document.getElementById('app')!);
void restoreSession();
// The app opens with no network (PWA-1); it never caches /api or /sync.
registerServiceWorker();
