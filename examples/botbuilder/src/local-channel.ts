import { createServer } from 'node:http';

/**
 * A stand-in for the Bot Framework channel, for trying the bot with curl: the bot POSTs its replies to the
 * `serviceUrl` of the activity it received; this prints them and answers with an id, as a channel would.
 */
const port = Number(process.env.CHANNEL_PORT ?? 3979);
let next = 0;

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    // An edit keeps the id of the message it changes; a new message gets a new one.
    const id =
      request.method === 'POST' ? `reply-${++next}` : decodeURIComponent(request.url?.split('/').pop() ?? '');
    const text = typeof body.text === 'string' ? ` "${body.text}"` : '';
    console.log(`${request.method} ${decodeURIComponent(request.url ?? '')} → ${id}${text}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.method === 'DELETE' ? undefined : JSON.stringify({ id }));
  });
}).listen(port, () => console.log(`Local channel on http://localhost:${port} — use it as the serviceUrl`));
