curl -H "Authorization: Bearer abc https://api.shop.example/v2/cart
