// The baseline of `pnpm bench`: a bare Fastify server, no plugins and no hooks, in a process of its own,
// answering one small constant JSON object. Plain JavaScript run by node itself (no TypeScript loader), so
// the baseline carries nothing Indicate's server does not also carry. Prints its URL on stdout.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/constant', () => ({ ok: true, service: 'indicate' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(url);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
