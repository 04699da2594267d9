// Vite, production build: no option for the package (its .wasm files are
// found through new URL(…, import.meta.url), which Vite emits by itself).
// IRIS_APP_OUT: where cargo xtask test package wants the build.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir: process.env.IRIS_APP_OUT, emptyOutDir: true },
});
