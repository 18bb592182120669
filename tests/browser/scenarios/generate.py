#!/usr/bin/env python3
"""Writes the browser-differential scenarios, one JSON file each (format: resources/scenarios/FORMAT.md).

The scenarios carry no expected outcome: the real browsers are the ground truth, and
tests/browser/tst_browserdifferential compares the evaluator with what they did.
Run it after editing; the JSON files are committed so that tests and `corscope-cli explain`
read them directly.
"""
import json
import os
import sys

P, A, B = "http://page.test", "http://api.test", "http://api2.test"
OUT = os.path.dirname(os.path.abspath(__file__))
scenarios = []


def add(name, title, request, responses, fetches=None):
    request = dict(request)
    request.setdefault("url", A + "/r")
    request.setdefault("origin", P)
    s = {"name": name, "title": title, "request": request, "responses": responses}
    if fetches is not None:
        s["fetches"] = fetches
    scenarios.append(s)


def r(method, url, status=200, headers=None, body=None):
    d = {"method": method, "url": url, "status": status, "headers": headers or []}
    if body is not None:
        d["body"] = body
    return d


ACAO_P = ["Access-Control-Allow-Origin", P]
ACAO_STAR = ["Access-Control-Allow-Origin", "*"]
ACAO_ECHO = ["Access-Control-Allow-Origin", "{origin}"]
ACAC = ["Access-Control-Allow-Credentials", "true"]


def simple(name, title, acao_headers, request=None, extra=None):
    add(name, title, request or {}, [r("*", A + "/r", 200, acao_headers + (extra or []), "ok")])


def preflighted(name, title, request, preflight_headers, actual_headers=None, preflight_status=204, fetches=None,
                actual_status=200):
    actual_headers = [ACAO_P] if actual_headers is None else actual_headers
    add(name, title, request, [r("OPTIONS", A + "/r", preflight_status, preflight_headers),
                               r("*", A + "/r", actual_status, actual_headers, "ok")], fetches)


# --- The Access-Control-Allow-Origin check on simple requests -------------------------------
simple("simple-get-acao-star", "GET, ACAO *", [ACAO_STAR])
simple("simple-get-acao-origin", "GET, ACAO echoes the origin", [ACAO_P])
simple("simple-get-no-acao", "GET without ACAO", [])
simple("simple-get-acao-other-origin", "ACAO names another origin", [["Access-Control-Allow-Origin", "http://other.example"]])
simple("acao-trailing-slash", "ACAO with a trailing slash", [["Access-Control-Allow-Origin", P + "/"]])
simple("acao-with-path", "ACAO with a path", [["Access-Control-Allow-Origin", P + "/app"]])
simple("acao-uppercase-scheme", "ACAO with an upper-case scheme", [["Access-Control-Allow-Origin", "HTTP://page.test"]])
simple("acao-null-string", "ACAO null for a real origin", [["Access-Control-Allow-Origin", "null"]])
simple("acao-empty", "ACAO empty", [["Access-Control-Allow-Origin", ""]])
simple("acao-star-padded", "ACAO ' * ' with spaces", [["Access-Control-Allow-Origin", "  *  "]])
simple("acao-origin-padded", "ACAO origin with spaces", [["Access-Control-Allow-Origin", "  " + P + "  "]])
simple("acao-list-one-line", "ACAO '*, origin' on one line", [["Access-Control-Allow-Origin", "*, " + P]])
simple("acao-two-origins-one-line", "ACAO two origins on one line", [["Access-Control-Allow-Origin", P + ", http://other.example"]])
simple("acao-space-separated", "ACAO two origins separated by a space", [["Access-Control-Allow-Origin", P + " http://other.example"]])
simple("acao-two-lines-same-origin", "Two ACAO lines, both the origin", [ACAO_P, ACAO_P])
simple("acao-two-lines-star", "Two ACAO lines, both *", [ACAO_STAR, ACAO_STAR])
simple("acao-two-lines-star-origin", "Two ACAO lines, * and the origin", [ACAO_STAR, ACAO_P])
simple("acao-double-star", "ACAO **", [["Access-Control-Allow-Origin", "**"]])
simple("acao-quoted-star", "ACAO \"*\"", [["Access-Control-Allow-Origin", "\"*\""]])
simple("acao-wildcard-subdomain", "ACAO *.page.test", [["Access-Control-Allow-Origin", "*.page.test"]])
simple("acao-not-a-url", "ACAO garbage", [["Access-Control-Allow-Origin", "not a url"]])
simple("acao-host-only", "ACAO without scheme", [["Access-Control-Allow-Origin", "page.test"]])
simple("simple-head-acao-star", "HEAD, ACAO *", [ACAO_STAR], {"method": "HEAD"})
simple("simple-post-text-plain", "POST text body, ACAO *", [ACAO_STAR], {"method": "POST", "body": "hello"})
simple("simple-post-form-urlencoded", "POST form-urlencoded", [ACAO_STAR],
       {"method": "POST", "body": "a=1", "headers": [["Content-Type", "application/x-www-form-urlencoded"]]})
simple("simple-post-multipart", "POST multipart/form-data", [ACAO_STAR],
       {"method": "POST", "body": "x", "headers": [["Content-Type", "multipart/form-data; boundary=xyz"]]})
simple("simple-content-type-mixed-case", "Content-Type Text/Plain;charset=utf-8", [ACAO_STAR],
       {"method": "POST", "body": "x", "headers": [["Content-Type", "Text/Plain;charset=utf-8"]]})
simple("simple-post-no-acao", "POST without ACAO: the request is sent, the response blocked", [],
       {"method": "POST", "body": "x"})
simple("simple-lowercase-get", "method 'get' is normalised", [ACAO_STAR], {"method": "get"})
simple("simple-lowercase-post", "method 'post' is normalised", [ACAO_STAR], {"method": "post", "body": "x"})
add("status-500-with-acao", "500 with ACAO resolves", {}, [r("*", A + "/r", 500, [ACAO_STAR], "boom")])
add("status-404-no-acao", "404 without ACAO is a CORS failure", {}, [r("*", A + "/r", 404, [], "nope")])

# --- Which request headers trigger a preflight ------------------------------------------------
NO_PF_ALLOW = [ACAO_P]  # a preflight that allows nothing beyond the origin
for name, title, headers in [
    ("safelisted-accept-json", "Accept: application/json", [["Accept", "application/json"]]),
    ("safelisted-languages", "Accept-Language and Content-Language", [["Accept-Language", "fr-CH, fr;q=0.9"], ["Content-Language", "de-DE"]]),
    ("unsafe-accept-quote", "Accept with a double quote", [["Accept", "text/\"x\""]]),
    ("unsafe-accept-129-bytes", "Accept longer than 128 bytes", [["Accept", "a" * 129]]),
    ("safe-accept-128-bytes", "Accept of exactly 128 bytes", [["Accept", "a" * 128]]),
    ("unsafe-accept-language-at", "Accept-Language with @", [["Accept-Language", "en@x"]]),
    ("unsafe-content-language-paren", "Content-Language with (", [["Content-Language", "de(x)"]]),
    ("unsafe-content-type-json", "Content-Type application/json", [["Content-Type", "application/json"]]),
    ("unsafe-content-type-text-html", "Content-Type text/html", [["Content-Type", "text/html"]]),
    ("unsafe-content-type-space-in-type", "Content-Type 'text /plain'", [["Content-Type", "text /plain"]]),
    ("unsafe-content-type-two-types", "Content-Type 'text/plain,text/html'", [["Content-Type", "text/plain,text/html"]]),
    ("safe-content-type-trailing-semicolon", "Content-Type 'text/plain;'", [["Content-Type", "text/plain;"]]),
    ("safe-content-type-garbage-param", "Content-Type 'text/plain;garbage'", [["Content-Type", "text/plain;garbage"]]),
    ("unsafe-content-type-long-param", "Content-Type over 128 bytes", [["Content-Type", "text/plain; x=" + "y" * 120]]),
    ("range-bytes-start-end", "Range bytes=0-10", [["Range", "bytes=0-10"]]),
    ("range-bytes-open-end", "Range bytes=100-", [["Range", "bytes=100-"]]),
    ("range-suffix", "Range bytes=-500 (suffix)", [["Range", "bytes=-500"]]),
    ("range-reversed", "Range bytes=10-5", [["Range", "bytes=10-5"]]),
    ("range-two-ranges", "Range with two ranges", [["Range", "bytes=0-1,5-6"]]),
    ("range-space", "Range 'bytes= 0-10'", [["Range", "bytes= 0-10"]]),
    ("custom-header-x-trace", "a custom header X-Trace", [["X-Trace", "1"]]),
    ("client-hint-dpr", "DPR: 2", [["DPR", "2"]]),
    ("client-hint-save-data", "Save-Data: on", [["Save-Data", "on"]]),
    ("client-hint-width", "Width: 100", [["Width", "100"]]),
    ("client-hint-viewport-width", "Viewport-Width: 800", [["Viewport-Width", "800"]]),
    ("client-hint-device-memory", "Device-Memory: 8", [["Device-Memory", "8"]]),
    ("last-event-id", "Last-Event-ID: 1", [["Last-Event-ID", "1"]]),
    ("forbidden-cookie-dropped", "the page sets Cookie", [["Cookie", "a=1"]]),
    ("forbidden-sec-header-dropped", "the page sets Sec-Foo", [["Sec-Foo", "1"]]),
    ("forbidden-proxy-header-dropped", "the page sets Proxy-Foo", [["Proxy-Foo", "1"]]),
    ("forbidden-origin-dropped", "the page sets Origin", [["Origin", "http://evil.example"]]),
    ("forbidden-referer-dropped", "the page sets Referer", [["Referer", "http://evil.example/"]]),
    ("forbidden-method-override-trace", "X-HTTP-Method-Override: TRACE is dropped", [["X-HTTP-Method-Override", "TRACE"]]),
    ("method-override-put", "X-HTTP-Method-Override: PUT is a custom header", [["X-HTTP-Method-Override", "PUT"]]),
    ("forbidden-dnt-dropped", "the page sets DNT", [["DNT", "1"]]),
]:
    # The preflight allows no headers, so a preflighted request fails and a simple one passes:
    # the outcome shows which side of the safelist the header fell on.
    preflighted("trigger-" + name, title, {"headers": headers}, [ACAO_P, ["Access-Control-Allow-Methods", "GET"]],
                [ACAO_P])

preflighted("trigger-content-type-json-allowed", "Content-Type application/json allowed by ACAH",
            {"method": "POST", "body": "{}", "headers": [["Content-Type", "application/json"]]},
            [ACAO_P, ["Access-Control-Allow-Headers", "Content-Type"]])
preflighted("acrh-sorted-lowercase", "ACRH is lower-case, sorted, comma-joined",
            {"headers": [["X-B", "1"], ["x-a", "1"], ["Content-Type", "application/json"], ["X-C", "1"]]},
            [ACAO_P, ["Access-Control-Allow-Headers", "x-a, x-b, x-c, content-type"]])
preflighted("acrh-duplicate-header", "A header appended twice is named once",
            {"headers": [["X-A", "1"], ["X-A", "2"]]}, [ACAO_P, ["Access-Control-Allow-Headers", "x-a"]])
preflighted("acrh-omits-safelisted", "Safelisted headers stay out of ACRH",
            {"method": "PUT", "headers": [["Accept", "text/plain"], ["X-A", "1"]]},
            [ACAO_P, ["Access-Control-Allow-Methods", "PUT"], ["Access-Control-Allow-Headers", "x-a"]])

# --- Methods ------------------------------------------------------------------------------------
def pf(methods=None, headers=None, extra=None, acao=True):
    h = [ACAO_P] if acao else []
    if methods is not None:
        h.append(["Access-Control-Allow-Methods", methods])
    if headers is not None:
        h.append(["Access-Control-Allow-Headers", headers])
    return h + (extra or [])

preflighted("method-put-allowed", "PUT allowed", {"method": "PUT"}, pf("PUT"))
preflighted("method-put-no-acam", "PUT without ACAM", {"method": "PUT"}, pf())
preflighted("method-put-acam-lowercase", "PUT with ACAM 'put'", {"method": "PUT"}, pf("put"))
preflighted("method-lowercase-put-normalised", "method 'put' is normalised to PUT", {"method": "put"}, pf("PUT"))
preflighted("method-patch-lowercase-vs-acam-upper", "method 'patch' stays lower-case; ACAM PATCH", {"method": "patch"}, pf("PATCH"))
preflighted("method-patch-lowercase-vs-acam-lower", "method 'patch' with ACAM patch", {"method": "patch"}, pf("patch"))
preflighted("method-patch-allowed", "PATCH allowed", {"method": "PATCH"}, pf("PATCH"))
preflighted("method-delete-in-list", "DELETE in a list", {"method": "DELETE"}, pf("GET, POST, DELETE"))
preflighted("method-custom-foo", "custom method FOO", {"method": "FOO"}, pf("FOO"))
preflighted("method-options-actual", "method OPTIONS is preflighted", {"method": "OPTIONS"}, pf("OPTIONS"))
preflighted("method-acam-star", "ACAM * without credentials", {"method": "PUT"}, pf("*"))
preflighted("method-acam-star-credentials", "ACAM * with credentials", {"method": "PUT", "credentials": "include"},
            pf("*", extra=[ACAC]), [ACAO_P, ACAC])
preflighted("method-acam-star-and-put-credentials", "ACAM '*, PUT' with credentials",
            {"method": "PUT", "credentials": "include"}, pf("*, PUT", extra=[ACAC]), [ACAO_P, ACAC])
preflighted("method-acam-invalid-space", "ACAM 'PUT DELETE' cannot be parsed", {"method": "PUT"}, pf("PUT DELETE"))
preflighted("method-acam-invalid-for-get", "unparsable ACAM on a GET preflight", {"headers": [["X-A", "1"]]},
            pf("GET POST", "x-a"))
preflighted("method-acam-empty-items", "ACAM 'PUT,,DELETE'", {"method": "DELETE"}, pf("PUT,,DELETE"))
preflighted("method-acam-whitespace", "ACAM with spaces around items", {"method": "DELETE"}, pf("  PUT ,\tDELETE  "))
preflighted("method-acam-two-lines", "ACAM split over two lines", {"method": "PUT"},
            [ACAO_P, ["Access-Control-Allow-Methods", "GET"], ["Access-Control-Allow-Methods", "PUT"]])
preflighted("method-acam-empty", "ACAM empty", {"method": "PUT"}, pf(""))
preflighted("method-post-custom-header-no-acam", "POST + custom header, no ACAM",
            {"method": "POST", "body": "x", "headers": [["X-A", "1"]]}, pf(None, "x-a"))
preflighted("method-head-custom-header", "HEAD + custom header", {"method": "HEAD", "headers": [["X-A", "1"]]},
            pf(None, "x-a"))
preflighted("method-get-acam-lowercase-get", "GET + header, ACAM 'get'", {"headers": [["X-A", "1"]]}, pf("get", "x-a"))
add("method-trace-forbidden", "TRACE is forbidden", {"method": "TRACE"}, [r("*", A + "/r", 200, [ACAO_STAR])])
add("method-connect-forbidden", "CONNECT is forbidden", {"method": "CONNECT"}, [r("*", A + "/r", 200, [ACAO_STAR])])
add("method-track-lowercase-forbidden", "track is forbidden", {"method": "track"}, [r("*", A + "/r", 200, [ACAO_STAR])])
add("method-invalid-token", "a method with a space", {"method": "GE T"}, [r("*", A + "/r", 200, [ACAO_STAR])])
add("get-with-body", "GET with a body", {"body": "x"}, [r("*", A + "/r", 200, [ACAO_STAR])])

# --- Request headers against Access-Control-Allow-Headers --------------------------------------------
H = {"headers": [["X-A", "1"]]}
preflighted("headers-allowed-case-insensitive", "ACAH X-A for x-a", H, pf(None, "X-A"))
preflighted("headers-missing-acah", "custom header, no ACAH", H, pf())
preflighted("headers-acah-other", "ACAH names another header", H, pf(None, "x-b"))
preflighted("headers-two-one-missing", "two headers, one not allowed", {"headers": [["X-A", "1"], ["X-B", "1"]]}, pf(None, "x-b"))
preflighted("headers-acah-star", "ACAH * without credentials", H, pf(None, "*"))
preflighted("headers-acah-star-credentials", "ACAH * with credentials", dict(H, credentials="include"),
            pf(None, "*", [ACAC]), [ACAO_P, ACAC])
preflighted("headers-acah-star-and-name-credentials", "ACAH '*, x-a' with credentials", dict(H, credentials="include"),
            pf(None, "*, x-a", [ACAC]), [ACAO_P, ACAC])
preflighted("headers-authorization-listed", "Authorization listed in ACAH", {"headers": [["Authorization", "Bearer t"]]},
            pf(None, "authorization"))
preflighted("headers-authorization-wildcard", "Authorization with ACAH *", {"headers": [["Authorization", "Bearer t"]]},
            pf(None, "*"))
preflighted("headers-authorization-wildcard-and-name", "Authorization with ACAH '*, Authorization'",
            {"headers": [["Authorization", "Bearer t"]]}, pf(None, "*, Authorization"))
preflighted("headers-authorization-and-custom-wildcard", "Authorization + X-A with ACAH *",
            {"headers": [["Authorization", "Bearer t"], ["X-A", "1"]]}, pf(None, "*"))
preflighted("headers-acah-invalid-token", "ACAH 'x-a, bad header'", H, pf(None, "x-a, bad header"))
preflighted("headers-acah-invalid-unused", "unparsable ACAH on a PUT without headers", {"method": "PUT"},
            pf("PUT", "bad header"))
preflighted("headers-acah-empty-items", "ACAH ',,x-a,,'", H, pf(None, ",,x-a,,"))
preflighted("headers-acah-two-lines", "ACAH split over two lines", {"headers": [["X-A", "1"], ["X-B", "1"]]},
            [ACAO_P, ["Access-Control-Allow-Headers", "x-a"], ["Access-Control-Allow-Headers", "x-b"]])
preflighted("headers-invalid-methods-and-headers", "ACAM and ACAH both unparsable, method missing",
            {"method": "PUT", "headers": [["X-A", "1"]]}, pf("GET POST", "x a"))
preflighted("headers-method-missing-and-acah-invalid", "method not allowed and ACAH unparsable",
            {"method": "PUT", "headers": [["X-A", "1"]]}, pf("DELETE", "x a"))

# --- The preflight response ---------------------------------------------------------------------------------
for status in (200, 201, 204, 206, 299):
    preflighted("preflight-status-%d" % status, "preflight answered %d" % status, {"method": "PUT"}, pf("PUT"),
                preflight_status=status)
for status in (400, 401, 403, 404, 405, 500, 503):
    preflighted("preflight-status-%d-with-acao" % status, "preflight answered %d with CORS headers" % status,
                {"method": "PUT"}, pf("PUT"), preflight_status=status)
for status in (401, 404, 405):
    preflighted("preflight-status-%d-no-acao" % status, "preflight answered %d without CORS headers" % status,
                {"method": "PUT"}, [], preflight_status=status)
for status in (301, 302, 303, 307, 308):
    preflighted("preflight-redirect-%d" % status, "preflight redirected with %d" % status, {"method": "PUT"},
                pf("PUT", extra=[["Location", A + "/elsewhere"]]), preflight_status=status)
preflighted("preflight-redirect-302-no-acao", "preflight redirected, no CORS headers", {"method": "PUT"},
            [["Location", A + "/elsewhere"]], preflight_status=302)
preflighted("preflight-300-no-location", "preflight answered 300 without Location", {"method": "PUT"}, pf("PUT"),
            preflight_status=300)
preflighted("preflight-no-acao", "preflight without ACAO", {"method": "PUT"}, pf("PUT", acao=False))
preflighted("preflight-acao-mismatch", "preflight ACAO for another origin", {"method": "PUT"},
            [["Access-Control-Allow-Origin", "http://other.example"], ["Access-Control-Allow-Methods", "PUT"]])
preflighted("preflight-acao-star", "preflight ACAO *", {"method": "PUT"},
            [ACAO_STAR, ["Access-Control-Allow-Methods", "PUT"]], [ACAO_STAR])
preflighted("preflight-acao-star-credentials", "preflight ACAO * with credentials", {"method": "PUT", "credentials": "include"},
            [ACAO_STAR, ["Access-Control-Allow-Methods", "PUT"], ACAC], [ACAO_P, ACAC])
preflighted("preflight-two-acao-lines", "preflight with two ACAO lines", {"method": "PUT"},
            [ACAO_P, ACAO_P, ["Access-Control-Allow-Methods", "PUT"]])
preflighted("preflight-credentials-no-acac", "credentialed preflight without ACAC", {"method": "PUT", "credentials": "include"},
            pf("PUT"), [ACAO_P, ACAC])
preflighted("preflight-credentials-acac-on-preflight-only", "ACAC on the preflight only",
            {"method": "PUT", "credentials": "include"}, pf("PUT", extra=[ACAC]), [ACAO_P])
preflighted("preflight-credentials-full", "credentialed PUT, everything right", {"method": "PUT", "credentials": "include"},
            pf("PUT", extra=[ACAC]), [ACAO_P, ACAC])
preflighted("preflight-ok-actual-no-acao", "preflight passes, response has no ACAO", {"method": "PUT"}, pf("PUT"), [])
preflighted("preflight-ok-actual-mismatch", "preflight passes, response ACAO for another origin", {"method": "PUT"},
            pf("PUT"), [["Access-Control-Allow-Origin", "http://other.example"]])
preflighted("preflight-ok-actual-500", "preflight passes, response 500 with ACAO", {"method": "PUT"}, pf("PUT"),
            [ACAO_P], actual_status=500)
preflighted("preflight-echo-origin", "server reflects the Origin", {"method": "PUT"},
            [ACAO_ECHO, ["Access-Control-Allow-Methods", "PUT"]], [ACAO_ECHO])

# --- Credentials on simple requests ------------------------------------------------------------------------------
C = {"credentials": "include"}
simple("credentials-acao-star", "credentials with ACAO *", [ACAO_STAR], C)
simple("credentials-no-acac", "credentials without ACAC", [ACAO_P], C)
simple("credentials-full", "credentials with ACAO origin and ACAC true", [ACAO_P, ACAC], C)
for label, value in [("upper", "TRUE"), ("title", "True"), ("quoted", "\"true\""), ("false", "false"), ("one", "1"),
                     ("padded", "  true  "), ("empty", "")]:
    simple("credentials-acac-" + label, "ACAC '%s'" % value, [ACAO_P, ["Access-Control-Allow-Credentials", value]], C)
simple("credentials-two-acac-lines", "two ACAC true lines", [ACAO_P, ACAC, ACAC], C)
simple("credentials-omit-acao-star", "credentials omit with ACAO *", [ACAO_STAR], {"credentials": "omit"})
simple("credentials-omit-acac-ignored", "credentials omit, ACAC false is ignored",
       [ACAO_P, ["Access-Control-Allow-Credentials", "false"]], {"credentials": "omit"})
simple("credentials-two-acao-lines", "credentials with two ACAO lines", [ACAO_P, ACAO_P, ACAC], C)
simple("credentials-acao-mismatch", "credentials with ACAO for another origin",
       [["Access-Control-Allow-Origin", "http://other.example"], ACAC], C)

# --- Response headers the page can read --------------------------------------------------------------------
BASE = [ACAO_STAR, ["Content-Type", "text/plain"], ["X-Custom", "1"], ["X-Other", "2"], ["Server", "test"]]
simple("expose-none", "no ACEH: only safelisted headers", BASE)
simple("expose-one", "ACEH X-Custom", BASE + [["Access-Control-Expose-Headers", "X-Custom"]])
simple("expose-lowercase", "ACEH x-custom", BASE + [["Access-Control-Expose-Headers", "x-custom"]])
simple("expose-star", "ACEH * without credentials", BASE + [["Access-Control-Expose-Headers", "*"]])
simple("expose-star-credentials", "ACEH * with credentials",
       [ACAO_P, ACAC, ["Content-Type", "text/plain"], ["X-Custom", "1"], ["Access-Control-Expose-Headers", "*"]], C)
simple("expose-star-and-name-credentials", "ACEH '*, X-Custom' with credentials",
       [ACAO_P, ACAC, ["X-Custom", "1"], ["X-Other", "2"], ["Access-Control-Expose-Headers", "*, X-Custom"]], C)
simple("expose-set-cookie", "ACEH Set-Cookie", BASE + [["Set-Cookie", "a=1"], ["Access-Control-Expose-Headers", "Set-Cookie, X-Custom"]])
simple("expose-star-set-cookie", "ACEH * never exposes Set-Cookie", BASE + [["Set-Cookie", "a=1"], ["Access-Control-Expose-Headers", "*"]])
simple("expose-invalid-token", "ACEH 'X-Custom, bad header'", BASE + [["Access-Control-Expose-Headers", "X-Custom, bad header"]])
simple("expose-empty-items", "ACEH ',,X-Custom,,'", BASE + [["Access-Control-Expose-Headers", ",,X-Custom,,"]])
simple("expose-two-lines", "ACEH over two lines", BASE + [["Access-Control-Expose-Headers", "X-Custom"], ["Access-Control-Expose-Headers", "X-Other"]])
simple("expose-safelisted-all", "every safelisted response header",
       [ACAO_STAR, ["Cache-Control", "no-cache"], ["Content-Language", "en"], ["Content-Type", "text/plain"],
        ["Expires", "0"], ["Last-Modified", "Tue, 01 Jan 2030 00:00:00 GMT"], ["Pragma", "no-cache"], ["ETag", "\"1\""]])
simple("expose-acao-itself", "ACEH Access-Control-Allow-Origin", BASE + [["Access-Control-Expose-Headers", "Access-Control-Allow-Origin"]])
simple("expose-missing-header", "ACEH names a header that is absent", BASE + [["Access-Control-Expose-Headers", "X-Absent"]])

# --- The preflight cache -----------------------------------------------------------------------------------
PUT = {"method": "PUT"}
preflighted("cache-max-age-60", "max-age 60: the second fetch uses the cache", PUT,
            pf("PUT", extra=[["Access-Control-Max-Age", "60"]]), fetches=[0, 0])
preflighted("cache-max-age-absent", "no max-age: 5 s default, second fetch at once", PUT, pf("PUT"), fetches=[0, 0])
preflighted("cache-max-age-absent-expired", "no max-age: expired after 6 s", PUT, pf("PUT"), fetches=[0, 6000])
preflighted("cache-max-age-0", "max-age 0: never cached", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "0"]]), fetches=[0, 0])
preflighted("cache-max-age-negative", "max-age -1", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "-1"]]), fetches=[0, 0])
preflighted("cache-max-age-invalid", "max-age abc", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "abc"]]), fetches=[0, 0])
preflighted("cache-max-age-fraction", "max-age 10.5", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "10.5"]]), fetches=[0, 0])
preflighted("cache-max-age-plus-sign", "max-age +60", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "+60"]]), fetches=[0, 0])
preflighted("cache-max-age-padded", "max-age ' 60 '", PUT, pf("PUT", extra=[["Access-Control-Max-Age", " 60 "]]), fetches=[0, 0])
preflighted("cache-max-age-huge", "max-age 100000000", PUT, pf("PUT", extra=[["Access-Control-Max-Age", "100000000"]]), fetches=[0, 0])
preflighted("cache-max-age-1-expiry", "max-age 1: cached, then expired after 1.5 s", PUT,
            pf("PUT", extra=[["Access-Control-Max-Age", "1"]]), fetches=[0, 0, 1500])
preflighted("cache-max-age-2-expiry", "max-age 2, second fetch after 2.5 s", PUT,
            pf("PUT", extra=[["Access-Control-Max-Age", "2"]]), fetches=[0, 2500])
preflighted("cache-three-fetches", "three fetches within max-age", {"headers": [["X-A", "1"]]},
            pf(None, "x-a", [["Access-Control-Max-Age", "60"]]), fetches=[0, 0, 0])
preflighted("cache-other-header-not-covered", "a cached entry does not cover another header", {"headers": [["X-A", "1"]]},
            pf(None, "x-a", [["Access-Control-Max-Age", "60"]]), fetches=[0, {"headers": [["X-B", "1"]]}])
preflighted("cache-header-subset-covered", "a cached entry covers a subset of its headers",
            {"headers": [["X-A", "1"], ["X-B", "1"]]}, pf(None, "x-a, x-b", [["Access-Control-Max-Age", "60"]]),
            fetches=[0, {"headers": [["X-B", "1"]]}])
preflighted("cache-other-method-not-covered", "a cached PUT does not cover DELETE", PUT,
            pf("PUT, DELETE", extra=[["Access-Control-Max-Age", "60"]]), fetches=[0, {"method": "DELETE"}])
preflighted("cache-wildcard-methods-reuse", "a cached ACAM * for a later DELETE", PUT,
            pf("*", extra=[["Access-Control-Max-Age", "60"]]), fetches=[0, {"method": "DELETE"}])
preflighted("cache-wildcard-headers-reuse", "a cached ACAH * for a later header", {"headers": [["X-A", "1"]]},
            pf(None, "*", [["Access-Control-Max-Age", "60"]]), fetches=[0, {"headers": [["X-B", "1"]]}])
preflighted("cache-merge-methods", "PUT, then DELETE, then PUT again (merge or replace)", PUT,
            [ACAO_P, ["Access-Control-Allow-Methods", "PUT, DELETE"], ["Access-Control-Max-Age", "60"]],
            fetches=[0, {"method": "DELETE"}, {"method": "PUT"}])
preflighted("cache-uncredentialed-then-credentialed", "an uncredentialed entry and a credentialed request", PUT,
            pf("PUT", extra=[ACAC, ["Access-Control-Max-Age", "60"]]), [ACAO_P, ACAC],
            fetches=[0, {"credentials": "include"}])
preflighted("cache-credentialed-then-uncredentialed", "a credentialed entry and an uncredentialed request",
            {"method": "PUT", "credentials": "include"}, pf("PUT", extra=[ACAC, ["Access-Control-Max-Age", "60"]]),
            [ACAO_P, ACAC], fetches=[0, {"credentials": "omit"}])
preflighted("cache-cleared-after-actual-failure", "the response fails after a cached preflight", PUT,
            pf("PUT", extra=[["Access-Control-Max-Age", "60"]]), [], fetches=[0, 0])
preflighted("cache-failed-preflight-then-again", "a failing preflight is retried", PUT, pf("DELETE"), fetches=[0, 0])
preflighted("cache-simple-request-ignores-cache", "a simple GET never consults the cache", {},
            pf("PUT", extra=[["Access-Control-Max-Age", "60"]]), fetches=[{"method": "PUT"}, {"method": "GET"}])

# --- Redirects -------------------------------------------------------------------------------------------------------
def chain(name, title, request, hops, fetches=None):
    add(name, title, request, hops, fetches)

chain("redirect-same-api", "api redirects within itself", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-api-to-api2-star", "api → api2, api2 ACAO *", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", B + "/final"]]), r("*", B + "/final", 200, [ACAO_STAR])])
chain("redirect-api-to-api2-origin", "api → api2, api2 echoes the page origin", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", B + "/final"]]), r("*", B + "/final", 200, [ACAO_P])])
chain("redirect-api-to-api2-null", "api → api2, api2 ACAO null", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", B + "/final"]]), r("*", B + "/final", 200, [["Access-Control-Allow-Origin", "null"]])])
chain("redirect-api-to-api2-echo", "api → api2, api2 reflects the Origin", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", B + "/final"]]), r("*", B + "/final", 200, [ACAO_ECHO])])
chain("redirect-no-acao-on-3xx", "the 3xx has no ACAO", {}, [
    r("*", A + "/r", 302, [["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-page-to-api", "same-origin URL redirects to api", {"url": P + "/r"}, [
    r("*", P + "/r", 302, [["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-page-to-api-no-acao", "same-origin URL redirects to api without ACAO", {"url": P + "/r"}, [
    r("*", P + "/r", 302, [["Location", A + "/final"]]), r("*", A + "/final", 200, [])])
chain("redirect-api-to-page", "api redirects back to the page's origin", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", P + "/final"]]), r("*", P + "/final", 200, [ACAO_STAR])])
chain("redirect-api-to-page-no-acao", "api redirects back to the page's origin, no ACAO there", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", P + "/final"]]), r("*", P + "/final", 200, [])])
chain("redirect-relative-location", "relative Location", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
for status in (301, 302, 303, 307, 308):
    chain("redirect-post-%d" % status, "POST redirected with %d" % status, {"method": "POST", "body": "x"}, [
        r("*", A + "/r", status, [ACAO_P, ["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-put-303-becomes-get", "PUT redirected with 303 becomes GET", {"method": "PUT"}, [
    r("OPTIONS", A + "/r", 204, pf("PUT")), r("*", A + "/r", 303, [ACAO_P, ["Location", A + "/final"]]),
    r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-put-307-new-preflight", "PUT redirected with 307 needs a preflight at the target", {"method": "PUT"}, [
    r("OPTIONS", A + "/r", 204, pf("PUT")), r("*", A + "/r", 307, [ACAO_P, ["Location", A + "/final"]]),
    r("OPTIONS", A + "/final", 204, pf("PUT")), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-put-307-to-api2", "PUT redirected with 307 to api2: preflight with Origin null", {"method": "PUT"}, [
    r("OPTIONS", A + "/r", 204, pf("PUT")), r("*", A + "/r", 307, [ACAO_P, ["Location", B + "/final"]]),
    r("OPTIONS", B + "/final", 204, [ACAO_STAR, ["Access-Control-Allow-Methods", "PUT"]]), r("*", B + "/final", 200, [ACAO_STAR])])
chain("redirect-put-307-target-no-preflight-support", "PUT redirected with 307 to a target that 404s OPTIONS",
      {"method": "PUT"}, [
          r("OPTIONS", A + "/r", 204, pf("PUT")), r("*", A + "/r", 307, [ACAO_P, ["Location", B + "/final"]]),
          r("*", B + "/final", 200, [ACAO_STAR])])
chain("redirect-authorization-dropped-cross-origin", "Authorization is dropped on a cross-origin redirect",
      {"headers": [["Authorization", "Bearer t"]]}, [
          r("OPTIONS", A + "/r", 204, pf(None, "authorization")), r("*", A + "/r", 307, [ACAO_P, ["Location", B + "/final"]]),
          r("*", B + "/final", 200, [ACAO_STAR])])
chain("redirect-userinfo-cross-origin", "redirect to a URL with user:password", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", "http://user:pass@api2.test/final"]]), r("*", B + "/final", 200, [ACAO_STAR])])
chain("redirect-userinfo-same-origin-target", "api redirects to itself with user:password", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", "http://user:pass@api.test/final"]]), r("*", A + "/final", 200, [ACAO_STAR])])
chain("redirect-mode-error", "redirect: 'error'", {"redirect": "error"}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-mode-manual", "redirect: 'manual'", {"redirect": "manual"}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-mode-manual-no-acao", "redirect: 'manual', the 3xx has no ACAO", {"redirect": "manual"}, [
    r("*", A + "/r", 302, [["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-to-data-url", "redirect to a data: URL", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", "data:text/plain,hi"]])])
chain("redirect-loop", "a redirect loop", {}, [r("*", A + "/r", 302, [ACAO_STAR, ["Location", A + "/r"]])])
chain("redirect-302-no-location", "302 without Location is a final response", {}, [r("*", A + "/r", 302, [ACAO_STAR])])
chain("redirect-two-hops-back-to-api", "api → api2 → api: Origin stays null", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", B + "/hop"]]), r("*", B + "/hop", 302, [ACAO_STAR, ["Location", A + "/final"]]),
    r("*", A + "/final", 200, [ACAO_P])])
chain("redirect-credentials-to-api2", "credentialed api → api2 needs ACAO null + ACAC", C, [
    r("*", A + "/r", 302, [ACAO_P, ACAC, ["Location", B + "/final"]]),
    r("*", B + "/final", 200, [["Access-Control-Allow-Origin", "null"], ACAC])])

# --- Modes ---------------------------------------------------------------------------------------------------------
NC = {"mode": "no-cors"}
simple("no-cors-get-no-acao", "no-cors GET without ACAO", [], NC)
simple("no-cors-post-json-header-dropped", "no-cors POST with Content-Type application/json", [],
       {"mode": "no-cors", "method": "POST", "body": "{}", "headers": [["Content-Type", "application/json"]]})
simple("no-cors-custom-header-dropped", "no-cors with a custom header", [], {"mode": "no-cors", "headers": [["X-A", "1"]]})
simple("no-cors-put", "no-cors PUT", [ACAO_STAR], {"mode": "no-cors", "method": "PUT"})
simple("no-cors-redirect-manual", "no-cors with redirect: 'manual'", [ACAO_STAR], {"mode": "no-cors", "redirect": "manual"})
chain("no-cors-redirect-followed", "no-cors follows redirects without checks", NC, [
    r("*", A + "/r", 302, [["Location", B + "/final"]]), r("*", B + "/final", 200, [])])
simple("same-origin-mode-cross-origin", "mode same-origin to another origin", [ACAO_STAR], {"mode": "same-origin"})
add("same-origin-mode-same-origin", "mode same-origin to the page's origin", {"url": P + "/r", "mode": "same-origin"},
    [r("*", P + "/r", 200, [["X-Custom", "1"]])])
add("same-origin-get-all-readable", "same-origin GET: every header readable", {"url": P + "/r"},
    [r("*", P + "/r", 200, [["X-Custom", "1"], ["Set-Cookie", "a=1"], ["Content-Type", "text/plain"]])])
add("same-origin-put-no-preflight", "same-origin PUT with a custom header: no preflight",
    {"url": P + "/r", "method": "PUT", "headers": [["X-A", "1"]]}, [r("*", P + "/r", 200, [])])

# --- Captured traffic: what a proxy sees on the wire (tests/browser/tst_capturedifferential) -----------------
# Method names as the page wrote them: fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT;
# any other token goes out as written and is compared case-sensitively with Access-Control-Allow-Methods.
for name, method, allowed in [
    ("methods-lowercase-patch-acam-upper", "patch", "PATCH"),
    ("methods-lowercase-patch-acam-lower", "patch", "patch"),
    ("methods-mixed-case-patch-acam-upper", "Patch", "PATCH"),
    ("methods-mixed-case-patch-acam-same", "Patch", "Patch"),
    ("methods-custom-foo-allowed", "FOO", "FOO"),
    ("methods-custom-foo-not-allowed", "FOO", "PUT"),
    ("methods-custom-foo-acam-star", "FOO", "*"),
    ("methods-custom-lowercase-foo-acam-upper", "foo", "FOO"),
    ("methods-lowercase-delete-normalized", "delete", "DELETE"),
    ("methods-lowercase-put-normalized", "put", "PUT"),
]:
    preflighted(name, "method '%s', ACAM '%s'" % (method, allowed), {"method": method}, pf(allowed))

# Every redirect status, within api and from api to api2, with and without CORS headers on each hop.
for status in (301, 302, 303, 307, 308):
    for where, target in (("same-origin", A + "/final"), ("cross-origin", B + "/final")):
        final_ok = [ACAO_STAR] if target.startswith(B) else [ACAO_P]
        for hops, first, last in (("cors-on-both", [ACAO_P], final_ok), ("no-cors-on-3xx", [], final_ok),
                                  ("no-cors-on-final", [ACAO_P], [])):
            chain("redirect-matrix-%d-%s-%s" % (status, where, hops),
                  "%d %s redirect, %s" % (status, where, hops.replace("-", " ")), {}, [
                      r("*", A + "/r", status, first + [["Location", target]]), r("*", target, 200, last, "ok")])
chain("redirect-to-blocked-port", "redirect to port 6000, which browsers refuse", {}, [
    r("*", A + "/r", 302, [ACAO_P, ["Location", "http://127.0.0.1:6000/final"]])])
chain("redirect-to-data-url-no-acao", "redirect to a data: URL, no ACAO on the 3xx", {}, [
    r("*", A + "/r", 302, [["Location", "data:text/plain,hi"]])])
# [fetch] CORS-preflight fetch, step 7: a preflight's response must be ok; a redirect is not.
for status in (302, 307):
    chain("redirect-of-preflight-%d" % status, "the preflight is answered with %d" % status, {"method": "PUT"}, [
        r("OPTIONS", A + "/r", status, pf("PUT") + [["Location", A + "/final"]]),
        r("*", A + "/r", 200, [ACAO_P]), r("*", A + "/final", 200, pf("PUT"))])

# Credentialed fetches carrying a real cookie. Chromium 156 blocks unpartitioned third-party cookies, so the
# cookie is SameSite=None; Secure; Partitioned (loopback counts as a secure context for Secure). Without a
# Path it belongs to the directory of the URL that set it, the scenario's own prefix: cookies ignore ports,
# and one scenario's cookie must not be what another one sends.
COOKIE = ["Set-Cookie", "sid=1; SameSite=None; Secure; Partitioned"]
add("cookie-credentialed-allowed", "a cookie set by the API comes back on the next credentialed fetch", C,
    [r("*", A + "/r", 200, [ACAO_P, ACAC, COOKIE], "ok")], [0, 0])
add("cookie-credentialed-then-no-acac", "the cookie is sent, the response lacks ACAC", C,
    [r("*", A + "/set", 200, [ACAO_P, ACAC, COOKIE], "ok"), r("*", A + "/r", 200, [ACAO_P], "ok")],
    [{"url": A + "/set"}, 0])
add("cookie-credentialed-preflighted-put", "a credentialed PUT with the cookie, preflight with ACAC",
    {"method": "PUT", "credentials": "include"},
    [r("*", A + "/set", 200, [ACAO_P, ACAC, COOKIE], "ok"), r("OPTIONS", A + "/r", 204, pf("PUT", extra=[ACAC])),
     r("*", A + "/r", 200, [ACAO_P, ACAC], "ok")], [{"url": A + "/set", "method": "GET"}, 0])
add("cookie-omitted-uncredentialed", "credentials omit: the cookie stays home", {},
    [r("*", A + "/set", 200, [ACAO_P, ACAC, COOKIE], "ok"), r("*", A + "/r", 200, [ACAO_P], "ok")],
    [{"url": A + "/set", "credentials": "include"}, {"credentials": "omit"}])

# Preflights whose actual request never follows: the browser stops after the OPTIONS.
preflighted("unfollowed-preflight-credentialed-no-acac", "credentialed PUT, the preflight lacks ACAC",
            {"method": "PUT", "credentials": "include"}, pf("PUT"), [ACAO_P, ACAC])
preflighted("unfollowed-preflight-credentialed-acao-star", "credentialed PUT, the preflight answers ACAO *",
            {"method": "PUT", "credentials": "include"},
            [ACAO_STAR, ["Access-Control-Allow-Methods", "PUT"], ACAC], [ACAO_P, ACAC])
preflighted("unfollowed-preflight-header-not-allowed", "X-Trace not in the preflight's ACAH",
            {"headers": [["X-Trace", "1"]]}, pf(None, "x-other"))
preflighted("unfollowed-preflight-status-500", "the preflight answers 500", {"method": "PUT"}, pf("PUT"),
            preflight_status=500)

# Opaque no-cors fetches: never a CORS check, whatever the server sends.
simple("no-cors-post-text-no-acao", "no-cors POST text without ACAO", [], {"mode": "no-cors", "method": "POST", "body": "x"})
simple("no-cors-get-acao-other-origin", "no-cors GET, ACAO for another origin",
       [["Access-Control-Allow-Origin", "http://other.example"]], NC)
simple("no-cors-credentialed-get", "no-cors credentialed GET", [], {"mode": "no-cors", "credentials": "include"})

# --- Redirects into a cached preflight (branch gaps) ------------------------------------------------------------
# The first fetch caches the target's preflight (Access-Control-Max-Age); the second is redirected to the same
# URL, and a browser whose cache holds the entry sends that hop with no OPTIONS before it. A proxy sees a chain
# whose later hop has no preflight on the wire (tests/browser/tst_capturedifferential).
PF_CACHED = pf("PUT", extra=[["Access-Control-Max-Age", "60"]])
for name, title, target, final_headers in [
    ("redirect-into-cached-preflight", "307 into a URL whose preflight an earlier fetch cached", A + "/final", [ACAO_P]),
    ("redirect-into-cached-preflight-blocked", "307 into a cached preflight, the target lacks ACAO", A + "/final", []),
    ("redirect-into-cached-preflight-cross-origin", "307 to api2 whose preflight the page cached (Origin null after)",
     B + "/final", [ACAO_STAR]),
]:
    target_pf = PF_CACHED if target.startswith(A) else [ACAO_STAR, ["Access-Control-Allow-Methods", "PUT"],
                                                         ["Access-Control-Max-Age", "60"]]
    chain(name, title, PUT, [
        r("OPTIONS", target, 204, target_pf), r("*", target, 200, final_headers, "ok"),
        r("OPTIONS", A + "/r", 204, pf("PUT")), r("*", A + "/r", 307, [ACAO_P, ["Location", target]])],
          fetches=[{"url": target}, 0])

# --- Request kinds beyond fetch() (issue 21): XMLHttpRequest, fonts, images, scripts, stylesheets ---------------
# Each kind is made the way a page makes it (tests/browser/harness/harness.js corscopeLoad) and serves a body the
# element can really use, so that "loaded" means the CORS outcome and not a decode failure: a 1×1 GIF, a
# script that throws a probe error (muted or not), a one-rule stylesheet, a one-glyph TrueType font.
GIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
# Built with fontTools' FontBuilder: glyphs .notdef and A (a box), cmap A only, family CorscopeProbe.
FONT = ("AAEAAAAKAIAAAwAgT1MvMkUgRP0AAAEoAAAAYGNtYXAADACUAAABkAAAADRnbHlmTjxOOgAAAcwAAAA0aGVhZC/nH0gAAACsAAAANmhoZWEF"
        "egH2AAAA5AAAACRobXR4ArwAZAAAAYgAAAAGbG9jYQAaAA0AAAHEAAAABm1heHAABAAGAAABCAAAACBuYW1lHcLeTwAAAgAAAABycG9zdAAo"
        "AAAAAAJ0AAAAJgABAAAAAQAA0nt0y18PPPUAAwPoAAAAAOc8bdYAAAAA5zxt1gBkAAAB9AK8AAAAAwACAAAAAAAAAAEAAAMg/zgAAAJYAGQA"
        "ZAH0AAEAAAAAAAAAAAAAAAAAAAABAAEAAAACAAQAAQAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAwJYAZAABQAEAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAPz8/PwAAAEEAQQMgAAAAAAMgAMgAAAAAAAAAAAAAAAAAAAAgAAACWABkAGQAAAAAAAIA"
        "AAADAAAAFAADAAEAAAAUAAQAIAAAAAQABAABAAAAQf//AAAAQf///8AAAQAAAAAAAAANABoAAAABAGQAAAH0ArwAAwAAMxEhEWQBkAK8/UQA"
        "AAEAZAAAAfQCvAADAAAzESERZAGQArz9RAAAAAAEADYAAQAAAAAAAQANAAAAAQAAAAAAAgAHAA0AAwABBAkAAQAaABQAAwABBAkAAgAOAC5D"
        "b3JzY29wZVByb2JlUmVndWxhcgBDAG8AcgBzAGMAbwBwAGUAUAByAG8AYgBlAFIAZQBnAHUAbABhAHIAAAACAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAIAAAAkAAA=")
KIND_BODY = {
    "xhr": (None, {"body": "ok"}),
    "image": ("image/gif", {"bodyBase64": GIF}),
    "script": ("text/javascript", {"body": "throw new Error('corscope-probe');"}),
    "module": ("text/javascript", {"body": "throw new Error('corscope-probe');"}),
    "stylesheet": ("text/css", {"body": ".corscope-probe { color: red }"}),
    "font": ("font/ttf", {"bodyBase64": FONT}),
    "eventsource": ("text/event-stream", {"body": "data: ok\n\n"}),
    # A worker that started posts the probe to the page (harness.js).
    "worker": ("text/javascript", {"body": "postMessage('corscope-probe');"}),
}


def kind_response(kind, method, url, status, headers):
    content_type, body = KIND_BODY[kind]
    extra = [["Content-Type", content_type]] if content_type and status < 300 else []
    d = r(method, url, status, headers + extra)
    if status < 300:
        d.update(body)
    return d


ACAO_OTHER = ["Access-Control-Allow-Origin", "http://other.example"]
# (suffix, title, final headers, credentialed): the CORS check on the element's single response.
KIND_CHECKS = [
    ("acao-origin", "ACAO names the page", [ACAO_P]),
    ("acao-star", "ACAO *", [ACAO_STAR]),
    ("no-acao", "no ACAO", []),
    ("acao-other-origin", "ACAO names another origin", [ACAO_OTHER]),
]
KIND_CREDENTIALED = [
    ("star-credentials", "ACAO * with credentials", [ACAO_STAR]),
    ("echo-acac", "ACAO echoes the origin and ACAC true", [ACAO_ECHO, ACAC]),
    ("echo-no-acac", "ACAO echoes the origin, no ACAC", [ACAO_ECHO]),
]
# api → api2 with a 302: after a cross-origin redirect a CORS request's Origin is "null".
KIND_REDIRECTS = [
    ("redirect-star", "302 api → api2, both ACAO *", [ACAO_STAR], [ACAO_STAR]),
    ("redirect-page-origin", "302 api → api2, api2 names the page (Origin is null by then)", [ACAO_P], [ACAO_P]),
    ("redirect-no-acao", "302 api → api2, neither sends ACAO", [], []),
]


def kind(name, title, resource_type, crossorigin, final_headers, request=None):
    req = {"resourceType": resource_type}
    if crossorigin:
        req["crossorigin"] = crossorigin
    req.update(request or {})
    add(name, title, req, [kind_response(resource_type, "*", A + "/r", 200, final_headers)])


def kind_redirect(name, title, resource_type, crossorigin, hop_headers, final_headers, request=None):
    req = {"resourceType": resource_type}
    if crossorigin:
        req["crossorigin"] = crossorigin
    req.update(request or {})
    add(name, title, req, [r("*", A + "/r", 302, hop_headers + [["Location", B + "/final"]]),
                           kind_response(resource_type, "*", B + "/final", 200, final_headers)])


# (name prefix, resourceType, crossorigin, label, check sets)
KINDS = [
    ("kind-xhr", "xhr", None, "XMLHttpRequest", "checks redirects"),
    ("kind-xhr-credentials", "xhr", None, "XMLHttpRequest withCredentials", "credentialed"),
    ("kind-font", "font", None, "@font-face font", "checks redirects"),
    ("kind-image-no-attr", "image", None, "<img> without crossorigin", "nocors"),
    ("kind-image-anonymous", "image", "anonymous", "<img crossorigin=anonymous>", "checks redirects"),
    ("kind-image-use-credentials", "image", "use-credentials", "<img crossorigin=use-credentials>", "credentialed"),
    ("kind-script-no-attr", "script", None, "classic <script> without crossorigin", "nocors"),
    ("kind-script-anonymous", "script", "anonymous", "<script crossorigin=anonymous>", "checks redirects"),
    ("kind-script-use-credentials", "script", "use-credentials", "<script crossorigin=use-credentials>",
     "credentialed"),
    ("kind-module", "module", None, "<script type=module>", "checks redirects"),
    ("kind-module-use-credentials", "module", "use-credentials", "<script type=module crossorigin=use-credentials>",
     "credentialed"),
    ("kind-stylesheet-no-attr", "stylesheet", None, "<link rel=stylesheet> without crossorigin", "nocors"),
    ("kind-stylesheet-anonymous", "stylesheet", "anonymous", "<link rel=stylesheet crossorigin>", "checks redirects"),
    ("kind-stylesheet-use-credentials", "stylesheet", "use-credentials",
     "<link rel=stylesheet crossorigin=use-credentials>", "credentialed"),
    ("kind-eventsource", "eventsource", None, "EventSource", "checks redirects"),
    ("kind-eventsource-credentials", "eventsource", None, "EventSource withCredentials", "credentialed"),
]
for prefix, resource_type, crossorigin, label, sets in KINDS:
    extra = {"credentials": "include"} if prefix.endswith("-credentials") and resource_type in ("xhr", "eventsource") \
        else {}
    if "checks" in sets:
        for suffix, title, headers in KIND_CHECKS:
            kind(prefix + "-" + suffix, label + ", " + title, resource_type, crossorigin, headers, extra)
    if "credentialed" in sets:
        for suffix, title, headers in KIND_CREDENTIALED:
            kind(prefix + "-" + suffix, label + ", " + title, resource_type, crossorigin, headers, extra)
    if "redirects" in sets:
        for suffix, title, hop, final in KIND_REDIRECTS:
            kind_redirect(prefix + "-" + suffix, label + ", " + title, resource_type, crossorigin, hop, final, extra)
    if sets == "nocors":
        # No CORS check at all: the same outcome whatever the server says about CORS.
        kind(prefix + "-no-acao", label + ", no ACAO", resource_type, None, [])
        kind(prefix + "-acao-other-origin", label + ", ACAO names another origin", resource_type, None, [ACAO_OTHER])
        kind_redirect(prefix + "-redirect-no-acao", label + ", 302 api → api2 without ACAO", resource_type, None,
                      [], [])
# new Worker(url) and new Worker(url, {type: 'module'}) (scenario field workerType, read by the harness only):
# a worker's script is fetched in mode same-origin, so a cross-origin one is refused before any request whatever
# the server sends; a same-origin one runs, and one that redirects to another origin fails.
for prefix, label, extra in [("kind-worker", "new Worker()", {}),
                             ("kind-worker-module", "new Worker({type: 'module'})", {"workerType": "module"})]:
    for suffix, title, headers in KIND_CHECKS:
        kind(prefix + "-" + suffix, label + " cross-origin, " + title, "worker", None, headers, extra)
    for suffix, title, hop, final in KIND_REDIRECTS[:1]:
        kind_redirect(prefix + "-" + suffix, label + " cross-origin, " + title, "worker", None, hop, final, extra)
    req = dict(extra, resourceType="worker", url=P + "/r")
    add(prefix + "-same-origin", label + " with the page's own origin", req,
        [kind_response("worker", "*", P + "/r", 200, [])])
    add(prefix + "-redirect-page-to-api", label + ", same-origin URL 302 → api with ACAO *", req,
        [r("*", P + "/r", 302, [["Location", A + "/final"]]),
         kind_response("worker", "*", A + "/final", 200, [ACAO_STAR])])
# Inside a worker of the page's origin (scenario field context, read by the harness only): importScripts(url) is a
# classic script in mode no-cors (it runs whatever ACAO says, its errors muted as a <script> without crossorigin), and
# fetch() is CORS with the page's origin, exactly as from the page.
IMPORTED = "self.corscopeRan = true; throw new Error('corscope-probe');"
for suffix, title, headers in KIND_CHECKS[:3]:
    add("kind-worker-importscripts-" + suffix, "importScripts() in a worker, " + title,
        {"resourceType": "script", "context": "worker"},
        [r("*", A + "/r", 200, headers + [["Content-Type", "text/javascript"]], IMPORTED)])
    simple("kind-worker-fetch-" + suffix, "fetch() in a worker, " + title, headers, {"context": "worker"})
# XMLHttpRequest beyond the simple GET: a preflight, as axios sends for JSON.
add("kind-xhr-put-preflight-allowed", "XMLHttpRequest PUT with JSON, preflight allows it",
    {"resourceType": "xhr", "method": "PUT", "headers": [["Content-Type", "application/json"]], "body": "{}"},
    [r("OPTIONS", A + "/r", 204, [ACAO_P, ["Access-Control-Allow-Methods", "PUT"],
                                  ["Access-Control-Allow-Headers", "content-type"]]),
     r("*", A + "/r", 200, [ACAO_P, ["X-Total", "3"]], "ok")])
add("kind-xhr-put-preflight-no-acam", "XMLHttpRequest PUT, preflight without Access-Control-Allow-Methods",
    {"resourceType": "xhr", "method": "PUT", "body": "{}"},
    [r("OPTIONS", A + "/r", 204, [ACAO_P]), r("*", A + "/r", 200, [ACAO_P], "ok")])
add("kind-xhr-custom-header-preflight-no-acao", "XMLHttpRequest with Authorization, preflight without ACAO",
    {"resourceType": "xhr", "headers": [["Authorization", "Bearer t"]]},
    [r("OPTIONS", A + "/r", 204, []), r("*", A + "/r", 200, [ACAO_P], "ok")])
add("kind-xhr-expose-header", "XMLHttpRequest reads an exposed header",
    {"resourceType": "xhr"},
    [r("*", A + "/r", 200, [ACAO_P, ["X-Total", "3"], ["X-Hidden", "1"], ["Access-Control-Expose-Headers", "X-Total"]],
       "ok")])

# --- Fetch metadata (issue 21): Sec-Fetch-Site over the redirect chain ------------------------------------------
# The loopback origins are potentially trustworthy, so the browsers send Sec-Fetch-*; page, api and api2 are one
# site (127.0.0.1 on three ports), so a cross-origin request is same-site and only a chain that never leaves the
# page's origin stays same-origin.
add("fetch-metadata-same-origin", "fetch() of the page's own origin", {"url": P + "/r"}, [r("*", P + "/r", 200, [], "ok")])
add("fetch-metadata-same-origin-redirect-to-api", "fetch() same-origin, 302 to api with ACAO *", {"url": P + "/r"},
    [r("*", P + "/r", 302, [["Location", A + "/final"]]), r("*", A + "/final", 200, [ACAO_STAR], "ok")])
add("fetch-metadata-api-redirect-to-page", "fetch() to api, 302 back to the page's origin", {},
    [r("*", A + "/r", 302, [ACAO_STAR, ["Location", P + "/final"]]), r("*", P + "/final", 200, [ACAO_STAR], "ok")])
add("fetch-metadata-no-cors", "fetch() no-cors to api", {"mode": "no-cors"}, [r("*", A + "/r", 200, [], "ok")])
preflighted("fetch-metadata-preflight", "PUT to api: the preflight carries fetch metadata too", {"method": "PUT"},
            pf("PUT"))

# --- EventSource reconnection (issue 21) ------------------------------------------------------------------------
# Scenario field reconnect: the page keeps the EventSource open while the server ends the stream, which set an id
# and a short retry:, so the browser reconnects with Last-Event-ID: 1 — a new CORS-checked request. A response with
# lastEventId answers only that reconnection (FORMAT.md), so it is listed first.
STREAM = "retry: 200\nid: 1\ndata: ok\n\n"
ES_OK = [["Content-Type", "text/event-stream"]]


def eventsource(name, title, responses, request=None):
    add(name, title, dict({"resourceType": "eventsource", "reconnect": True}, **(request or {})), responses)


def reconnect(status, headers, body=None):
    d = r("*", A + "/r", status, headers, body)
    d["lastEventId"] = "1"
    return d


FIRST = r("*", A + "/r", 200, [ACAO_P] + ES_OK, STREAM)
eventsource("kind-eventsource-reconnect-allowed", "EventSource reconnects, the reconnection allowed too",
            [reconnect(200, [ACAO_P] + ES_OK, "data: again\n\n"), FIRST])
eventsource("kind-eventsource-reconnect-no-acao", "EventSource reconnects, the reconnection answered without ACAO",
            [reconnect(200, ES_OK, "data: again\n\n"), FIRST])
eventsource("kind-eventsource-reconnect-acao-other-origin",
            "EventSource reconnects, the reconnection's ACAO names another origin",
            [reconnect(200, [ACAO_OTHER] + ES_OK, "data: again\n\n"), FIRST])
eventsource("kind-eventsource-reconnect-204", "EventSource reconnects, the reconnection answered 204 with ACAO",
            [reconnect(204, [ACAO_P]), FIRST])
eventsource("kind-eventsource-reconnect-text-plain",
            "EventSource reconnects, the reconnection answered 200 text/plain with ACAO",
            [reconnect(200, [ACAO_P, ["Content-Type", "text/plain"]], "data: again\n\n"), FIRST])
eventsource("kind-eventsource-reconnect-500", "EventSource reconnects, the reconnection answered 500 with ACAO",
            [reconnect(500, [ACAO_P] + ES_OK, "data: again\n\n"), FIRST])
eventsource("kind-eventsource-reconnect-credentials-star",
            "EventSource withCredentials reconnects, the reconnection answered ACAO * (first echoed with ACAC)",
            [reconnect(200, [ACAO_STAR] + ES_OK, "data: again\n\n"),
             r("*", A + "/r", 200, [ACAO_ECHO, ACAC] + ES_OK, STREAM)], {"credentials": "include"})
# A first answer that is not a 200 text/event-stream fails the connection: no reconnection, whatever ACAO says.
for status, headers, title in [(404, [ACAO_P] + ES_OK, "404 with ACAO"), (404, ES_OK, "404 without ACAO"),
                               (500, [ACAO_P] + ES_OK, "500 with ACAO"), (204, [ACAO_P], "204 with ACAO"),
                               (200, [ACAO_P, ["Content-Type", "text/plain"]], "200 text/plain with ACAO"),
                               (200, [ACAO_P], "200 without Content-Type, with ACAO")]:
    label = "%d-%s" % (status, "text-plain" if "text/plain" in str(headers) else
                       "no-type" if status == 200 else "acao" if ACAO_P in headers else "no-acao")
    eventsource("kind-eventsource-first-" + label, "EventSource, the first answer is " + title,
                [reconnect(200, [ACAO_P] + ES_OK, "data: again\n\n"), r("*", A + "/r", status, headers, STREAM)])

# --- Element kinds answered with an error status or the wrong MIME type (issue 21) --------------------------------
# The body is the kind's own working body, so that the status (or the Content-Type) is the only thing wrong: does the
# element still load, and was CORS even the reason it did not?
def kind_answer(name, title, resource_type, crossorigin, status, headers, content_type=None, request=None, url=None):
    req = {"resourceType": resource_type}
    if crossorigin:
        req["crossorigin"] = crossorigin
    req.update(request or {})
    if url:
        req["url"] = url
    default_type, body = KIND_BODY[resource_type]
    d = r("*", url or A + "/r", status, headers + [["Content-Type", content_type or default_type]])
    d.update(body)
    add(name, title, req, [d])


ELEMENTS = [
    ("kind-image-anonymous", "image", "anonymous", "<img crossorigin=anonymous>"),
    ("kind-image-no-attr", "image", None, "<img> without crossorigin"),
    ("kind-script-anonymous", "script", "anonymous", "<script crossorigin=anonymous>"),
    ("kind-script-no-attr", "script", None, "classic <script> without crossorigin"),
    ("kind-module", "module", None, "<script type=module>"),
    ("kind-stylesheet-anonymous", "stylesheet", "anonymous", "<link rel=stylesheet crossorigin>"),
    ("kind-stylesheet-no-attr", "stylesheet", None, "<link rel=stylesheet> without crossorigin"),
    ("kind-font", "font", None, "@font-face font"),
]
for prefix, resource_type, crossorigin, label in ELEMENTS:
    for status, acao, title in [(404, [ACAO_STAR], "404 with ACAO *"), (404, [], "404 without ACAO"),
                                (500, [ACAO_STAR], "500 with ACAO *")]:
        kind_answer("%s-%d-%s" % (prefix, status, "acao" if acao else "no-acao"), label + ", " + title,
                    resource_type, crossorigin, status, acao)
# The MIME checks: module scripts need a JavaScript type, stylesheets text/css (the runner page is in standards
# mode), and nosniff makes a classic script's type strict too.
NOSNIFF = ["X-Content-Type-Options", "nosniff"]
for prefix, resource_type, crossorigin, label in ELEMENTS:
    if resource_type in ("module", "stylesheet"):
        kind_answer(prefix + "-text-plain", label + ", 200 text/plain with ACAO *", resource_type, crossorigin, 200,
                    [ACAO_STAR], "text/plain")
    if resource_type == "script":
        kind_answer(prefix + "-text-plain", label + ", 200 text/plain with ACAO *", resource_type, crossorigin, 200,
                    [ACAO_STAR], "text/plain")
        kind_answer(prefix + "-text-plain-nosniff", label + ", 200 text/plain, nosniff, ACAO *", resource_type,
                    crossorigin, 200, [ACAO_STAR, NOSNIFF], "text/plain")
    if resource_type == "stylesheet":
        kind_answer(prefix + "-text-plain-nosniff", label + ", 200 text/plain, nosniff, ACAO *", resource_type,
                    crossorigin, 200, [ACAO_STAR, NOSNIFF], "text/plain")
# A worker's script comes from the page's origin: its own error status, and a MIME type a worker refuses.
for label, extra in [("kind-worker", {}), ("kind-worker-module", {"workerType": "module"})]:
    kind_answer(label + "-same-origin-404", label + " same-origin, 404", "worker", None, 404, [], request=extra,
                url=P + "/r")
    kind_answer(label + "-same-origin-text-plain", label + " same-origin, 200 text/plain", "worker", None, 200, [],
                "text/plain", request=extra, url=P + "/r")

# --- WebSocket (issue 21): the handshake carries Origin but CORS does not apply -----------------------------------
# The scenario server answers 101 with the Sec-WebSocket-Accept for the browser's key ({websocket-accept}), sends one
# text frame and echoes the page's; `origins` makes a response answer only those Origins (a server-side allow-list).
WS_UPGRADE = [["Upgrade", "websocket"], ["Connection", "Upgrade"], ["Sec-WebSocket-Accept", "{websocket-accept}"]]
WS_REFUSED = r("GET", A + "/r", 403, [["Content-Type", "text/plain"]], "forbidden")


def websocket(name, title, responses, fetches=None):
    add(name, title, {"resourceType": "websocket"}, responses, fetches)


def only_origins(response, origins):
    response = dict(response)
    response["origins"] = origins
    return response


websocket("kind-websocket-any-origin", "WebSocket, the server accepts any Origin (open to hijacking)",
          [r("GET", A + "/r", 101, WS_UPGRADE)])
websocket("kind-websocket-page-origin-allowed", "WebSocket, the server accepts only the page's Origin",
          [only_origins(r("GET", A + "/r", 101, WS_UPGRADE), [P]), WS_REFUSED])
websocket("kind-websocket-other-origin-only", "WebSocket, the server accepts only another Origin: 403",
          [only_origins(r("GET", A + "/r", 101, WS_UPGRADE), ["http://other.example"]), WS_REFUSED])
websocket("kind-websocket-403", "WebSocket, the server answers 403", [WS_REFUSED])
websocket("kind-websocket-403-acao-star", "WebSocket, 403 with ACAO * (CORS headers change nothing)",
          [r("GET", A + "/r", 403, [ACAO_STAR, ["Content-Type", "text/plain"]], "forbidden")])
websocket("kind-websocket-400", "WebSocket, the server answers 400",
          [r("GET", A + "/r", 400, [["Content-Type", "text/plain"]], "bad request")])
websocket("kind-websocket-200-not-upgraded", "WebSocket, a plain 200 (no upgrade)",
          [r("GET", A + "/r", 200, [["Content-Type", "text/plain"]], "hello")])
websocket("kind-websocket-redirect", "WebSocket, a 302 (a WebSocket follows no redirect)",
          [r("GET", A + "/r", 302, [["Location", B + "/final"]]), r("GET", B + "/final", 101, WS_UPGRADE)])
websocket("kind-websocket-wrong-accept", "WebSocket, 101 with a wrong Sec-WebSocket-Accept",
          [r("GET", A + "/r", 101, [["Upgrade", "websocket"], ["Connection", "Upgrade"],
                                    ["Sec-WebSocket-Accept", "dGhlIHNhbXBsZSBub25jZQ=="]])])
websocket("kind-websocket-missing-accept", "WebSocket, 101 without Sec-WebSocket-Accept",
          [r("GET", A + "/r", 101, [["Upgrade", "websocket"], ["Connection", "Upgrade"]])])
websocket("kind-websocket-missing-upgrade", "WebSocket, 101 without Upgrade",
          [r("GET", A + "/r", 101, [["Connection", "Upgrade"], ["Sec-WebSocket-Accept", "{websocket-accept}"]])])
websocket("kind-websocket-wrong-upgrade", "WebSocket, 101 with Upgrade: h2c",
          [r("GET", A + "/r", 101, [["Upgrade", "h2c"], ["Connection", "Upgrade"],
                                    ["Sec-WebSocket-Accept", "{websocket-accept}"]])])
websocket("kind-websocket-missing-connection", "WebSocket, 101 without Connection: Upgrade",
          [r("GET", A + "/r", 101, [["Upgrade", "websocket"], ["Connection", "keep-alive"],
                                    ["Sec-WebSocket-Accept", "{websocket-accept}"]])])
websocket("kind-websocket-acao-other-origin", "WebSocket, 101 with ACAO naming another origin (irrelevant)",
          [r("GET", A + "/r", 101, WS_UPGRADE + [ACAO_OTHER])])
# A cookie the page got from api.test (Path limited to this scenario's URLs) goes along with the handshake: a
# WebSocket's credentials mode is always "include", so a cookie-authenticated socket is the hijacking target.
websocket("kind-websocket-cookie", "WebSocket after a login cookie: the handshake carries it",
          [r("*", A + "/login", 200, [ACAO_P, ACAC, ["Set-Cookie", "corscope-ws=1; Path=/kind-websocket-cookie"]], "ok"),
           r("GET", A + "/r", 101, WS_UPGRADE)],
          fetches=[{"resourceType": "fetch", "url": A + "/login", "credentials": "include", "redirect": "follow"}, 0])

names = [s["name"] for s in scenarios]
dupes = {n for n in names if names.count(n) > 1}
if dupes:
    sys.exit("duplicate scenario names: %s" % sorted(dupes))
for old in os.listdir(OUT):
    if old.endswith(".json"):
        os.remove(os.path.join(OUT, old))
for s in scenarios:
    with open(os.path.join(OUT, s["name"] + ".json"), "w") as f:
        json.dump(s, f, indent=2)
        f.write("\n")
print("%d scenarios" % len(scenarios))
