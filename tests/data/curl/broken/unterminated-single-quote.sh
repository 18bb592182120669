curl 'https://api.shop.example/v2/cart' \
  -H 'content-type: application/json' \
  --data-raw '{"name":"x"}
