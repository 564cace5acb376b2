package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

// A commit subject longer than any line buffer (a hostile or generated
// message of megabytes) once left git blocked on a full pipe and the audit
// waiting for it forever. It must be read, cut short, with the other
// commits intact.
func TestLocalHugeCommitSubject(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{
		{When: t0, Message: "Add the app", Files: map[string]string{"app/main.py": "app = 1\n"}},
	})
	write(t, dir, "app/users.py", "users = 1\n")
	msg := filepath.Join(t.TempDir(), "msg")
	if err := os.WriteFile(msg, []byte(strings.Repeat("x", 6<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fixture.Git(t, dir, "add", "app/users.py")
	fixture.Git(t, dir, "commit", "-q", "-F", msg)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := Local(ctx, dir)
	if ctx.Err() != nil {
		t.Fatal("reading the history hung until the deadline")
	}
	if err != nil {
		t.Fatalf("Local: %v", err)
	}
	defer s.Close()
	if len(s.Commits) != 2 {
		t.Fatalf("commits = %d, want 2", len(s.Commits))
	}
	huge, first := s.Commits[0], s.Commits[1]
	if len(huge.Subject) == 0 || len(huge.Subject) > maxLogLine || strings.Trim(huge.Subject, "x") != "" {
		t.Errorf("huge subject kept %d bytes, want a prefix of at most %d", len(huge.Subject), maxLogLine)
	}
	if huge.Added != 1 || huge.Changed != 1 {
		t.Errorf("huge commit counted Added=%d Changed=%d, want 1 and 1", huge.Added, huge.Changed)
	}
	if first.Subject != "Add the app" || first.Added != 1 {
		t.Errorf("first commit = %+v", first)
	}
}
