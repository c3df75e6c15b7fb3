// The loader worker thread's entry: the project runs its TypeScript through tsx, which a worker thread
// does not inherit from a parent started any other way (vitest, for one), so it is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
