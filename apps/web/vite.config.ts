import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // No source maps: they would publish the dashboard's whole source next to it (a test holds this).
  build: { outDir: 'dist', sourcemap: false },
  // `pnpm --filter @indicate/web dev` talks to an API started with `pnpm serve`.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
