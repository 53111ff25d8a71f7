/**
 * `npm run webhook:receiver [-- --port 4000 --secret whsec_…]`: an example webhook receiver. It
 * verifies each delivery's Standard Webhooks signature, prints what it received and answers 204;
 * a bad signature gets 400. The defaults match the demo organization's endpoint. When the port is
 * taken (say, by a receiver already running) it says so and exits without an error, so the demo
 * launcher can start it without checking first.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { DEMO_RECEIVER_PORT, DEMO_WEBHOOK_SECRET } from '../lib/webhooks/demo-receiver';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEMO_RECEIVER_PORT) },
    secret: { type: 'string', default: DEMO_WEBHOOK_SECRET },
  },
});
const webhook = new Webhook(values.secret);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = request.headers['webhook-id'];
    try {
      // Throws unless one of the signatures is valid and the timestamp is within 5 minutes.
      const event = webhook.verify(body, request.headers as Record<string, string>) as { type: string; data: unknown };
      console.log(`${new Date().toISOString()}  ${id}  ${event.type}\n${JSON.stringify(event.data, null, 2)}\n`);
      response.writeHead(204).end();
    } catch (error) {
      console.log(`${new Date().toISOString()}  ${id}  refused: ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
});

server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.log(`Port ${values.port} is taken: not starting the example webhook receiver (is one running already?)`);
  process.exit(0);
});

server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`Receiving webhooks at http://127.0.0.1:${values.port}/webhooks (Ctrl+C to stop)`);
});
