package source

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

// monorepo commits a repository with a README, CI and deploy files at the
// root and a backend and a frontend folder.
func monorepo(t *testing.T, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"README.md":                      "# shop\n",
		".github/workflows/ci.yml":       "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd backend && pytest\n",
		".github/workflows/nested/x.yml": "on: push\n", // GitHub does not run it
		".github/dependabot.yml":         "version: 2\n",
		"docker-compose.yml":             "services:\n  api:\n    build: ./backend\n",
		"Makefile":                       "test:\n\tpytest\n",
		"backend/app/main.py":            "from fastapi import FastAPI\napp = FastAPI()\n",
		"backend/requirements.txt":       "fastapi\n",
		"frontend/package.json":          "{}\n",
		"frontend/README.md":             "# web\n",
	}
	for p, c := range extra {
		files[p] = c
	}
	return fixture.Repo(t, "", []fixture.Commit{{When: t0, Message: "Add the shop", Files: files}})
}

func contextPaths(s *Snapshot) (ctx, own []string) {
	for _, f := range s.Files {
		if f.Context {
			ctx = append(ctx, f.Path)
			if !strings.HasPrefix(f.Path, "../") || !f.Regular {
				panic("context file " + f.Path + " is not a regular file outside the folder")
			}
		} else {
			own = append(own, f.Path)
		}
	}
	return ctx, own
}

func TestSubfolderGetsTheRootContextFiles(t *testing.T) {
	dir := monorepo(t, nil)
	s := open(t, filepath.Join(dir, "backend"))
	ctx, own := contextPaths(s)
	if want := []string{"../.github/workflows/ci.yml", "../README.md", "../docker-compose.yml"}; !slices.Equal(ctx, want) {
		t.Errorf("context files = %q, want %q", ctx, want)
	}
	if want := []string{"app/main.py", "requirements.txt"}; !slices.Equal(own, want) {
		t.Errorf("own files = %q, want %q", own, want)
	}
	if !slices.IsSortedFunc(s.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("files are not sorted: %q", paths(s))
	}
	if s.RepoFolder != "backend" {
		t.Errorf("RepoFolder = %q, want backend", s.RepoFolder)
	}
	if !slices.Contains(s.Notes, contextNote) {
		t.Errorf("Notes = %q, want the context note", s.Notes)
	}
	for _, f := range s.Files {
		if f.Path == "../README.md" {
			data, err := s.ReadEntry(f, 1<<10)
			if err != nil || string(data) != "# shop\n" {
				t.Errorf("ReadEntry(../README.md) = %q, %v", data, err)
			}
		}
	}
}

func TestSubfolderReadmeHidesTheRootOne(t *testing.T) {
	dir := monorepo(t, map[string]string{"backend/README.md": "# api\n"})
	s := open(t, filepath.Join(dir, "backend"))
	ctx, _ := contextPaths(s)
	if want := []string{"../.github/workflows/ci.yml", "../docker-compose.yml"}; !slices.Equal(ctx, want) {
		t.Errorf("context files = %q, want %q", ctx, want)
	}
	// Another folder without a README of its own still gets the root one.
	s = open(t, filepath.Join(dir, "frontend"))
	if ctx, _ := contextPaths(s); slices.Contains(ctx, "../README.md") {
		t.Errorf("frontend has its own README, context = %q", ctx)
	}
}

func TestDeeperSubfolderAndUntrackedAndIgnoredFiles(t *testing.T) {
	dir := monorepo(t, map[string]string{
		".gitignore":                 "fly.toml\n",
		"services/api/go.mod":        "module api\n",
		"services/api/main.go":       "package main\n",
		".circleci/config.yml":       "version: 2.1\n",
		".circleci/other.yml":        "version: 2.1\n",
		"docs/render.yaml":           "services: []\n", // not at the root
		"frontend/.travis.yml":       "language: node_js\n",
		"compose.prod.yaml":          "services: {}\n",
		"backend/docker-compose.yml": "services: {}\n",
	})
	write(t, dir, "Procfile", "web: ./api\n") // untracked, not ignored
	write(t, dir, "fly.toml", "app = 'x'\n")  // ignored
	if err := os.Symlink("README.md", filepath.Join(dir, "README.rst")); err != nil {
		t.Fatal(err)
	}
	s := open(t, filepath.Join(dir, "services", "api"))
	ctx, _ := contextPaths(s)
	want := []string{"../../.circleci/config.yml", "../../.github/workflows/ci.yml", "../../Procfile", "../../README.md",
		"../../compose.prod.yaml", "../../docker-compose.yml"}
	if !slices.Equal(ctx, want) {
		t.Errorf("context files = %q, want %q", ctx, want)
	}
	if s.RepoFolder != "services/api" {
		t.Errorf("RepoFolder = %q", s.RepoFolder)
	}
	// The backend's own compose file is its own, not context.
	s = open(t, filepath.Join(dir, "backend"))
	if _, own := contextPaths(s); !slices.Contains(own, "docker-compose.yml") {
		t.Errorf("own files = %q", own)
	}
}

func TestNoContextFilesAtTheRootOrInAPlainFolder(t *testing.T) {
	dir := monorepo(t, nil)
	s := open(t, dir)
	if ctx, _ := contextPaths(s); len(ctx) != 0 || s.RepoFolder != "" || slices.Contains(s.Notes, contextNote) {
		t.Errorf("root audit: context = %q, RepoFolder = %q, notes = %q", ctx, s.RepoFolder, s.Notes)
	}

	plain := t.TempDir()
	write(t, plain, "README.md", "# all\n")
	write(t, plain, ".github/workflows/ci.yml", "on: push\n")
	write(t, plain, "api/main.go", "package main\n")
	s = open(t, filepath.Join(plain, "api"))
	if ctx, _ := contextPaths(s); len(ctx) != 0 || len(s.Notes) != 0 {
		t.Errorf("plain folder: context = %q, notes = %q", ctx, s.Notes)
	}
}

func TestContextFileIsNotReadThroughASymlinkSwappedIn(t *testing.T) {
	dir := monorepo(t, nil)
	s := open(t, filepath.Join(dir, "backend"))
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, filepath.Dir(outside), "secret.txt", "outside\n")
	readme := filepath.Join(dir, "README.md")
	if err := os.Remove(readme); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, readme); err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Files {
		if f.Path == "../README.md" {
			if data, err := s.ReadEntry(f, 1<<10); err == nil {
				t.Fatalf("read %q through a symlink", data)
			}
			return
		}
	}
	t.Fatal("../README.md not listed")
}
