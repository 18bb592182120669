curl 'https://api.shop.example/v2/cart' -X 'PUT' --data-raw
