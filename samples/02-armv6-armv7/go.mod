module example.com/02-armv6-armv7

go 1.23
