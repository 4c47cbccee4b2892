import { createServer } from 'node:http';

/**
 * The floor of an HTTP lookup on this machine: another Node process that reads the request body and
 * answers a fixed body, doing nothing else. Usage: raw-http-server.child.ts <reply bytes>. Prints the
 * port it listens on.
 */
const replyBytes = Number(process.argv[2]);
if (!Number.isInteger(replyBytes) || replyBytes < 2) throw new Error('usage: raw-http-server.child.ts <reply bytes ≥ 2>');
const reply = Buffer.from(`"${'x'.repeat(replyBytes - 2)}"`);
const server = createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
    response.end(reply);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : -1);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
