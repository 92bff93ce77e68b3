// The module hooks of track-loads.mjs: pass every load through unchanged, and say which URL it was.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
