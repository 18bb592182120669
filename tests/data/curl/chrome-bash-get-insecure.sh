curl 'https://localhost:8443/api/health?verbose=1' \
  -H 'accept: application/json' \
  -H 'origin: https://localhost:5173' \
  -H 'referer: https://localhost:5173/' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: same-site' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \
  -H 'x-debug;' \
  --insecure
