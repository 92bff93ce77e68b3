export type { Behaviour, Receiver, ReceiverOptions, RecordedRequest } from './receiver';
export { createReceiver } from './receiver';
