curl ftp://files.shop.example/price-list.csv
