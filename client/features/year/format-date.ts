/** "2026-10-14" → "14.10.2026", as Russian schools write dates. */
export const formatDate = (iso: string) => iso.split('-').reverse().join('.');
