// demo.js: the host side of the iframe embed, exactly as docs/embedding.md
// gives it: size each embed frame to the height its page reports. A classic
// script in <head>, so it listens before any frame exists (a module script
// would wait for the page's other modules and could miss the first report).

window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin || event.data?.type !== 'iris-classifier:resize') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${event.data.height}px`;
  }
});
