import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, markdown, type Table } from './lib/report';
import { botCost } from './scenarios/bot-cost';
import { durable } from './scenarios/durable';
import { largeEvents } from './scenarios/large-events';
import { memory } from './scenarios/memory';
import { scaling } from './scenarios/scaling';
import { startup } from './scenarios/startup';
import { throughput } from './scenarios/throughput';
import { verify } from './scenarios/verify';

const quick = process.argv.includes('--quick');
const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);

const scenarios: Record<string, () => Promise<{ tables: Table[]; headlines: string[] }>> = {
  throughput: async () => {
    const result = await throughput({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
  'bot-cost': async () => {
    const result = await botCost({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
  'large-events': async () => {
    const result = await largeEvents({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
  memory: async () => {
    const result = await memory({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
  startup: async () => {
    const result = await startup({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
  durable: async () => {
    const result = await durable({ quick });
    return { tables: result.tables, headlines: [result.headline] };
  },
  scaling: async () => {
    const result = await scaling({ quick });
    return { tables: result.tables, headlines: [result.headline] };
  },
  verify: async () => {
    const result = await verify({ quick });
    return { tables: [result.table], headlines: [result.headline] };
  },
};

const tables: Table[] = [];
const headlines: string[] = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only && only !== name) continue;
  console.log(`running ${name}${quick ? ' (quick)' : ''}...`);
  const result = await run();
  for (const table of result.tables) console.log(`\n${markdown(table)}`);
  tables.push(...result.tables);
  headlines.push(...result.headlines);
}

const report = [
  '# Benchmark results',
  '',
  `Run on ${new Date().toISOString().slice(0, 10)}: ${machine()}.${quick ? ' Quick mode: smaller counts, single runs; numbers are indicative only.' : ''}`,
  'Every ratio compares contenders measured in the same run on the same machine. Reproduce with `npm run bench`;',
  'what each scenario measures and how to read it: [README.md](README.md); where the time went: [PROFILING.md](PROFILING.md).',
  '',
  '## Headlines',
  '',
  ...headlines.map((headline) => `- ${headline}`),
  '',
  ...tables.map(markdown),
].join('\n');
if (!only) {
  const target = fileURLToPath(
    new URL(quick ? './.results/RESULTS.quick.md' : './RESULTS.md', import.meta.url),
  );
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, report);
}
