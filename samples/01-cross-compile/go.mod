module example.com/01-cross-compile

go 1.23
