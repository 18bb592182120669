wget --header 'Origin: https://shop.example' 'https://api.shop.example/v2/cart'
