import { delimiter } from 'node:path';
import { binDirectory, type NodeBinary } from './node-binaries';

// What `npm run` and tsx put in the environment about the workspace: a child npm that saw
// npm_config_local_prefix would install into the workspace, and NODE_OPTIONS could carry the source condition.
const WORKSPACE_VARIABLES = new Set([
  'INIT_CWD',
  'NODE',
  'NODE_OPTIONS',
  'NODE_PATH',
  'npm_command',
  'npm_execpath',
  'npm_node_execpath',
  'npm_config_local_prefix',
  'npm_config_user_agent',
  'npm_config_npm_version',
  'npm_config_node_gyp',
]);

/**
 * The environment of everything run in a consumer project: this one's, without the workspace's traces, with
 * the Node binary first on PATH (so `npm`, `npx` and every bin run on it), npm building native addons against
 * its headers, and npx never installing anything (the bin must come from the project).
 */
export function projectEnvironment(
  node: NodeBinary,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (WORKSPACE_VARIABLES.has(name) || /^npm_(package|lifecycle)_/.test(name)) continue;
    env[name] = value;
  }
  env.PATH = [binDirectory(node), base.PATH].filter(Boolean).join(delimiter);
  if (node.headers) env.npm_config_nodedir = node.headers;
  env.npm_config_yes = 'false';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  // Plain output, so that checks read text rather than colour codes.
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  return env;
}
