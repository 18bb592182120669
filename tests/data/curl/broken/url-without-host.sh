curl 'https://'
