curl 'https://api.shop.example/v2/cart' -H 'origin: shop.example'
