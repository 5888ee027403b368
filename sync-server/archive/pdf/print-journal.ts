import type * as Y from 'yjs';
import type { IsoDate } from '../../../model/index.ts';
import { finalsCsv, finalsSheet } from '../finals-sheet.ts';
import { renderFinalsPdf } from './finals-pdf.ts';
import { renderJournalPdf } from './journal-pdf.ts';
import type { PrintStamp } from './print-stamp.ts';

/** The printable files of one class journal in an export, by file name. */
export interface PrintedJournal {
  'journal.pdf': Buffer;
  'finals.csv': string;
  'finals.pdf': Buffer;
}

/**
 * The journal pages, and the summary sheet of finals as CSV and PDF, of one journal state.
 * `asOf` is the day the state is of (a signed snapshot's day): planned lessons after it with
 * nothing recorded are not printed.
 */
export async function printJournal(journal: Y.Doc, school: Y.Doc | null, stamp: PrintStamp, asOf: IsoDate): Promise<PrintedJournal> {
  const sheet = finalsSheet(journal, school);
  return {
    'journal.pdf': await renderJournalPdf(journal, school, stamp, asOf),
    'finals.csv': finalsCsv(sheet),
    'finals.pdf': await renderFinalsPdf(sheet, stamp),
  };
}
