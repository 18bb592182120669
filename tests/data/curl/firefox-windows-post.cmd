curl ^"https://upload.media.example/v1/assets?album=^%^7Bdefault^%^7D^" --compressed -X ^"POST^" -H ^"User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0^" -H ^"Accept: application/json^" -H ^"Accept-Language: fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3^" -H ^"Accept-Encoding: gzip, deflate, br, zstd^" -H ^"Content-Type: application/json^" -H ^"Authorization: Basic dXBsb2FkZXI6cGFzcw==^" -H ^"Origin: http://127.0.0.1:8080^" -H ^"Connection: keep-alive^" -H ^"Referer: http://127.0.0.1:8080/^" -H ^"Sec-Fetch-Dest: empty^" -H ^"Sec-Fetch-Mode: cors^" -H ^"Sec-Fetch-Site: cross-site^" --data-raw ^"^{^

  ^\^"name^\^": ^\^"chat.png^\^",^

  ^\^"path^\^": ^\^"C:^\^\^\^\temp^\^\^\^\chat.png^\^",^

  ^\^"tags^\^": ^[^\^"50^%^\^", ^\^"caf^é^\^"^]^

^}^"
