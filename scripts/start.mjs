// `npm start`: install what is missing, build the dashboard, then serve API and dashboard on one port.
// PORT (default 3000) and DB_PATH (default .var/indicate.sqlite) come from the environment.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWeb, ensureDependencies, ensurePnpm, main, ROOT } from './setup.mjs';

main([ensurePnpm, ensureDependencies, buildWeb]);

// One Node process (TypeScript through tsx's loader), so signals reach the server itself.
const api = path.join(ROOT, 'apps', 'api');
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: api, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
