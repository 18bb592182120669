curl 'https://api.shop.example/v2/cart' -H 'Authorization Bearer abc'
