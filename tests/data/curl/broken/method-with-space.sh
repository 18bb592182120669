curl -X 'GET /v2/cart' 'https://api.shop.example/'
