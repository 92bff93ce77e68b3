export type { EventBody, MessageOptions, PayloadFactory } from './payloads';
export type { FakeSlack, FakeSlackOptions } from './server';
export { createFakeSlack } from './server';
export { encodeRequest, signRequest } from './signing';
export type { FakeChannel, FakeUser, StoredMessage } from './state';
export { FAKE_CHANNELS, FAKE_USER } from './state';
export type { ApiCall, HttpDelivery, ResponsePost, ScriptedFailure, SocketDelivery } from './types';
