package collect

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
)

// buildRecorder reads committed build output too, as the secret scan does.
type buildRecorder struct{ recorder }

func (r *buildRecorder) WantsBuild(p scan.PathInfo) bool { return r.Wants(p) }

// Committed build output reaches only the detectors that read it: the
// others never see its path, and it is not counted as the candidate's file.
func TestBuildOutputReachesOnlyBuildReaders(t *testing.T) {
	snap := snapshotOf(t, map[string]string{
		"src/config.ts.example": "export const SECRET = '';\n",
		"src/main.js":           "const x = 1;\n",
	})
	snap.Files = append(snap.Files, source.File{Path: "dist/config.js", Size: 30, Regular: true, Build: true})
	if err := os.MkdirAll(filepath.Join(snap.Dir, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(snap.Dir, "dist", "config.js"), []byte("exports.SECRET = 'k';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := &recorder{ext: ".js", contents: map[string]string{}, code: map[string]string{}}
	secrets := &buildRecorder{recorder{ext: ".js", contents: map[string]string{}, code: map[string]string{}}}
	f, _, err := Collect(context.Background(), snap, Options{Detectors: []scan.Detector{plain, secrets}})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(plain.paths, "dist/config.js") {
		t.Fatalf("a detector that does not read build output saw it: %v", plain.paths)
	}
	if got := secrets.contents["dist/config.js"]; got != "exports.SECRET = 'k';\n" {
		t.Fatalf("the build reader got %q for dist/config.js", got)
	}
	if f.Files != 2 {
		t.Fatalf("facts count %d files, want the 2 of the candidate's own", f.Files)
	}
}
