module example.com/sbomscanner

go 1.23
