// Shared by runner.html and frame.html: performs one fetch() exactly as a scenario's `request`
// describes it and reduces the outcome to plain, postable data.
'use strict';

// Generous per-fetch bound so a hung response fails one scenario, not the whole run.
const CORSCOPE_FETCH_TIMEOUT_MS = 15000;

// The kinds beyond fetch() (scenario field resourceType, DevTools' _resourceType words): each is
// made the way a page makes it, and reports whether it loaded (resolved) and whether the page could
// read what it loaded (readable): canvas pixels, unmuted script errors, cssRules, an XHR's body.
function corscopeObservation() {
  return {
    resolved: false, status: 0, responseType: '', readableHeaders: [], rejection: '', body: '',
    readable: false, readError: '',
  };
}

// Resolves with 'load' or 'error' from an element's own events, or 'timeout'.
function corscopeElementEvent(element, parent) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), CORSCOPE_FETCH_TIMEOUT_MS);
    element.onload = () => { clearTimeout(timer); resolve('load'); };
    element.onerror = () => { clearTimeout(timer); resolve('error'); };
    if (parent) parent.appendChild(element);
  });
}

function corscopeSetCrossOrigin(element, request) {
  if (request.crossorigin !== undefined && request.crossorigin !== null)
    element.setAttribute('crossorigin', request.crossorigin);
}

let corscopeFontCount = 0;

async function corscopeLoad(request) {
  const obs = corscopeObservation();
  const kind = request.resourceType;
  if (kind === 'xhr') {
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method || 'GET', request.url);
      // [xhr] withCredentials is what credentials "include" means for an XMLHttpRequest.
      xhr.withCredentials = request.credentials === 'include';
      xhr.timeout = CORSCOPE_FETCH_TIMEOUT_MS;
      for (const [name, value] of (request.headers || [])) xhr.setRequestHeader(name, value);
      xhr.onload = () => {
        obs.resolved = true;
        obs.status = xhr.status;
        obs.readable = true;
        const names = xhr.getAllResponseHeaders().trim().split(/\r?\n/)
          .filter((line) => line.includes(':'))
          .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase());
        obs.readableHeaders = [...new Set(names)].sort();
        obs.body = xhr.responseText;
        resolve();
      };
      xhr.onerror = () => { obs.rejection = 'error (status ' + xhr.status + ')'; resolve(); };
      xhr.ontimeout = () => { obs.rejection = 'timeout'; resolve(); };
      xhr.send(request.body === undefined ? null : request.body);
    });
    return obs;
  }
  if (kind === 'image') {
    const image = new Image();
    corscopeSetCrossOrigin(image, request);
    const event = corscopeElementEvent(image, null);
    image.src = request.url;
    const outcome = await event;
    if (outcome !== 'load') { obs.rejection = outcome; return obs; }
    obs.resolved = true;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    try {
      context.getImageData(0, 0, 1, 1);
      obs.readable = true;
    } catch (e) {
      obs.readError = e.name;
    }
    return obs;
  }
  if (kind === 'script' || kind === 'module') {
    // The probe scripts throw: what window.onerror gets says whether their errors are muted. The
    // event is cancelled, so the browser does not report the error to its console.
    let message = null;
    const onError = (e) => {
      if (!(e instanceof ErrorEvent)) return;
      message = e.message;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('error', onError, true);
    const script = document.createElement('script');
    if (kind === 'module') script.type = 'module';
    corscopeSetCrossOrigin(script, request);
    script.src = request.url;
    const outcome = await corscopeElementEvent(script, document.head);
    window.removeEventListener('error', onError, true);
    script.remove();
    if (outcome !== 'load') { obs.rejection = outcome; return obs; }
    obs.resolved = true;
    obs.readable = message !== null && message.includes('corscope-probe');
    obs.readError = message === null ? 'no error event' : message;
    return obs;
  }
  if (kind === 'stylesheet') {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    corscopeSetCrossOrigin(link, request);
    link.href = request.url;
    const outcome = await corscopeElementEvent(link, document.head);
    if (outcome === 'load') {
      obs.resolved = true;
      try {
        obs.readable = link.sheet.cssRules.length >= 0;
      } catch (e) {
        obs.readError = e.name;
      }
    } else {
      obs.rejection = outcome;
    }
    link.remove();
    return obs;
  }
  if (kind === 'font') {
    const face = new FontFace('corscope-font-' + (++corscopeFontCount), 'url("' + request.url + '")');
    try {
      await face.load();
      obs.resolved = true;
      obs.readable = true;
    } catch (e) {
      obs.rejection = String(e);
    }
    return obs;
  }
  if (kind === 'eventsource' && request.reconnect) {
    // Scenario field reconnect: the page keeps the source open while the server ends the stream
    // (which sets retry: and an id), so the browser reconnects with Last-Event-ID. Resolved means the
    // reconnection opened too; body lists the events in order (open, message, error/readyState).
    await new Promise((resolve) => {
      const source = new EventSource(request.url, {withCredentials: request.credentials === 'include'});
      const events = [];
      let opens = 0;
      const finish = () => { clearTimeout(timer); source.close(); obs.body = events.join(','); resolve(); };
      const timer = setTimeout(() => { obs.rejection = 'timeout (readyState ' + source.readyState + ')'; finish(); },
                               CORSCOPE_FETCH_TIMEOUT_MS);
      source.onopen = () => {
        events.push('open');
        if (++opens === 2) { obs.resolved = true; obs.readable = true; finish(); }
      };
      source.onmessage = () => events.push('message');
      source.onerror = () => {
        events.push('error/' + source.readyState);
        if (source.readyState === EventSource.CLOSED) {
          obs.rejection = (opens ? 'open, then ' : '') + 'error (readyState 2)';
          finish();
        }
      };
    });
    return obs;
  }
  if (kind === 'eventsource') {
    // Closed as soon as it opens, so that the server's closing the connection starts no
    // reconnection (which would put a second request on the wire).
    await new Promise((resolve) => {
      const source = new EventSource(request.url, {withCredentials: request.credentials === 'include'});
      const timer = setTimeout(() => { source.close(); obs.rejection = 'timeout'; resolve(); },
                               CORSCOPE_FETCH_TIMEOUT_MS);
      source.onopen = () => {
        clearTimeout(timer);
        source.close();
        obs.resolved = true;
        obs.readable = true;
        resolve();
      };
      source.onerror = () => {
        clearTimeout(timer);
        obs.rejection = 'error (readyState ' + source.readyState + ')';
        source.close();
        resolve();
      };
    });
    return obs;
  }
  if (kind === 'worker') {
    // new Worker() runs in a task of its own, so that Chromium's SecurityError goes uncaught and
    // reaches the console as on a page that does not wrap it in try; the window's error event
    // reports it here. A worker that started posts 'corscope-probe'.
    await new Promise((resolve) => {
      const timer = setTimeout(() => { obs.rejection = 'timeout'; resolve(); }, CORSCOPE_FETCH_TIMEOUT_MS);
      const onThrown = (e) => {
        if (!(e instanceof ErrorEvent) || !String(e.message).includes("'Worker'")) return;
        window.removeEventListener('error', onThrown, true);
        clearTimeout(timer);
        obs.rejection = e.message;
        resolve();
      };
      window.addEventListener('error', onThrown, true);
      setTimeout(() => {
        const worker = new Worker(request.url, request.workerType === 'module' ? {type: 'module'} : undefined);
        window.removeEventListener('error', onThrown, true);
        worker.onmessage = (m) => {
          clearTimeout(timer);
          worker.terminate();
          obs.resolved = true;
          obs.readable = m.data === 'corscope-probe';
          resolve();
        };
        worker.onerror = (e) => {
          clearTimeout(timer);
          worker.terminate();
          e.preventDefault();
          obs.rejection = 'error event' + (e.message ? ': ' + e.message : '');
          resolve();
        };
      }, 0);
    });
    return obs;
  }
  if (kind === 'websocket') {
    // [websockets] the constructor takes http(s):// as ws(s)://; written as ws:// here, as pages do.
    // Opened is 'resolved'; 'readable' means the page read the server's first message and got its
    // own message echoed back (the scenario server echoes), so it can both read and send.
    await new Promise((resolve) => {
      const socket = new WebSocket(request.url.replace(/^http/, 'ws'));
      const received = [];
      let settled = false;
      const settle = () => { if (!settled) { settled = true; clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => { obs.rejection = 'timeout'; socket.close(); settle(); },
                               CORSCOPE_FETCH_TIMEOUT_MS);
      socket.onopen = () => { obs.resolved = true; socket.send('corscope-ping'); };
      socket.onmessage = (e) => {
        received.push(String(e.data));
        obs.body = received.join('|');
        if (received.includes('corscope-probe') && received.includes('corscope-ping')) {
          obs.readable = true;
          socket.close(1000);
        }
      };
      socket.onerror = () => { if (!obs.resolved) obs.rejection = 'error'; };
      socket.onclose = (e) => {
        if (!obs.resolved) obs.rejection = 'error, then close (code ' + e.code + ')';
        settle();
      };
    });
    return obs;
  }
  obs.rejection = 'unknown resourceType: ' + kind;
  return obs;
}

// Scenario field context "worker": the request is made inside a dedicated worker of the page's
// origin (a blob: worker, whose origin is the page's) — fetch() as fetch(), resourceType script as
// importScripts(url). The probe script sets self.corscopeRan before it throws, so that "ran" and
// "its error was muted" are told apart.
async function corscopeInWorker(request) {
  const inner = Object.assign({}, request);
  delete inner.context;
  const source = 'importScripts(' + JSON.stringify(location.origin + '/__harness/harness.js') + ');\n' +
    'onmessage = async (m) => postMessage(await corscopeWorkerRun(m.data));';
  const worker = new Worker(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
  const obs = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(Object.assign(corscopeObservation(), {rejection: 'timeout'})),
                             CORSCOPE_FETCH_TIMEOUT_MS + 1000);
    worker.onmessage = (m) => { clearTimeout(timer); resolve(m.data); };
    worker.onerror = (e) => {
      clearTimeout(timer);
      e.preventDefault();
      resolve(Object.assign(corscopeObservation(), {rejection: 'worker error: ' + e.message}));
    };
    worker.postMessage(inner);
  });
  worker.terminate();
  return obs;
}

async function corscopeWorkerRun(request) {
  if (request.resourceType !== 'script')
    return corscopeFetch(request);
  const obs = corscopeObservation();
  self.corscopeRan = false;
  try {
    importScripts(request.url);
    obs.readError = 'no exception';
  } catch (e) {
    obs.readError = String(e && e.message);
    obs.readable = obs.readError.includes('corscope-probe');
    if (!self.corscopeRan) obs.rejection = String(e);
  }
  obs.resolved = self.corscopeRan === true;
  return obs;
}

async function corscopeFetch(request) {
  if (request.context === 'worker')
    return corscopeInWorker(request);
  if (request.resourceType !== undefined && request.resourceType !== 'fetch')
    return corscopeLoad(request);
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
