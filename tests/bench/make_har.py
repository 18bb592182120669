#!/usr/bin/env python3
"""Writes a Chrome-shaped HAR of N entries for tests/bench/har_import.sh.

Entries look like what Chrome DevTools' "Save all as HAR" writes (tests/data/har/README.md):
HTTP/2 pseudo-headers first, ~20 request and ~20 response headers, _initiator, _priority,
_resourceType, timings with _blocked_queueing, and content with text for some responses. About
a third are cross-origin fetches; of those with a preflight, the OPTIONS entry is listed AFTER its
request and starts 2 ms later, as Chrome and Edge list them. Usage: make_har.py N OUT [--gzip]
"""
import datetime
import gzip
import json
import random
import sys

APP = "https://app.example"
APIS = ["https://api.example", "https://cdn.example", "https://auth.example"]
UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/156.0.0.0 Safari/537.36")


def headers(pairs):
    return [{"name": n, "value": v} for n, v in pairs]


def request_headers(method, url, origin, extra):
    authority = url.split("/")[2]
    path = "/" + url.split("/", 3)[3]
    pairs = [(":authority", authority), (":method", method), (":path", path), (":scheme", "https"),
             ("accept", "application/json, text/plain, */*"),
             ("accept-encoding", "gzip, deflate, br, zstd"),
             ("accept-language", "en-GB,en;q=0.9,de;q=0.8"), ("cache-control", "no-cache"),
             ("pragma", "no-cache"), ("priority", "u=1, i"), ("referer", APP + "/orders"),
             ("sec-ch-ua-mobile", "?0"), ("sec-fetch-dest", "empty"), ("user-agent", UA)]
    if origin:
        pairs += [("origin", origin), ("sec-fetch-mode", "cors"), ("sec-fetch-site", "same-site")]
    else:
        pairs += [("sec-fetch-mode", "same-origin"), ("sec-fetch-site", "same-origin")]
    return headers(pairs + extra)


def response_headers(extra, length):
    pairs = [("content-type", "application/json; charset=utf-8"), ("content-length", str(length)),
             ("date", "Mon, 07 Dec 2026 02:00:00 GMT"), ("server", "nginx/1.27.3"),
             ("cache-control", "private, max-age=0, must-revalidate"),
             ("etag", 'W/"%08x"' % random.getrandbits(32)), ("vary", "Origin, Accept-Encoding"),
             ("x-request-id", "%032x" % random.getrandbits(128)),
             ("strict-transport-security", "max-age=63072000; includeSubDomains; preload"),
             ("x-content-type-options", "nosniff"), ("x-frame-options", "DENY"),
             ("referrer-policy", "strict-origin-when-cross-origin"),
             ("x-envoy-upstream-service-time", str(random.randint(1, 90)))]
    return headers(pairs + extra)


def entry(started, method, url, origin, req_extra, status, resp_extra, body, resource, connection):
    text = body or ""
    return {
        "_connectionId": str(connection),
        "_initiator": {"type": "script", "url": APP + "/assets/app.js"},
        "_priority": "High",
        "_resourceType": resource,
        "cache": {},
        "connection": "443",
        "pageref": "page_1",
        "request": {"method": method, "url": url, "httpVersion": "http/2.0",
                    "headers": request_headers(method, url, origin, req_extra),
                    "queryString": [], "cookies": [], "headersSize": -1,
                    "bodySize": len(body) if method in ("POST", "PUT") and body else 0,
                    **({"postData": {"mimeType": "application/json", "text": body}}
                       if method in ("POST", "PUT") and body else {})},
        "response": {"status": status, "statusText": "", "httpVersion": "http/2.0",
                     "headers": response_headers(resp_extra, len(text)), "cookies": [],
                     "content": {"size": len(text), "mimeType": "application/json",
                                 **({"text": text} if method not in ("OPTIONS",) and text else {})},
                     "redirectURL": "", "headersSize": -1, "bodySize": len(text),
                     "_transferSize": len(text) + 400, "_error": None,
                     "_fetchedViaServiceWorker": False},
        "serverIPAddress": "192.0.2.%d" % random.randint(1, 254),
        "startedDateTime": started.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (started.microsecond // 1000),
        "time": 42.5,
        "timings": {"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1, "wait": 40.1,
                    "receive": 1.1, "_blocked_queueing": 0.9, "_workerStart": -1, "_workerReady": -1,
                    "_workerFetchStart": -1, "_workerRespondWithSettled": -1},
    }


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    random.seed(15)
    opener = gzip.open if "--gzip" in sys.argv[3:] else open
    t = datetime.datetime(2026, 12, 7, 2, 0, 0, tzinfo=datetime.timezone.utc)
    with opener(out, "wt", encoding="utf-8") as f:
        f.write('{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},'
                ' "pages": [{"startedDateTime": "2026-12-07T02:00:00.000Z", "id": "page_1",'
                ' "title": "https://app.example/orders", "pageTimings": {}}], "entries": [\n')
        written = 0
        while written < count:
            t += datetime.timedelta(milliseconds=random.randint(1, 40))
            kind = random.random()
            n = random.randint(1, 99999)
            body = None
            if random.random() < 0.15:
                body = json.dumps({"id": n, "items": [{"sku": "%06d" % (n + i), "qty": i} for i in range(6)]})
            items = []
            if kind < 0.66:
                url = "%s/api/orders/%d" % (APP, n)
                items.append(entry(t, "GET", url, None, [], 200, [], body, "fetch", n % 50))
            else:
                api = random.choice(APIS)
                url = "%s/v1/orders/%d" % (api, n)
                allowed = random.random() < 0.7
                acao = [("access-control-allow-origin", APP)] if allowed else []
                if kind < 0.83:
                    items.append(entry(t, "GET", url, APP, [], 200, acao, body, "fetch", n % 50))
                else:
                    method = random.choice(["PUT", "DELETE", "POST"])
                    extra = [("content-type", "application/json"), ("x-trace-id", "%016x" % n)]
                    items.append(entry(t, method, url, APP, extra, 200 if allowed else 403, acao, body,
                                       "fetch", n % 50))
                    # Chrome lists the preflight after its request, 2 ms later.
                    pre = t + datetime.timedelta(milliseconds=2)
                    allow = [("access-control-allow-origin", APP),
                             ("access-control-allow-methods", "GET, POST, PUT, DELETE"),
                             ("access-control-allow-headers", "content-type, x-trace-id"),
                             ("access-control-max-age", "600")] if allowed else []
                    items.append(entry(pre, "OPTIONS", url, APP,
                                       [("access-control-request-method", method),
                                        ("access-control-request-headers", "content-type,x-trace-id")],
                                       204, allow, None, "preflight", n % 50))
            for item in items[: count - written]:
                f.write((",\n" if written else "") + json.dumps(item, separators=(",", ":")))
                written += 1
        f.write("\n]}}\n")


if __name__ == "__main__":
    main()
