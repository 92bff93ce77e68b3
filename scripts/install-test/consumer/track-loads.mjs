// Preloaded into both consumers (`node --import ./track-loads.mjs`): records every module file the process
// loads, so the install test can prove a consumer never loads a `.ts` file or anything outside its project.
// It only observes: it changes no resolution.
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
port1.unref();
// Module hooks run on a thread of their own (Node 20 and 22): they post each URL they load to this port.
register('./load-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
const requireCache = createRequire(import.meta.url).cache;
const imported = new Set();

globalThis[Symbol.for('bothooks.install-test.loaded-files')] = () => {
  for (let next = receiveMessageOnPort(port1); next; next = receiveMessageOnPort(port1)) {
    imported.add(next.message.startsWith('file:') ? fileURLToPath(next.message) : next.message);
  }
  return [...new Set([...imported, ...Object.keys(requireCache)])].sort();
};
