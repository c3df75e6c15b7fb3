import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// The dashboard's components in a simulated browser (happy-dom), tested as a person uses them: by their
// text, roles and accessible names (Testing Library).
export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
