// Command failsonriscv builds everywhere except riscv64, where broken_riscv64.go does not compile.
package main

import "fmt"

func main() { fmt.Println("ok") }
