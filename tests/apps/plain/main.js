// A developer's app: the JS API and the element, imported by package name.
// Built unchanged by Vite, webpack and esbuild (their configs beside this).
import init, { predict, explain } from 'iris-classifier';
import 'iris-classifier/widget';

const FLOWER = { sepalLength: 6.3, sepalWidth: 3.3, petalLength: 6.0, petalWidth: 2.5 };

const result = document.querySelector('#result');
init().then(
  () => {
    result.textContent = JSON.stringify({ predicted: predict(FLOWER), explained: explain(FLOWER) });
  },
  (error) => {
    result.textContent = JSON.stringify({ failed: String(error) });
  },
);
