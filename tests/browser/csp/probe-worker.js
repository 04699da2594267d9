// A worker served like the file worker (text/javascript, by nginx.conf): it
// runs under its own response's policy. It tries what that policy must
// refuse (eval, a request to another origin) and one thing it must allow (a
// request to its own origin), and reports each outcome.
onmessage = async ({ data: { other } }) => {
  const outcome = {};
  try {
    // Indirect eval, which the worker's CSP must refuse.
    outcome.eval = String((0, eval)('1 + 1'));
  } catch (error) {
    outcome.eval = error.name;
  }
  try {
    outcome.otherOrigin = (await fetch(other)).status;
  } catch (error) {
    outcome.otherOrigin = error.name;
  }
  try {
    outcome.sameOrigin = (await fetch(new URL('./index.html', self.location.href))).status;
  } catch (error) {
    outcome.sameOrigin = error.name;
  }
  postMessage(outcome);
};
