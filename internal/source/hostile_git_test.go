package source

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hostileRepo builds a checkout whose own config asks git to run a
// program at every turn; each program leaves a file named after its hook
// in marks, so a test can tell which ran.
func hostileRepo(t *testing.T) (dir, marks string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir, marks = t.TempDir(), t.TempDir()
	run := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(gitEnv(os.Environ())[:0:0], gitEnv(os.Environ())...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	script := func(name string) string {
		p := filepath.Join(marks, "bin", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		body := "#!/bin/sh\ntouch '" + filepath.Join(marks, name) + "'\ncat >/dev/null 2>&1 </dev/null\nexit 1\n"
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("", "init", "-q")
	write("app.py", "from flask import Flask\napp = Flask(__name__)\n")
	write(".gitattributes", "* diff=evil filter=evil\n")
	run("", "add", "-A")
	run("", "commit", "-qm", "Add the app")
	// A signed-looking commit, so log.showSignature has a signature to
	// hand to gpg.program.
	raw := run("", "cat-file", "commit", "HEAD")
	head, msg, _ := strings.Cut(raw, "\n\n")
	signed := head + "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n" + msg
	sha := strings.TrimSpace(run(signed, "hash-object", "-t", "commit", "-w", "--stdin"))
	run("", "update-ref", "HEAD", sha)
	write("untracked.py", "print(1)\n")

	hooks := filepath.Join(marks, "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"post-checkout", "post-index-change", "reference-transaction", "fsmonitor-watchman", "pre-auto-gc"} {
		if err := os.Symlink(script("hook-"+h), filepath.Join(hooks, h)); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range []string{"post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"} {
		if err := os.Symlink(script("repohook-"+h), filepath.Join(dir, ".git", "hooks", h)); err != nil {
			t.Fatal(err)
		}
	}
	// Settings in an included file count as the repository's too.
	included := filepath.Join(dir, ".git", "evil.cfg")
	if err := os.WriteFile(included, []byte("[core]\n\tpager = "+script("included-pager")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{
		{"core.fsmonitor", script("fsmonitor")},
		{"core.hooksPath", hooks},
		{"log.showSignature", "true"},
		{"gpg.program", script("gpg")},
		{"gpg.openpgp.program", script("gpg-openpgp")},
		{"diff.external", script("diff-external")},
		{"diff.evil.textconv", script("textconv")},
		{"diff.evil.command", script("diff-command")},
		{"filter.evil.clean", script("filter-clean")},
		{"filter.evil.smudge", script("filter-smudge")},
		{"filter.evil.process", script("filter-process")},
		{"core.sshCommand", script("ssh")},
		{"core.pager", script("pager")},
		{"pager.log", script("pager-log")},
		{"core.alternateRefsCommand", script("alternate-refs")},
		{"gc.auto", "1"},
		{"maintenance.auto", "true"},
		{"includeIf.gitdir:/.path", included},
		{"protocol.allow", "always"},
		{"remote.origin.url", "ext::" + script("ext-remote") + " %S"},
	} {
		run("", "config", kv[0], kv[1])
	}
	// The caller's environment is no way in either.
	t.Setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='"+script("env-fsmonitor")+"'")
	t.Setenv("GIT_EXTERNAL_DIFF", script("env-external-diff"))
	t.Setenv("GIT_DIR", t.TempDir())
	return dir, marks
}

func TestAHostileCheckoutRunsNoneOfItsConfiguredPrograms(t *testing.T) {
	dir, marks := hostileRepo(t)
	// Sanity: plain git on this checkout does run them, so a pass below
	// means the audit's git was neutralised, not that the traps are duds.
	probe := exec.Command("git", "-C", dir, "log", "-1")
	probe.Env = append(os.Environ(), "GIT_DIR="+filepath.Join(dir, ".git"))
	if out, err := probe.CombinedOutput(); err != nil {
		t.Logf("plain git log: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(marks, "gpg-openpgp")); err != nil {
		t.Fatalf("the gpg program trap did not fire under plain git: %v", err)
	}
	clearMarks(t, marks)

	snap, err := Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if len(snap.Commits) != 1 || snap.Commit == "" {
		t.Fatalf("commits = %+v, want the one commit read", snap.Commits)
	}
	var paths []string
	for _, f := range snap.Files {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, ","); got != ".gitattributes,app.py,untracked.py" {
		t.Fatalf("files = %s", got)
	}
	entries, err := os.ReadDir(marks)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			t.Errorf("the repository's %s ran during the audit", e.Name())
		}
	}
}

func TestARepositoryOwnedByAnotherUserIsRefusedWithAHint(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to hand the checkout to another user")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	cmd := exec.Command("git", "init", "-q", dir)
	cmd.Env = gitEnv(os.Environ())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 65534, 65534)
	}); err != nil {
		t.Fatal(err)
	}
	_, err := Local(context.Background(), dir)
	var te *TargetError
	if !errors.As(err, &te) || !errors.Is(err, errNotOwned) {
		t.Fatalf("err = %v, want a refusal of a checkout owned by another user", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "safe.directory "+dir) {
		t.Fatalf("message %q should be one line naming the safe.directory command", msg)
	}
}

func clearMarks(t *testing.T, marks string) {
	t.Helper()
	entries, err := os.ReadDir(marks)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			if err := os.Remove(filepath.Join(marks, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
}
