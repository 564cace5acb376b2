package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

func open(t *testing.T, dir string) *Snapshot {
	t.Helper()
	s, err := Local(context.Background(), dir)
	if err != nil {
		t.Fatalf("Local(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func paths(s *Snapshot) []string {
	var out []string
	for _, f := range s.Files {
		out = append(out, f.Path)
	}
	return out
}

func write(t *testing.T, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

var t0 = time.Date(2024, 2, 5, 10, 0, 0, 0, time.UTC)

func TestLocalGitRepository(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{
		{When: t0, Message: "Initial commit", Files: map[string]string{
			".gitignore": "secrets.txt\nlogs/\n", "README.md": "# shop\n", "app/main.py": "app = 1\n",
		}},
		{When: t0.AddDate(0, 0, 3), Message: "Add orders with their tests", Files: map[string]string{
			"app/orders.py": "orders = 1\n", "tests/test_orders.py": "def test(): pass\n", "app/main.py": "app = 2\n",
			// Committed dependencies and build output are not the candidate's code.
			"node_modules/left-pad/index.js": "module.exports = 1\n", "static/app.min.js": "x\n",
			// Committed build output is listed for the secret scan alone.
			"dist/config.js": "exports.PORT = 3000;\n", "node_modules/x/dist/index.js": "x\n",
		}},
		{When: t0.AddDate(0, 0, 10), Message: "Remove the README draft", Delete: []string{"README.md"}},
	})
	write(t, dir, "notes/todo.md", "untracked, not ignored\n")
	write(t, dir, "secrets.txt", "ignored\n")
	write(t, dir, "logs/app.log", "ignored\n")
	for _, d := range []string{"vendor/lib/x.go", ".venv/lib/site.py", "target/app.jar", "build/out.js", "dist/bundle.js"} {
		write(t, dir, d, "untracked build output\n")
	}

	s := open(t, dir)
	want := []string{".gitignore", "app/main.py", "app/orders.py", "dist/config.js", "notes/todo.md", "tests/test_orders.py"}
	if got := paths(s); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	for _, f := range s.Files {
		if f.Build != (f.Path == "dist/config.js") {
			t.Errorf("%s: Build = %v; only the committed dist/config.js is build output", f.Path, f.Build)
		}
	}
	if s.HistoryReason != "" || len(s.Notes) != 0 {
		t.Errorf("HistoryReason=%q Notes=%q", s.HistoryReason, s.Notes)
	}
	if s.Commit != fixture.Git(t, dir, "rev-parse", "HEAD") {
		t.Errorf("Commit = %s", s.Commit)
	}
	if len(s.Commits) != 3 {
		t.Fatalf("commits = %d, want 3", len(s.Commits))
	}
	// Newest first, with the counts of each commit.
	type counts struct {
		subject                 string
		added, changed, deleted int
	}
	wantCounts := []counts{{"Remove the README draft", 0, 1, 1}, {"Add orders with their tests", 2, 3, 0}, {"Initial commit", 3, 3, 0}}
	for i, c := range s.Commits {
		got := counts{c.Subject, c.Added, c.Changed, c.Deleted}
		if got != wantCounts[i] {
			t.Errorf("commit %d = %+v, want %+v", i, got, wantCounts[i])
		}
	}
	last := s.Commits[0]
	if !last.When.Equal(t0.AddDate(0, 0, 10)) || last.Email != fixture.DefaultEmail || len(last.Hash) != 40 {
		t.Errorf("newest commit = %+v", last)
	}
}

func TestLocalCommitCountMatchesRevList(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{
		{When: t0, Files: map[string]string{"main.go": "package main\n"}},
	})
	fixture.Git(t, dir, "checkout", "-q", "-b", "feature")
	fixture.Repo(t, dir, []fixture.Commit{
		{When: t0.AddDate(0, 0, 1), Files: map[string]string{"users.go": "package main\n"}},
		{When: t0.AddDate(0, 0, 2), Files: map[string]string{"users_test.go": "package main\n"}},
	})
	fixture.Git(t, dir, "checkout", "-q", "main")
	// A merge that only brings the branch in is TREESAME to it, which a
	// pathspec-limited log would drop.
	fixture.Git(t, dir, "merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature")
	fixture.Repo(t, dir, []fixture.Commit{{When: t0.AddDate(0, 0, 5), Files: map[string]string{"README.md": "# api\n"}}})

	want, err := strconv.Atoi(fixture.Git(t, dir, "rev-list", "--count", "HEAD"))
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	if len(s.Commits) != want || want != 5 {
		t.Errorf("commits = %d, rev-list --count HEAD = %d, want both 5", len(s.Commits), want)
	}
	var merges int
	for _, c := range s.Commits {
		if strings.HasPrefix(c.Subject, "Merge branch") {
			merges++
			if c.Added != 0 || c.Changed != 0 {
				t.Errorf("merge counted files: %+v", c)
			}
		}
	}
	if merges != 1 {
		t.Errorf("merges = %d, want 1", merges)
	}
}

func TestLocalSubfolder(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{
		{When: t0, Message: "Add the web client", Files: map[string]string{"web/index.html": "<html></html>\n"}},
		{When: t0.AddDate(0, 0, 1), Message: "Add the API", Files: map[string]string{"api/main.go": "package main\n", "api/go.mod": "module api\n"}},
		{When: t0.AddDate(0, 0, 2), Message: "Style the client", Files: map[string]string{"web/style.css": "body{}\n"}},
		{When: t0.AddDate(0, 0, 3), Message: "Add the users handler", Files: map[string]string{"api/users.go": "package main\n", "web/users.html": "x\n"}},
	})
	s := open(t, filepath.Join(dir, "api"))
	if got, want := paths(s), []string{"go.mod", "main.go", "users.go"}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q (relative to the folder)", got, want)
	}
	var subjects []string
	for _, c := range s.Commits {
		subjects = append(subjects, c.Subject)
	}
	if want := []string{"Add the users handler", "Add the API"}; !slices.Equal(subjects, want) {
		t.Errorf("commits = %q, want %q", subjects, want)
	}
	if s.Commits[0].Added != 1 || s.Commits[0].Changed != 1 {
		t.Errorf("counts outside the folder leaked in: %+v", s.Commits[0])
	}
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "limited") {
		t.Errorf("Notes = %q", s.Notes)
	}
	data, err := s.ReadFile("main.go", 1<<10)
	if err != nil || string(data) != "package main\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}

	// A folder no commit touches (only untracked files) has no history.
	write(t, dir, "docs/guide.md", "# guide\n")
	s = open(t, filepath.Join(dir, "docs"))
	if s.HistoryReason == "" || s.Commits != nil {
		t.Errorf("untouched folder: HistoryReason=%q commits=%d", s.HistoryReason, len(s.Commits))
	}
}

func TestLocalPlainFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.py", "print(1)\n")
	write(t, dir, "pkg/models.py", "x = 1\n")
	write(t, dir, "node_modules/a/index.js", "x\n")
	write(t, dir, ".venv/lib/site.py", "x\n")
	write(t, dir, "static/app.min.js", "x\n")
	s := open(t, dir)
	if got, want := paths(s), []string{"main.py", "pkg/models.py"}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	if !strings.Contains(s.HistoryReason, "not a git repository") || s.Commits != nil || s.Commit != "" {
		t.Errorf("HistoryReason=%q Commits=%v", s.HistoryReason, s.Commits)
	}
}

func TestLocalFolderIgnoredByGit(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{When: t0, Files: map[string]string{".gitignore": "downloads/\n"}}})
	write(t, dir, "downloads/shop/app.py", "app = 1\n")
	s := open(t, filepath.Join(dir, "downloads", "shop"))
	if got := paths(s); !slices.Equal(got, []string{"app.py"}) {
		t.Errorf("files = %q", got)
	}
	if !strings.Contains(s.HistoryReason, "ignores") || s.Commits != nil || s.Commit != "" {
		t.Errorf("HistoryReason=%q Commit=%q", s.HistoryReason, s.Commit)
	}
}

func TestLocalNoCommitsYet(t *testing.T) {
	dir := t.TempDir()
	fixture.Git(t, dir, "init", "-q")
	write(t, dir, "app.js", "const x = 1\n")
	s := open(t, dir)
	if !strings.Contains(s.HistoryReason, "no commits yet") || s.Commits != nil {
		t.Errorf("HistoryReason=%q", s.HistoryReason)
	}
	if got := paths(s); !slices.Equal(got, []string{"app.js"}) {
		t.Errorf("files = %q", got)
	}
}

func TestLocalBadTargets(t *testing.T) {
	empty := t.TempDir()
	file := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(file, []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	onlyDeps := t.TempDir()
	write(t, onlyDeps, "node_modules/x/index.js", "x\n")
	emptyRepo := t.TempDir()
	fixture.Git(t, emptyRepo, "init", "-q")

	for name, target := range map[string]string{
		"empty folder": empty, "a file": file, "missing": filepath.Join(empty, "nope"),
		"only dependencies": onlyDeps, "empty repository": emptyRepo,
	} {
		t.Run(name, func(t *testing.T) {
			s, err := Local(context.Background(), target)
			var te *TargetError
			if !errors.As(err, &te) {
				t.Fatalf("Local = %v, %v; want a *TargetError", s, err)
			}
			if te.Target != target || te.Reason == "" || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %q", err)
			}
		})
	}
}

func TestReadFileSymlinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret.txt", "outside the target\n")
	dir := fixture.Repo(t, "", []fixture.Commit{{When: t0, Files: map[string]string{"app/config.yml": "port: 8080\n"}}})
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "escape.txt")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink("../"+filepath.Base(outside), filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("app/config.yml", filepath.Join(dir, "config.yml")); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	if !slices.Contains(paths(s), "escape.txt") || !slices.Contains(paths(s), "config.yml") {
		t.Fatalf("files = %q: symlinks are listed as themselves", paths(s))
	}
	if data, err := s.ReadFile("escape.txt", 1<<10); err == nil {
		t.Errorf("ReadFile followed a symlink out of the target: %q", data)
	}
	if data, err := s.ReadFile("../"+filepath.Base(outside)+"/secret.txt", 1<<10); err == nil {
		t.Errorf("ReadFile read a path outside the target: %q", data)
	}
	data, err := s.ReadFile("config.yml", 1<<10)
	if err != nil || string(data) != "port: 8080\n" {
		t.Errorf("symlink inside the target: %q, %v", data, err)
	}
}

func TestReadFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "big.json", strings.Repeat("x", 2048))
	write(t, dir, "exact.json", strings.Repeat("x", 1024))
	s := open(t, dir)
	if _, err := s.ReadFile("big.json", 1024); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile(big) = %v, want ErrTooLarge", err)
	}
	if data, err := s.ReadFile("exact.json", 1024); err != nil || len(data) != 1024 {
		t.Errorf("ReadFile(exact) = %d bytes, %v", len(data), err)
	}
	if f := s.Files[0]; f.Path != "big.json" || f.Size != 2048 {
		t.Errorf("Files[0] = %+v", f)
	}
	if _, err := s.ReadFile("missing.json", 1024); err == nil {
		t.Error("ReadFile(missing) = nil error")
	}
}

func TestSkipped(t *testing.T) {
	for p, want := range map[string]bool{
		"node_modules/x/index.js": true, "web/node_modules/x.js": true, "vendor/a.go": true, ".venv/lib/a.py": true,
		".venv3/lib/a.py": true, "target/classes/A.class": true, "build/index.js": true, "dist/app.js": true,
		"static/app.min.js": true, "package-lock.json": true, "pkg.egg-info/PKG-INFO": true,
		"src/main.py": false, "src/build.gradle": false, "cmd/vendorctl/main.go": false, "app/distance.py": false,
		"env/settings.py": false, "bin/run.sh": false,
	} {
		if got := Skipped(p); got != want {
			t.Errorf("Skipped(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestSkippedAndBuildOutputMatchASplitOfThePath checks the folder walk of
// Skipped and BuildOutput against the plain reading of their rule, a
// split of the path at every slash, on paths made of every kind of part.
func TestSkippedAndBuildOutputMatchASplitOfThePath(t *testing.T) {
	skippedDir := func(d string) bool {
		return skippedDirs[d] || strings.HasPrefix(d, ".venv") || strings.HasSuffix(d, ".egg-info")
	}
	wantSkipped := func(p string) bool {
		parts := strings.Split(p, "/")
		for _, d := range parts[:len(parts)-1] {
			if skippedDir(d) {
				return true
			}
		}
		return Skipped(parts[len(parts)-1])
	}
	wantBuild := func(p string) bool {
		parts := strings.Split(p, "/")
		build := false
		for _, d := range parts[:len(parts)-1] {
			switch {
			case buildDirs[d]:
				build = true
			case skippedDir(d):
				return false
			}
		}
		return build && !Skipped(parts[len(parts)-1])
	}
	parts := []string{"", "app", "dist", "node_modules", ".venv3", "x.egg-info", "env", "a.min.js", "yarn.lock", "main.py"}
	var check func(p string, depth int)
	check = func(p string, depth int) {
		if got, want := Skipped(p), wantSkipped(p); got != want {
			t.Errorf("Skipped(%q) = %v, want %v", p, got, want)
		}
		if got, want := BuildOutput(p), wantBuild(p); got != want {
			t.Errorf("BuildOutput(%q) = %v, want %v", p, got, want)
		}
		if depth == 3 {
			return
		}
		for _, part := range parts {
			check(p+"/"+part, depth+1)
		}
	}
	for _, part := range parts {
		check(part, 1)
	}
}
