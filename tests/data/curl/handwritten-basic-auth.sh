# Reproducing the report from the staging dashboard
curl -sSL --compressed \
  -u "deploy:s3cr3t" \
  -A "corscope-test/1.0" \
  -H "X-Api-Version: 2" \
  -H "Content-Type: application/x-www-form-urlencoded" \
  --data-urlencode "comment=needs review & merge" \
  -d "id=17" \
  --retry 3 --trace-time \
  "https://staging.api.example/reports?draft=1" | jq .
