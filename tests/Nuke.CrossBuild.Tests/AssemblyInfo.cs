// The tests run the real Linux tools (docker, qemu, go, gcc): they are Linux-only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
