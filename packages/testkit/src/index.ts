export type { AdapterContract, ContractBot, ContractOptions } from './adapter-contract';
export { adapterContract } from './adapter-contract';
export type { Behaviour, Receiver, ReceiverOptions, RecordedRequest } from './receiver';
export { createReceiver } from './receiver';
export type { RedisServerOptions } from './redis-server';
export { hasRedisServer, RedisServer } from './redis-server';
