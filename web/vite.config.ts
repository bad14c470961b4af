import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // The identification aid bundles data/ and the shared rule from src/, outside this folder.
  server: { proxy: { '/api': 'http://localhost:3000' }, fs: { allow: ['..'] } },
});
