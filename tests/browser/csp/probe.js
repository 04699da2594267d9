// Starts the probe worker and shows what it could and could not do.
const other = new URLSearchParams(window.location.search).get('other');
// The page's CSP requires Trusted Types: the worker's URL comes from the one
// policy it allows (as the app's file view makes it).
const url = new URL('./probe-worker.js', import.meta.url).href;
const policy = window.trustedTypes.createPolicy('iris-worker', { createScriptURL: (u) => u });
const worker = new Worker(policy.createScriptURL(url), { type: 'module' });
worker.onmessage = ({ data }) => {
  document.getElementById('result').textContent = JSON.stringify(data);
  document.body.dataset.done = '';
};
worker.postMessage({ other });
