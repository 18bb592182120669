// Shared by runner.html and frame.html: performs one fetch() exactly as a scenario's `request`
// describes it and reduces the outcome to plain, postable data.
'use strict';

// Generous per-fetch bound so a hung response fails one scenario, not the whole run.
const CORSCOPE_FETCH_TIMEOUT_MS = 15000;

async function corscopeFetch(request) {
  // Only options the scenario names are passed, so browser defaults stay browser defaults.
  const init = {};
  for (const key of ['method', 'headers', 'body', 'mode', 'credentials', 'redirect']) {
    if (request[key] !== undefined && request[key] !== null) init[key] = request[key];
  }
  const controller = new AbortController();
  init.signal = controller.signal;
  const timer = setTimeout(() => controller.abort(), CORSCOPE_FETCH_TIMEOUT_MS);
  const obs = {
    resolved: false, status: 0, responseType: '', readableHeaders: [], rejection: '', body: '',
  };
  try {
    // fetch() is async: a forbidden method or bad header name comes back as a rejection.
    const response = await fetch(request.url, init);
    obs.resolved = true;
    obs.status = response.status;
    obs.responseType = response.type;
    obs.readableHeaders = [...response.headers.keys()];
    try {
      obs.body = await response.text();
    } catch (e) {
      obs.bodyError = String(e);
    }
  } catch (e) {
    obs.rejection = String(e);
  } finally {
    clearTimeout(timer);
  }
  return obs;
}
