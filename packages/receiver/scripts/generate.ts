import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateAsyncApi, generateSchemas, serialize } from './schemas';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemas = generateSchemas();
mkdirSync(`${root}/schemas`, { recursive: true });
for (const file of readdirSync(`${root}/schemas`)) rmSync(`${root}/schemas/${file}`);
for (const [file, schema] of Object.entries(schemas))
  writeFileSync(`${root}/schemas/${file}`, serialize(schema));
writeFileSync(`${root}/asyncapi.json`, serialize(generateAsyncApi(schemas)));
process.stdout.write(`wrote ${Object.keys(schemas).length} schemas and asyncapi.json\n`);
