// The worker bundle's undici: only its Agent (see worker-build.ts), not the fetch, WebSocket and cache code.
module.exports = { Agent: require('undici/lib/dispatcher/agent.js') };
