module example.com/03-scratch-six-platforms

go 1.23
