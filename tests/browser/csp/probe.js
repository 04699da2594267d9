// Starts the probe worker and shows what it could and could not do.
const other = new URLSearchParams(window.location.search).get('other');
const worker = new Worker(new URL('./probe-worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => {
  document.getElementById('result').textContent = JSON.stringify(data);
  document.body.dataset.done = '';
};
worker.postMessage({ other });
