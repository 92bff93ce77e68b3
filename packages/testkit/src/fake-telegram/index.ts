export type { FakeTelegram, FakeTelegramOptions } from './server';
export { createFakeTelegram } from './server';
export type { StoredMessage } from './state';
export type {
  ApiCall,
  ApiFailure,
  ApiResponse,
  ScriptedFailure,
  UploadedFile,
  WebhookDelivery,
} from './types';
export type { MessageOptions, UpdateFactory } from './updates';
export { FAKE_CHATS, FAKE_USER } from './updates';
