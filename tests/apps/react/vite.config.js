// React 19 with Vite, production build: nothing for the package.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir: process.env.IRIS_APP_OUT, emptyOutDir: true },
});
