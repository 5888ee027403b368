/** A moment as Russian readers expect it: `14.09.2026, 10:05`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
