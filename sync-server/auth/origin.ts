/**
 * Origin checks for state-changing requests and WebSocket upgrades: the Origin must be the
 * server's own (same host as the Host header) or one listed in ALLOWED_ORIGINS. A missing
 * Origin is refused: every browser sends it on these requests.
 */
export function isAllowedOrigin(origin: string | undefined | null, host: string | undefined | null, allowed: readonly string[]): boolean {
  if (!origin) return false;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
