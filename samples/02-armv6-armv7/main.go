// Command app prints the platform it was built for, e.g. "hello from linux/arm/v6".
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

func main() {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "GOARM" {
				platform += "/v" + s.Value
			}
		}
	}
	fmt.Println("hello from " + platform)
}
