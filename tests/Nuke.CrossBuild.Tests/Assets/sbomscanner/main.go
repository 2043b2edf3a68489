// A minimal SBOM generator following BuildKit's SBOM scanning protocol (docs/attestations/sbom-protocol.md): it
// lists the regular files of $BUILDKIT_SCAN_SOURCE with their SHA-256 in an SPDX 2.3 document and writes it, as an
// in-toto statement with predicate type https://spdx.dev/Document, to $BUILDKIT_SCAN_DESTINATION/<name>.spdx.json.
// It stands in for docker/buildkit-syft-scanner, which no registry here serves.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

type file struct {
	Name      string     `json:"fileName"`
	ID        string     `json:"SPDXID"`
	Checksums []checksum `json:"checksums"`
}

type checksum struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

func main() {
	source, destination := os.Getenv("BUILDKIT_SCAN_SOURCE"), os.Getenv("BUILDKIT_SCAN_DESTINATION")
	if source == "" || destination == "" {
		fmt.Fprintln(os.Stderr, "BUILDKIT_SCAN_SOURCE and BUILDKIT_SCAN_DESTINATION must be set")
		os.Exit(2)
	}

	files := []file{}
	err := filepath.WalkDir(source, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		rel, _ := filepath.Rel(source, path)
		files = append(files, file{"/" + rel, fmt.Sprintf("SPDXRef-File-%d", len(files)), []checksum{{"SHA256", hex.EncodeToString(h.Sum(nil))}}})
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	name := filepath.Base(source)
	statement := map[string]any{
		"_type":         "https://in-toto.io/Statement/v0.1",
		"predicateType": "https://spdx.dev/Document",
		"subject":       []any{},
		"predicate": map[string]any{
			"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": name,
			"documentNamespace": "https://example.com/crossbuild-tests/" + name,
			"creationInfo":      map[string]any{"created": "1970-01-01T00:00:00Z", "creators": []string{"Tool: crossbuild-tests-sbomscanner"}},
			"files":             files,
		},
	}
	out, err := os.Create(filepath.Join(destination, name+".spdx.json"))
	if err == nil {
		err = json.NewEncoder(out).Encode(statement)
		if closeErr := out.Close(); err == nil {
			err = closeErr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
