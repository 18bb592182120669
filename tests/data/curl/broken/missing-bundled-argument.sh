curl -sSX
