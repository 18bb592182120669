fetch("https://api.shop.example/v2/cart", {"method": "GET"});
