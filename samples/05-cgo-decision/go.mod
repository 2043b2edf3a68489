module example.com/05-cgo-decision

go 1.23
