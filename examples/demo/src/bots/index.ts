import { agentsBot } from './agents';
import { botbuilderBot } from './botbuilder';
import { discordBot } from './discordjs';
import { grammyBot } from './grammy';
import { slackBot } from './slack';
import { telegrafBot } from './telegraf';
import type { StartDemoBot } from './types';

export type { DemoBot, StartDemoBot } from './types';

/** The demo's bots, in the order they run: one file per framework, each the same little shop assistant. */
export const DEMO_BOTS: readonly StartDemoBot[] = [
  telegrafBot,
  grammyBot,
  botbuilderBot,
  agentsBot,
  discordBot,
  slackBot,
];
