import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true },
  // `pnpm --filter @indicate/web dev` talks to an API started with `pnpm serve`.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
