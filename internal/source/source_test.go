package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadEntryRefusesASymlinkSwappedInAfterListing(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("print(1)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, err := Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if len(snap.Files) != 1 || !snap.Files[0].Regular {
		t.Fatalf("files = %+v, want app.py listed as regular", snap.Files)
	}
	data, err := snap.ReadEntry(snap.Files[0], 1<<20)
	if err != nil || string(data) != "print(1)\n" {
		t.Fatalf("ReadEntry = %q, %v", data, err)
	}

	// The file becomes a link out of the tree between listing and reading.
	if err := os.Remove(filepath.Join(dir, "app.py")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "app.py")); err != nil {
		t.Fatal(err)
	}
	if data, err := snap.ReadEntry(snap.Files[0], 1<<20); err == nil {
		t.Fatalf("read %q through a symlink leaving the tree", data)
	}

	big := File{Path: "big.txt", Regular: true}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := snap.ReadEntry(big, 1024); err == nil {
		t.Fatal("a file over the cap was read")
	}
}

func TestSubfolderSeesTheRootGitignoreRuleForEnv(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	git("init", "-q")
	for name, body := range map[string]string{".gitignore": "node_modules\n.env\n", "backend/app.py": "x = 1\n", "frontend/app.js": "x\n"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "-A")
	git("commit", "-qm", "Add a backend and a frontend")
	snap, err := Local(context.Background(), filepath.Join(dir, "backend"))
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if snap.EnvIgnoredAt != "../.gitignore:2" {
		t.Fatalf("EnvIgnoredAt = %q, want ../.gitignore:2", snap.EnvIgnoredAt)
	}

	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("node_modules\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap2, err := Local(context.Background(), filepath.Join(dir, "backend"))
	if err != nil {
		t.Fatal(err)
	}
	defer snap2.Close()
	if snap2.EnvIgnoredAt != "" {
		t.Fatalf("EnvIgnoredAt = %q with no rule ignoring .env", snap2.EnvIgnoredAt)
	}
}

func TestTargetErrorNamesTheCauseWhenThereIsNoHint(t *testing.T) {
	e := &TargetError{Target: "api", Reason: "git could not read the history", Err: errors.New("git log: exit status 128: fatal: bad object HEAD")}
	if got := e.Error(); got != "api: git could not read the history: git log: exit status 128: fatal: bad object HEAD" {
		t.Fatalf("Error() = %q", got)
	}
	e = &TargetError{Target: "api", Reason: "no such folder", Hint: "give the path of a project folder", Err: fs.ErrNotExist}
	if got := e.Error(); got != "api: no such folder; give the path of a project folder" {
		t.Fatalf("Error() = %q", got)
	}
}

// TestReadEntryReadsEveryRegularSizeWhole checks the system-call path on
// the sizes around its buffer and the cap: empty (a non-nil empty slice,
// as the detectors tell "empty" from "not read"), one byte, exactly the
// cap, one over, and a file far larger than its listed size.
func TestReadEntryReadsEveryRegularSizeWhole(t *testing.T) {
	dir := t.TempDir()
	snap := &Snapshot{Dir: dir}
	const max = 4096
	for _, n := range []int{0, 1, 511, 512, 513, max - 1, max, max + 1, 3 * max} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte('a' + i%26)
		}
		if err := os.WriteFile(filepath.Join(dir, "f.txt"), want, 0o644); err != nil {
			t.Fatal(err)
		}
		data, err := snap.ReadEntry(File{Path: "f.txt", Size: 1, Regular: true}, max)
		if n > max {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("size %d over the cap %d: err = %v, want ErrTooLarge", n, max, err)
			}
			continue
		}
		if err != nil || data == nil || string(data) != string(want) {
			t.Errorf("size %d: read %d bytes (nil %v), err %v", n, len(data), data == nil, err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err == nil {
		if _, err := snap.ReadEntry(File{Path: "pipe", Regular: true}, max); !errors.Is(err, ErrNotRegular) {
			t.Errorf("a FIFO listed as regular: err = %v, want ErrNotRegular", err)
		}
	}
}

// TestReadStopsAtTheSizeOnlyWhenItIsTheEnd checks the short-read rule of
// readOpen: a file that grew or shrank since its fstat is still read to
// its end, and one that grew past the cap is refused.
func TestReadStopsAtTheSizeOnlyWhenItIsTheEnd(t *testing.T) {
	dir := t.TempDir()
	content := []byte("0123456789abcdef")
	name := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(name, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		size, max int64
		want      string
		ok        bool
	}{
		{"as fstat said", 16, 1 << 10, string(content), true},
		{"grew since fstat", 4, 1 << 10, string(content), true},
		{"grew from empty", 0, 1 << 10, string(content), true},
		{"shrank since fstat", 40, 1 << 10, string(content), true},
		{"grew past the cap", 8, 10, "", false},
		{"exactly the cap", 16, 16, string(content), true},
	} {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		data, ok := readOpen(fd, c.size, c.max)
		syscall.Close(fd)
		if ok != c.ok || string(data) != c.want {
			t.Errorf("%s: read %q, %v; want %q, %v", c.name, data, ok, c.want, c.ok)
		}
	}
}
