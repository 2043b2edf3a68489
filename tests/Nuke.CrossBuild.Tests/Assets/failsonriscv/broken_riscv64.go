//go:build riscv64

package main

var broken int = "not an int on purpose"
