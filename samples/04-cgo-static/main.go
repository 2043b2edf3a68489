// Command cgohello calls C and looks up a user through libc, the call static glibc builds warn about
// (build with -tags osusergo,netgo to use Go's own implementation instead).
package main

/*
static int answer(void) { return 42; }
*/
import "C"

import (
	"fmt"
	"os/user"
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
	name := "?"
	if u, err := user.LookupId("0"); err == nil {
		name = u.Username
	}
	fmt.Printf("hello from %s, cgo says %d, uid 0 is %s\n", platform, int(C.answer()), name)
}
