export type { DeadLetter } from './dead-letters';
export { BULLMQ_ENGINE_DEFAULTS } from './defaults';
export type { BullmqEngine } from './engine';
export { bullmqEngine } from './engine';
export type { BullmqEngineOptions, RetentionLimit } from './options';
