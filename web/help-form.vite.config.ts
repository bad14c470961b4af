import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

/**
 * The help form's script, built apart from the app: one small module the server-made help page
 * loads (/help-form/help.js), with the sealing code and nothing of React. Built after the app,
 * into a folder of its own inside its output.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompress()],
  build: {
    outDir: 'dist/help-form',
    emptyOutDir: true,
    sourcemap: false,
    lib: { entry: 'src/help-form/main.ts', formats: ['es'], fileName: () => 'help.js' },
    // One file: HPKE's fallback to Node's crypto (never reached in a browser) stays inside it.
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
  define: { 'process.env.NODE_ENV': '"production"' },
});
