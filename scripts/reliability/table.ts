/**
 * What every campaign item returns: a table a person reads (printed by `npm run reliability`,
 * copied into docs/reliability.md) and the verdict a test asserts, so that the command and the
 * CI test can never disagree about what was checked.
 */
export interface ItemResult {
  item: string;
  size: string;
  seed: number;
  /** Rows of [what, figure]: one claim each. */
  rows: Array<[string, string | number]>;
  /** One plain sentence per broken promise; empty when every promise held. */
  problems: string[];
}

/** The table as Markdown, then the verdict: what docs/reliability.md keeps. */
export function formatResult(r: ItemResult): string {
  const width = Math.max(...r.rows.map(([k]) => k.length), 'Check'.length);
  const lines = [
    `### ${r.item} (size ${r.size}, seed ${r.seed})`,
    '',
    `| ${'Check'.padEnd(width)} | Result |`,
    `| ${'-'.repeat(width)} | ------ |`,
    ...r.rows.map(([k, v]) => `| ${k.padEnd(width)} | ${typeof v === 'number' ? v.toLocaleString('en-US') : v} |`),
    '',
    r.problems.length === 0
      ? 'Verdict: every promise held.'
      : `Verdict: ${r.problems.length} broken:\n${r.problems.map((p) => `- ${p}`).join('\n')}`,
  ];
  return lines.join('\n');
}

/** «1.5 MB»: a byte count as a person reads it. */
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
