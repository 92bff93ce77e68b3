import { readFileSync } from 'node:fs';

// This file sits one level below the package root both as source (src/) and built (dist/, where every
// entry and chunk lands flat), so one relative URL finds the shipped files in either case.
const packageRoot = new URL('../', import.meta.url);

/** The directory of the inspector's page: plain HTML, CSS and JavaScript, served as they are. */
export const UI_DIRECTORY = new URL('ui/', packageRoot);

/** The version of @bothooks/cli, from its package.json. */
export const CLI_VERSION: string = (
  JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }
).version;
