import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'returns', environment: 'node' } });
