// Vue 3 with Vite, production build. The one line Vue needs for any custom
// element: tell its template compiler the tag is not a Vue component.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'iris-classifier' } } })],
  build: { outDir: process.env.IRIS_APP_OUT, emptyOutDir: true },
});
