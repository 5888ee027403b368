/** What the server says before anyone signs in (sync-server/http/about-routes.ts, setup/setup-app.ts). */
export interface SchoolAbout {
  /** SETUP-38: the demo school, with its demo accounts. */
  demo: boolean;
  /** SETUP-34: the school does not exist yet; the setup page is open (a code is needed from another computer). */
  setup: { codeNeeded: boolean } | null;
}

/** The server's answer, or null offline or from a server that predates it (the sign-in page then shows nothing extra). */
export async function fetchSchoolAbout(): Promise<SchoolAbout | null> {
  try {
    const res = await fetch('/api/about', { headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as SchoolAbout) : null;
  } catch {
    return null;
  }
}
