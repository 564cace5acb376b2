package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// cohortEnv serves three copies of the small project and a private one.
func cohortEnv(t *testing.T) map[string]string {
	t.Helper()
	dir := smallProject(t)
	var repos []*githubtest.Repo
	for _, n := range []string{"ana", "ben", "cy"} {
		repos = append(repos, githubtest.FromGit(t, dir, n, "todo-api"))
	}
	private := githubtest.FromGit(t, dir, "dee", "todo-api")
	private.Private = true
	srv := githubtest.New(append(repos, private)...)
	srv.Remaining = 1 << 20
	t.Cleanup(srv.Close)
	return map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir(), "VETFOLIO_NOW": "2024-05-01T12:00:00Z"}
}

func TestAuditSeveralTargets(t *testing.T) {
	env := cohortEnv(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	code := Run(ctx, []string{"audit", "ana/todo-api", "ben/todo-api", "dee/todo-api", "--jobs", "2"}, ghStreams(&out, &errOut, env))
	if code != ExitSomeFailed {
		t.Fatalf("exit %d, want %d (some failed): %s", code, ExitSomeFailed, errOut.String())
	}
	if !strings.Contains(out.String(), "3 targets, 2 audited, 1 failed") || !strings.Contains(out.String(), "error: ") {
		t.Errorf("report:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "dee/todo-api: failed:") || !strings.Contains(errOut.String(), "[3/3]") ||
		!strings.Contains(errOut.String(), "1 of 3 targets could not be audited") || strings.Contains(errOut.String(), "\r") {
		t.Errorf("stderr in a pipe:\n%s", errOut.String())
	}
}

func TestAuditFromBadList(t *testing.T) {
	list := filepath.Join(t.TempDir(), "cohort.txt")
	os.WriteFile(list, []byte("# mentees\nana/todo-api https://ana.example.com Ana\nben/todo-api ftp://nope Ben\n"), 0o644)
	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"audit", "--from", list}, ghStreams(&out, &errOut, map[string]string{}))
	if code != ExitUsage || !strings.Contains(errOut.String(), "cohort.txt:3: deployed URL") {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
	for _, args := range [][]string{
		{"audit", "a/b", "c/d", "--format", "sarif"},
		{"audit", "a/b", "c/d", "--url", "https://x.example.com"},
		{"audit", "a/b", "--shard", "3/2"},
		{"audit", "a/b", "c/d", "--jobs", "0"},
	} {
		errOut.Reset()
		if code := Run(context.Background(), args, ghStreams(&out, &errOut, map[string]string{})); code != ExitUsage {
			t.Errorf("%v: exit %d (%s), want usage", args, code, errOut.String())
		}
	}
}

func TestShardMergeDiffCommands(t *testing.T) {
	env := cohortEnv(t)
	ctx := context.Background()
	tmp := t.TempDir()
	list := filepath.Join(tmp, "cohort.csv")
	os.WriteFile(list, []byte("label,target\nAna,ana/todo-api\nBen,ben/todo-api\nCy,cy/todo-api\n"), 0o644)
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := Run(ctx, args, ghStreams(&out, &errOut, env)); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	whole := run("audit", "--from", list)
	run("audit", "--from", list, "--format", "json", "-o", filepath.Join(tmp, "whole.json"), "--output-dir", "")
	var shards []string
	for _, s := range []string{"1/2", "2/2"} {
		p := filepath.Join(tmp, "shard"+s[:1]+".json")
		run("audit", "--from", list, "--shard", s, "--format", "json", "-o", p)
		shards = append(shards, p)
	}
	merged := run(append([]string{"merge"}, shards...)...)
	if strings.Replace(merged, ", shards 1/2 2/2", "", 1) != whole {
		t.Errorf("merge of the shards:\n%s\nwhole run:\n%s", merged, whole)
	}
	// --output-dir writes the cohort and each repository's own reports.
	dir := filepath.Join(tmp, "out")
	run("merge", shards[0], shards[1], "--format", "csv,html", "--output-dir", dir)
	for _, f := range []string{"cohort.csv", "cohort.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	run("audit", "ana/todo-api", "ben/todo-api", "--format", "json,markdown", "--output-dir", dir)
	for _, f := range []string{"cohort.json", "cohort.md", "ana_todo-api/vetfolio.json", "ben_todo-api/vetfolio.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// diff: cohort against itself changes nothing; single against single.
	d := run("diff", filepath.Join(tmp, "whole.json"), filepath.Join(dir, "cohort.json"))
	if !strings.HasPrefix(d, "vetfolio diff: 0 improved, 0 worse, 2 unchanged score, 0 added, 1 removed") {
		t.Errorf("cohort diff:\n%s", d)
	}
	dj := run("diff", filepath.Join(dir, "ana_todo-api/vetfolio.json"), filepath.Join(dir, "ben_todo-api/vetfolio.json"), "--format", "json")
	var single map[string]any
	if err := json.Unmarshal([]byte(dj), &single); err != nil || single["delta"] != float64(0) {
		t.Errorf("single diff json: %v %s", err, dj)
	}
	var out, errOut bytes.Buffer
	if code := Run(ctx, []string{"diff", filepath.Join(tmp, "whole.json"), filepath.Join(dir, "ana_todo-api/vetfolio.json")}, ghStreams(&out, &errOut, env)); code != ExitUsage {
		t.Errorf("cohort against single: exit %d %s", code, errOut.String())
	}
}

// TestCohortLinksMembersAndColours: with --output-dir the cohort page links
// each audited target's own page written beside it; on a terminal the
// table is coloured and fits its width.
func TestCohortLinksMembersAndColours(t *testing.T) {
	env := cohortEnv(t)
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"audit", "ana/todo-api", "dee/todo-api", "-f", "html", "--output-dir", dir},
		ghStreams(&out, &errOut, env)); code != ExitSomeFailed {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	page, err := os.ReadFile(filepath.Join(dir, "cohort.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ana_todo-api", "vetfolio.html")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<a href="ana_todo-api/vetfolio.html">ana/todo-api</a>`) {
		t.Error("cohort.html does not link ana's own report")
	}
	if strings.Contains(string(page), "dee_todo-api/vetfolio.html") {
		t.Error("cohort.html links a report that was never written (dee failed)")
	}

	out.Reset()
	st := ghStreams(&out, &errOut, env)
	st.OutTTY, st.Width = true, 80
	if code := Run(context.Background(), []string{"audit", "ana/todo-api", "ben/todo-api", "dee/todo-api", "--color", "always"}, st); code != ExitSomeFailed {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "\x1b[3") {
		t.Errorf("no colour in the cohort table on a terminal:\n%s", out.String())
	}
	ansi := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, l := range strings.Split(out.String(), "\n") {
		if n := len([]rune(ansi.ReplaceAllString(l, ""))); n > 80 {
			t.Errorf("a line of %d columns on an 80-column terminal: %q", n, l)
		}
	}
}
