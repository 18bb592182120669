curl 'https://api.shop.example/v2/cart' -H $'X-Trace: 1\r\nX-Injected: 2'
