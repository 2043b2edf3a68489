module example.com/04-cgo-static

go 1.23
