curl 'https://api.shop.example/v2/cart' -H 'X Trace: 1'
