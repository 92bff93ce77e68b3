// A webhook receiver in its own process, so that the sender being measured neither shares its event loop
// nor has the receiver's CPU time counted in its own process.cpuUsage().
import { createServer } from 'node:http';

const { delayMs = 0, hang = false, servers = 1 } = JSON.parse(process.argv[2] ?? '{}');
let received = 0;

function handle(request, response) {
  request.resume();
  request.on('end', () => {
    received += 1;
    if (hang) return;
    if (delayMs > 0) setTimeout(() => response.writeHead(204).end(), delayMs);
    else response.writeHead(204).end();
  });
}

const ports = [];
for (let index = 0; index < servers; index += 1) {
  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  server.maxRequestsPerSocket = 0;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push(server.address().port);
}
process.on('message', (message) => {
  if (message === 'count') process.send({ received });
});
process.on('disconnect', () => process.exit(0));
process.send({ ports });
