import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading PDFs back the way a person's viewer would, with poppler's command-line tools
 * (`poppler-utils`): page text, word positions, page sizes, fonts, and rendering to PNG.
 */

export const POPPLER_MISSING =
  'pdftoppm/pdftotext/pdfinfo/pdffonts (poppler-utils) not found: the PDF tests cannot read the PDFs back. Install them with `apt-get install -y poppler-utils`.';

/** Whether poppler's tools run here. */
export function popplerAvailable(): boolean {
  return ['pdftoppm', 'pdftotext', 'pdfinfo', 'pdffonts'].every((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined);
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The text of every page, in reading order (pdftotext splits pages with a form feed). */
export function pageTexts(pdf: string): string[] {
  const pages = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\f');
  return pages.slice(0, pages.length - 1);
}

export interface Word {
  text: string;
  x: number;
  y: number;
  xMin: number;
  xMax: number;
}

/** The words of one page (1-based) with the centre of each word's box, in points from the top left. */
export function pageWords(pdf: string, page: number): Word[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-']);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => {
    const [xMin, yMin, xMax, yMax] = [m[1], m[2], m[3], m[4]].map(Number);
    return { text: unescape(m[5]), x: (xMin + xMax) / 2, y: (yMin + yMax) / 2, xMin, xMax };
  });
}

/** «841.89 x 595.28 pts (A4)» of every page. */
export function pageSizes(pdf: string): string[] {
  return [...run('pdfinfo', ['-f', '1', '-l', '100000', pdf]).matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1].trim());
}

/** Each font's name and whether it is embedded («emb» column of pdffonts). */
export function pdfFonts(pdf: string): Array<{ name: string; embedded: boolean }> {
  const lines = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: the last five columns are fixed.
    return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** Renders page 1 to a PNG in `dir`; returns its path and what pdftoppm said on stderr. */
export function renderFirstPage(pdf: string, dir: string, name: string): { png: string; stderr: string; bytes: number } {
  const prefix = join(dir, name);
  const r = spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', pdf, prefix], { encoding: 'utf8' });
  const png = `${prefix}.png`;
  return { png, stderr: r.stderr ?? '', bytes: existsSync(png) ? statSync(png).size : 0 };
}
