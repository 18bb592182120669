#!/usr/bin/env bash
# Budget of issue 4: `corscope-cli check` against a loopback server costs at most 1.3x the wall
# time of curl making the same two requests (preflight + actual) in one process, and stays under
# 30 MB resident. Usage: tests/bench/check_vs_curl.sh [path/to/corscope-cli] [runs]
set -euo pipefail
cli=${1:-$(dirname "$0")/../../build/app/corscope-cli}
runs=${2:-50}
port_file=$(mktemp)
trap 'kill $server 2>/dev/null || true; rm -f "$port_file"' EXIT

# A loopback API that answers the preflight and the actual request, with keep-alive.
python3 - "$port_file" <<'PY' &
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def reply(self, status, body=b""):
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "http://app.test")
        self.send_header("Access-Control-Allow-Methods", "PUT")
        self.send_header("Access-Control-Allow-Headers", "x-trace")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_OPTIONS(self): self.reply(204)
    def do_PUT(self): self.reply(200, b"ok")
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_port))
server.serve_forever()
PY
server=$!
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$port_file")/items/1"

time_runs() { # prints the mean wall time in ms of "$@" over $runs runs
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" > /dev/null; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000 ))
}

curl_us=$(time_runs curl -s -X OPTIONS "$url" -H 'Origin: http://app.test' -H 'Access-Control-Request-Method: PUT' \
  -H 'Access-Control-Request-Headers: x-trace' --next -s -X PUT "$url" -H 'Origin: http://app.test' -H 'X-Trace: 1' \
  -H 'Content-Length: 0')
check_us=$(time_runs "$cli" check "$url" --origin http://app.test -X PUT -H 'X-Trace: 1' --format json)
rss_kb=$(/usr/bin/time -f '%M' "$cli" check "$url" --origin http://app.test -X PUT -H 'X-Trace: 1' --format json 2>&1 >/dev/null | tail -1)
ratio=$(awk -v a="$check_us" -v b="$curl_us" 'BEGIN { printf "%.2f", a / b }')
echo "curl (preflight + actual, one process): ${curl_us} us per run"
echo "corscope-cli check:                     ${check_us} us per run (${ratio}x curl; budget 1.3x)"
echo "corscope-cli check peak RSS:            $((rss_kb / 1024)) MB (budget 30 MB)"
