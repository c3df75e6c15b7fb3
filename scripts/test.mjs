// `npm test`: install what is missing (Chromium included), build the dashboard the browser tests use,
// then run every check: types, lint, formatting and all tests.
import { buildWeb, ensureChromium, ensureDependencies, ensurePnpm, main, run } from './setup.mjs';

main([
  ensurePnpm,
  ensureDependencies,
  ensureChromium,
  buildWeb,
  () => run('pnpm', ['audit:deps']),
  () => run('pnpm', ['validate']),
]);
