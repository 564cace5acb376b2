package collect

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
)

// folderRecorder is a recorder that also learns the repository folder.
type folderRecorder struct {
	recorder
	folder string
	set    bool
}

func (r *folderRecorder) SetRepoFolder(folder string) { r.folder, r.set = folder, true }

func TestContextFilesAreShownButNotCounted(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add the shop", Files: map[string]string{
		"README.md":                "# shop\n",
		".github/workflows/ci.yml": "on: push\n",
		"backend/app/main.py":      "x = 1\n",
		"backend/requirements.txt": "fastapi\n",
		"frontend/package.json":    "{}\n",
	}}})
	snap, err := source.Local(context.Background(), filepath.Join(dir, "backend"))
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	rec := &folderRecorder{recorder: recorder{ext: ".md", contents: map[string]string{}, code: map[string]string{}}}
	f, _, err := Collect(context.Background(), snap, Options{Now: time.Now(), Detectors: []scan.Detector{rec}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Files != 2 {
		t.Errorf("Files = %d, want 2 (the folder's own files, not the root's)", f.Files)
	}
	if want := []string{"../.github/workflows/ci.yml", "../README.md", "app/main.py", "requirements.txt"}; !slices.Equal(rec.paths, want) {
		t.Errorf("paths shown = %q, want %q", rec.paths, want)
	}
	if rec.contents["../README.md"] != "# shop\n" {
		t.Errorf("context README content = %q", rec.contents["../README.md"])
	}
	if !rec.set || rec.folder != "backend" {
		t.Errorf("SetRepoFolder: set=%v folder=%q, want backend", rec.set, rec.folder)
	}
}
