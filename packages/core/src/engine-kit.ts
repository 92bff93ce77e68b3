// `@bothooks/core/engine`: what a delivery engine is built from. Bot developers never need it; engine authors
// (`@bothooks/bullmq`) use these pieces instead of copies, so every engine has the same semantics.
export { AbortHandle } from './abort-handle';
export type { AttemptContext, AttemptOutcome } from './attempt';
export { attemptDelivery, classifyResponse, webhookHeaders } from './attempt';
export type { CircuitBreakerSettings, CircuitBreakerSnapshot } from './circuit-breaker';
export { CircuitBreaker } from './circuit-breaker';
export type {
  DeliveryEndpoint,
  DeliveryEngine,
  EngineHost,
  EngineJob,
  EngineProblem,
  EngineSettings,
  JobReference,
} from './engine';
export { engineInUse } from './engine';
export { DeliveryError, errorInfo } from './errors';
export type { DropReason, ErrorInfo } from './events';
export { inlineEngine } from './inline-engine';
export { nextRetryDelay, parseRetryAfter } from './retry';
export { createPool, type PoolSettings } from './transport';
