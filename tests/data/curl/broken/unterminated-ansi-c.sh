curl 'https://api.shop.example/v2/notes' --data-raw $'It\'s not closed\n
