// Command app prints its platform and how it was linked; lookup_cgo.go adds a libc user lookup when cgo is on.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var libc = "none (CGO_ENABLED=0)"

func main() {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "GOARM" {
				platform += "/v" + s.Value
			}
		}
	}
	fmt.Printf("hello from %s, libc: %s\n", platform, libc)
}
