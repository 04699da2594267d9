// demo.js: the host side of the iframe embed, exactly as docs/embedding.md gives it:
// size each embed frame to the height its page reports.

const EMBED = new URL('./embed.html', import.meta.url);

window.addEventListener('message', (event) => {
  if (event.origin !== EMBED.origin || event.data?.type !== 'iris-classifier:resize') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${event.data.height}px`;
  }
});
