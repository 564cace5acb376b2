package githubtest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

// FromGit builds a Repo from a git repository on disk: its commits (as
// git log lists them from HEAD), each commit's files, and the tarball of
// HEAD made the way GitHub makes it (git archive with an
// owner-name-<sha7>/ prefix).
func FromGit(t testing.TB, dir, owner, name string) *Repo {
	t.Helper()
	const rs, fs = "\x1e", "\x1f"
	out := fixture.Git(t, dir, "log", "--format="+rs+"%H"+fs+"%an"+fs+"%ae"+fs+"%aI"+fs+"%B", "--no-renames", "--name-status")
	r := &Repo{Owner: owner, Name: name, DefaultBranch: "main"}
	for _, rec := range strings.Split(out, rs) {
		if strings.TrimSpace(rec) == "" {
			continue
		}
		f := strings.SplitN(rec, fs, 5)
		if len(f) < 5 {
			t.Fatalf("githubtest: cannot read git log record %q", rec)
		}
		when, err := time.Parse(time.RFC3339, f[3])
		if err != nil {
			t.Fatalf("githubtest: date %q: %v", f[3], err)
		}
		c := Commit{SHA: f[0], Name: f[1], Email: f[2], Date: when}
		// The body runs until the --name-status lines: "A\tpath".
		var msg []string
		for _, line := range strings.Split(f[4], "\n") {
			if st, p, ok := strings.Cut(line, "\t"); ok && len(st) >= 1 && strings.Contains("AMDTRC", st[:1]) {
				status := map[byte]string{'A': "added", 'M': "modified", 'D': "removed", 'T': "changed", 'R': "renamed", 'C': "copied"}[st[0]]
				c.Files = append(c.Files, FileChange{Name: p, Status: status})
				continue
			}
			msg = append(msg, line)
		}
		c.Message = strings.TrimSpace(strings.Join(msg, "\n"))
		r.Commits = append(r.Commits, c)
	}
	if len(r.Commits) == 0 {
		t.Fatalf("githubtest: %s has no commits", dir)
	}
	sha := r.Commits[0].SHA
	cmd := exec.Command("git", "-C", dir, "archive", "--format=tar.gz", "--prefix="+owner+"-"+name+"-"+sha[:7]+"/", "HEAD")
	tarball, err := cmd.Output()
	if err != nil {
		t.Fatalf("githubtest: git archive: %v", err)
	}
	r.Tarball = tarball
	return r
}

// Entry is one entry of a tarball built by Tarball.
type Entry struct {
	Name     string
	Body     string
	Type     byte // tar.TypeReg when zero
	Linkname string
}

// Tarball builds a gzipped tar of the entries, for tests of hostile or
// broken archives.
func Tarball(t testing.TB, entries ...Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		typ := e.Type
		if typ == 0 {
			typ = tar.TypeReg
		}
		h := &tar.Header{Name: e.Name, Typeflag: typ, Linkname: e.Linkname, Mode: 0o644, ModTime: time.Unix(1700000000, 0)}
		if typ == tar.TypeReg {
			h.Size = int64(len(e.Body))
		}
		if typ == tar.TypeDir {
			h.Mode = 0o755
		}
		if typ == tar.TypeXGlobalHeader {
			// git archive records the commit here; Body is the comment.
			h = &tar.Header{Typeflag: typ, Name: e.Name, PAXRecords: map[string]string{"comment": e.Body}}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatalf("githubtest: tar header %s: %v", e.Name, err)
		}
		if typ == tar.TypeReg {
			if _, err := tw.Write([]byte(e.Body)); err != nil {
				t.Fatalf("githubtest: tar %s: %v", e.Name, err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
