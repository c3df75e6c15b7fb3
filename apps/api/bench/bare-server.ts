/**
 * The baseline of `pnpm bench`: a bare Fastify server, no plugins and no hooks, in a process of its own,
 * answering one small constant JSON object. Prints its URL on the first line of stdout.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/constant', () => ({ ok: true, service: 'indicate' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(url);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
