//go:build cgo

package main

/*
#include <unistd.h>
static const char *which_libc(void) {
#ifdef __GLIBC__
	return "glibc";
#else
	return "musl";
#endif
}
*/
import "C"

func init() { libc = C.GoString(C.which_libc()) + " (cgo)" }
