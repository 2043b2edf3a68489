module example.com/failsonriscv

go 1.23
