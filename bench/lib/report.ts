import { cpus, totalmem } from 'node:os';

/** One table of results. */
export interface Table {
  title: string;
  note?: string;
  columns: string[];
  rows: (string | number)[][];
}

export function machine(): string {
  const [cpu] = cpus();
  return `${cpu?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform} ${process.arch}`;
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `${(value / baseline).toFixed(2)}×` : 'n/a';
}

export function markdown(table: Table): string {
  const header = `| ${table.columns.join(' | ')} |`;
  const divider = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const body = table.rows.map((row) => `| ${row.join(' | ')} |`);
  return [
    `### ${table.title}`,
    '',
    ...(table.note ? [table.note, ''] : []),
    header,
    divider,
    ...body,
    '',
  ].join('\n');
}

/** The median of repeated measurements: robust to one noisy run on a shared 2-core machine. */
export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
