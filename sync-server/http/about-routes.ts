import { Hono } from 'hono';
import { parseDocName } from '../../model/index.ts';
import { DEMO_SCHOOL_ID } from '../demo/demo-school.ts';

/**
 * What the sign-in page needs to know before anyone signs in. SETUP-38: whether this is the demo
 * school (the page says so and explains how to start a real one); SETUP-34: once a school exists
 * the setup is over, and `/api/setup` answers 410 for ever.
 */
export function aboutRoutes(schoolDocName: string) {
  const app = new Hono();
  const name = parseDocName(schoolDocName);
  const demo = name?.kind === 'school' && name.schoolId === DEMO_SCHOOL_ID;
  app.get('/about', (c) => c.json({ demo, setup: null }));
  app.all('/setup', (c) => c.json({ error: 'Школа уже создана: настройка больше недоступна' }, 410));
  return app;
}
