curl -X '' 'https://api.shop.example/'
