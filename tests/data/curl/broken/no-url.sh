curl -H 'accept: */*' -X 'POST' --data-raw 'a=1'
