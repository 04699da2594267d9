// webpack 5, production build: no rule for the package (webpack turns
// new URL('./x.wasm', import.meta.url) into an emitted asset by itself).
// IRIS_APP_OUT: where cargo xtask test package wants the build; the page
// (index.html) is copied beside it by the harness.
import path from 'node:path';

export default {
  mode: 'production',
  context: import.meta.dirname,
  entry: './main.js',
  output: { path: path.resolve(process.env.IRIS_APP_OUT), filename: 'main.js', clean: true },
  stats: 'errors-warnings',
};
