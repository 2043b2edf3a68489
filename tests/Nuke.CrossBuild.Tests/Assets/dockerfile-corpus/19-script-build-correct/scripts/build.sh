#!/bin/sh
set -eu
export CGO_ENABLED=0
export GOOS="${TARGETOS}" GOARCH="${TARGETARCH}"
case "$TARGETVARIANT" in v6) export GOARM=6 ;; v5) export GOARM=5 ;; *) export GOARM=7 ;; esac
go build -trimpath -o dist/app ./cmd/app
