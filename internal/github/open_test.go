package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
	"github.com/vetfolio/vetfolio/internal/source"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func noGH(context.Context) (string, error) { return "", errors.New("gh: not installed") }

// options points the client at the fake server with a private cache.
func options(t *testing.T, srv *githubtest.Server, env map[string]string) Options {
	t.Helper()
	full := map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir()}
	for k, v := range env {
		full[k] = v
	}
	return Options{Env: envOf(full), TokenCommand: noGH, Timeout: 5 * time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
}

// projectRepo is a small FastAPI project in a bulk-then-steady history,
// with a CI workflow.
func projectRepo(t *testing.T) string {
	t.Helper()
	start := time.Date(2024, 2, 5, 10, 0, 0, 0, time.UTC)
	return fixture.Repo(t, "", []fixture.Commit{
		{When: start, Message: "Initial commit", Files: map[string]string{
			"README.md":               "# Project\n\n## Setup\n\n    pip install -r requirements.txt\n",
			"requirements.txt":        "fastapi==0.110.0\nsqlalchemy==2.0.27\n",
			"app/main.py":             "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get(\"/health\")\ndef health():\n    return {\"ok\": True}\n",
			"app/models.py":           "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
			"node_modules/x/index.js": "module.exports = 1\n",
		}},
		{When: start.Add(7 * 24 * time.Hour), Message: "Add CI workflow running pytest", Files: map[string]string{
			".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n",
		}},
		{When: start.Add(14 * 24 * time.Hour), Message: "Add tests for the health endpoint\n\nCovers the happy path.", Files: map[string]string{
			"tests/test_health.py": "def test_health(client):\n    assert client.get('/health').status_code == 200\n",
		}},
	})
}

func open(t *testing.T, target string, opts Options) (*source.Snapshot, error) {
	t.Helper()
	tgt, err := ParseTarget(target)
	if err != nil {
		t.Fatalf("ParseTarget(%q): %v", target, err)
	}
	snap, err := Open(context.Background(), tgt, opts)
	if err == nil {
		t.Cleanup(func() { snap.Close() })
	}
	return snap, err
}

func paths(files []source.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

func TestOpenColdThenWarm(t *testing.T) {
	dir := projectRepo(t)
	repo := githubtest.FromGit(t, dir, "someone", "project")
	repo.Description, repo.Topics = "A FastAPI project", []string{"fastapi", "portfolio"}
	repo.Runs = []githubtest.Run{{Branch: "main", Status: "completed", Conclusion: "success"}, {Branch: "main", Status: "completed", Conclusion: "failure"}}
	repo.Deployments = []githubtest.Deployment{{ID: 7, Environment: "production", Statuses: []githubtest.DeploymentStatus{
		{State: "success", EnvironmentURL: "https://project.onrender.com"}, {State: "in_progress"}}}}
	srv := githubtest.New(repo)
	defer srv.Close()
	opts := options(t, srv, nil)

	stats := &Stats{}
	opts.Stats = stats
	snap, err := open(t, "someone/project", opts)
	if err != nil {
		t.Fatal(err)
	}
	cold := srv.Requests()
	if len(cold) > restBudget {
		t.Errorf("cold audit sent %d REST requests, budget %d: %v", len(cold), restBudget, cold)
	}
	if srv.Downloads() != 1 || stats.Snapshot().Downloads != 1 {
		t.Errorf("downloads = %d, want 1", srv.Downloads())
	}
	t.Logf("cold: %d REST requests %v + %d download", len(cold), cold, srv.Downloads())

	head := fixture.Git(t, dir, "rev-parse", "HEAD")
	if snap.Kind != "github" || snap.Repo != "someone/project" || snap.Commit != head || snap.Display != "someone/project" {
		t.Errorf("snapshot = kind %q repo %q commit %q display %q", snap.Kind, snap.Repo, snap.Commit, snap.Display)
	}
	local, err := source.Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	if got, want := listed(snap.Files), listed(local.Files); got != want {
		t.Errorf("files = %s\nwant (local) %s", got, want)
	}
	if len(snap.Commits) != 3 || snap.Commits[0].Hash != head || snap.Commits[0].Subject != "Add tests for the health endpoint" ||
		snap.Commits[2].Email != "dana@example.com" || !snap.Commits[2].When.Equal(local.Commits[2].When) {
		t.Errorf("commits = %+v", snap.Commits)
	}
	if snap.HistoryTruncated {
		t.Error("history truncated with 3 commits")
	}
	m := snap.Meta
	if m.DefaultBranch != "main" || m.Description != "A FastAPI project" || len(m.Topics) != 2 || m.CIConclusion != "success" || m.DeploymentURL != "https://project.onrender.com" {
		t.Errorf("meta = %+v", m)
	}
	data, err := snap.ReadFile("app/main.py", 1<<20)
	if err != nil || !bytes.Contains(data, []byte("FastAPI()")) {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	tmp := snap.Dir
	snap.Close()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary folder %s still there after Close: %v", tmp, err)
	}

	// Warm: every API answer is revalidated (304), the tarball is reused.
	srv.ResetCounters()
	stats = &Stats{}
	opts.Stats = stats
	snap2, err := open(t, "someone/project", opts)
	if err != nil {
		t.Fatal(err)
	}
	warm := srv.Requests()
	if srv.Downloads() != 0 || !stats.Snapshot().TarballReused {
		t.Errorf("warm audit downloaded the tarball again (%d downloads)", srv.Downloads())
	}
	for _, r := range warm {
		if strings.Contains(r, "/tarball/") {
			t.Errorf("warm audit asked for the tarball link: %s", r)
		}
	}
	if srv.NotModified() != len(warm) || len(warm) == 0 {
		t.Errorf("warm: %d of %d requests answered 304: %v", srv.NotModified(), len(warm), warm)
	}
	t.Logf("warm: %d REST requests, %d answered 304, %d downloads", len(warm), srv.NotModified(), srv.Downloads())
	if listed(snap2.Files) != listed(local.Files) || snap2.Meta.CIConclusion != "success" || len(snap2.Commits) != 3 {
		t.Errorf("warm snapshot differs: files %v meta %+v", paths(snap2.Files), snap2.Meta)
	}

	// --no-cache: everything again, nothing conditional.
	srv.ResetCounters()
	opts.NoCache = true
	if _, err := open(t, "someone/project", opts); err != nil {
		t.Fatal(err)
	}
	if srv.NotModified() != 0 || srv.Downloads() != 1 {
		t.Errorf("--no-cache: %d 304s, %d downloads; want 0 and 1", srv.NotModified(), srv.Downloads())
	}
}

func TestBulkCandidateFilesWithinBudget(t *testing.T) {
	dir := projectRepo(t)
	repo := githubtest.FromGit(t, dir, "someone", "project")
	repo.Runs = []githubtest.Run{{Branch: "main", Status: "in_progress"}}
	srv := githubtest.New(repo)
	defer srv.Close()
	snap, err := open(t, "https://github.com/someone/project", options(t, srv, nil))
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) > restBudget {
		t.Errorf("%d requests: %v", len(reqs), reqs)
	}
	local, err := source.Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	root, lroot := snap.Commits[2], local.Commits[2]
	if root.Added != lroot.Added || root.Changed != lroot.Changed || root.Added != 4 {
		t.Errorf("root commit added/changed = %d/%d, local %d/%d", root.Added, root.Changed, lroot.Added, lroot.Changed)
	}
	if snap.Meta.CIConclusion != "in_progress" || snap.Meta.DeploymentURL != "" {
		t.Errorf("meta = %+v", snap.Meta)
	}
}

func TestHomepageSkipsDeploymentsAndOneCommitNeedsNoDetail(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add files via upload", Files: map[string]string{
		"main.go": "package main\n\nfunc main() {}\n", "go.mod": "module x\n\ngo 1.22\n", "vendor/a/a.go": "package a\n"}}})
	repo := githubtest.FromGit(t, dir, "someone", "api")
	repo.Homepage = "https://api.example.com"
	repo.Fork, repo.Parent, repo.Archived = true, "upstream/api", true
	srv := githubtest.New(repo)
	defer srv.Close()
	snap, err := open(t, "git@github.com:someone/api.git", options(t, srv, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r, "deployments") || strings.Contains(r, "/commits/") || strings.Contains(r, "/actions/") {
			t.Errorf("unneeded request %s", r)
		}
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3: %v", n, srv.Requests())
	}
	if c := snap.Commits[0]; c.Added != 2 || c.Changed != 2 {
		t.Errorf("only commit added/changed = %d/%d, want 2/2 (vendored files left out, as in the local log)", c.Added, c.Changed)
	}
	if got := paths(snap.Files); fmt.Sprint(got) != "[go.mod main.go]" {
		t.Errorf("files = %v", got)
	}
	if m := snap.Meta; m.Homepage != "https://api.example.com" || !m.Fork || m.Parent != "upstream/api" || !m.Archived {
		t.Errorf("meta = %+v", m)
	}
}

// syntheticRepo has n commits and a tiny tarball, without git.
func syntheticRepo(t *testing.T, n int) *githubtest.Repo {
	r := &githubtest.Repo{Owner: "big", Name: "history"}
	start := time.Date(2023, 1, 2, 9, 0, 0, 0, time.UTC)
	for i := n - 1; i >= 0; i-- {
		r.Commits = append(r.Commits, githubtest.Commit{SHA: fmt.Sprintf("%040x", i+1), Name: "A", Email: "A@Example.com",
			Date: start.Add(time.Duration(i) * 24 * time.Hour), Message: fmt.Sprintf("Change %d", i)})
	}
	r.Commits[n-1].Files = []githubtest.FileChange{{Name: "main.go", Status: "added"}, {Name: "README.md", Status: "added"}}
	r.Tarball = githubtest.Tarball(t, githubtest.Entry{Name: "big-history-0000001/", Type: '5'},
		githubtest.Entry{Name: "big-history-0000001/main.go", Body: "package main\n"},
		githubtest.Entry{Name: "big-history-0000001/README.md", Body: "# big\n"})
	return r
}

func TestCommitsArePagedUpToTheCap(t *testing.T) {
	srv := githubtest.New(syntheticRepo(t, 250))
	defer srv.Close()
	opts := options(t, srv, nil)
	snap, err := open(t, "big/history", opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Commits) != 250 || snap.HistoryTruncated {
		t.Errorf("commits = %d truncated %v, want 250 and not truncated", len(snap.Commits), snap.HistoryTruncated)
	}
	if snap.Commits[0].Email != "a@example.com" || snap.Commits[249].Added != 2 {
		t.Errorf("newest %+v oldest %+v", snap.Commits[0], snap.Commits[249])
	}
	pages := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r, "/commits?") {
			pages++
		}
	}
	if pages != 3 || len(srv.Requests()) > restBudget+2 {
		t.Errorf("requests %v: want 3 commit pages within budget+2", srv.Requests())
	}

	srv.ResetCounters()
	opts.CommitCap = 120
	opts.NoCache = true
	snap, err = open(t, "big/history", opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Commits) != 120 || !snap.HistoryTruncated {
		t.Errorf("cap 120: commits = %d truncated %v", len(snap.Commits), snap.HistoryTruncated)
	}
}

func TestRefSelectsTheCommit(t *testing.T) {
	dir := projectRepo(t)
	repo := githubtest.FromGit(t, dir, "someone", "project")
	first := repo.Commits[2].SHA
	repo.Refs = map[string]string{"v0.1": first}
	srv := githubtest.New(repo)
	defer srv.Close()
	opts := options(t, srv, nil)
	opts.Ref = "v0.1"
	snap, err := open(t, "someone/project", opts)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Commit != first || len(snap.Commits) != 1 {
		t.Errorf("commit = %s with %d commits, want %s alone", snap.Commit, len(snap.Commits), first)
	}
	opts.Ref = "nope"
	_, err = open(t, "someone/project", opts)
	var e *Error
	if !errors.As(err, &e) || e.ExitCode() != ExitNotFound || !strings.Contains(err.Error(), `no branch, tag or commit named "nope"`) {
		t.Errorf("unknown ref: %v", err)
	}
}

func TestAPIBase(t *testing.T) {
	ghe := Target{Host: "ghe.example.com", Owner: "o", Name: "r"}
	dot := Target{Host: "github.com", Owner: "o", Name: "r"}
	cases := []struct {
		t    Target
		env  map[string]string
		want string
	}{
		{dot, nil, "https://api.github.com/"},
		{ghe, nil, "https://ghe.example.com/api/v3/"},
		{ghe, map[string]string{"GITHUB_API_URL": "https://ghe.example.com/api/v3"}, "https://ghe.example.com/api/v3/"},
		{dot, map[string]string{"GITHUB_API_URL": "http://127.0.0.1:9/"}, "http://127.0.0.1:9/"},
	}
	for _, c := range cases {
		o := &Options{Env: envOf(c.env)}
		u, err := apiBase(c.t, o)
		if err != nil || u.String() != c.want {
			t.Errorf("apiBase(%s, %v) = %v, %v; want %s", c.t.Host, c.env, u, err, c.want)
		}
	}
	if _, err := apiBase(dot, &Options{Env: envOf(map[string]string{"GITHUB_API_URL": "not a url"})}); err == nil {
		t.Error("a bad GITHUB_API_URL was accepted")
	}
}

func TestTokenSources(t *testing.T) {
	ctx := context.Background()
	gh := func(context.Context) (string, error) { return "gho_fromgh\n", nil }
	cases := []struct {
		env    map[string]string
		cmd    func(context.Context) (string, error)
		source string
	}{
		{map[string]string{"GITHUB_TOKEN": "a", "GH_TOKEN": "b"}, gh, "GITHUB_TOKEN"},
		{map[string]string{"GH_TOKEN": "b"}, gh, "GH_TOKEN"},
		{nil, gh, "gh auth token"},
		{nil, noGH, ""},
	}
	for _, c := range cases {
		o := &Options{Env: envOf(c.env), TokenCommand: c.cmd}
		if got := findToken(ctx, o); got.source != c.source {
			t.Errorf("env %v: token from %q, want %q", c.env, got.source, c.source)
		}
	}
}

func TestFailures(t *testing.T) {
	const secret = "ghp_S3CRETvalue0000"
	dir := projectRepo(t)
	base := githubtest.FromGit(t, dir, "someone", "project")
	cases := []struct {
		name   string
		target string
		setup  func(*githubtest.Server, *githubtest.Repo)
		env    map[string]string
		code   int
		want   []string
	}{
		{"not found without a token", "someone/missing", nil, nil, ExitNotFound,
			[]string{"GET /repos/someone/missing", "not found", "private and no token was given", "GITHUB_TOKEN", "no local folder of that name"}},
		{"private without a token", "someone/project", func(_ *githubtest.Server, r *githubtest.Repo) { r.Private = true }, nil, ExitNotFound,
			[]string{"private and no token was given"}},
		{"not found with a token", "https://github.com/someone/missing", func(s *githubtest.Server, _ *githubtest.Repo) { s.Token = secret },
			map[string]string{"GITHUB_TOKEN": secret}, ExitNotFound, []string{"the token from GITHUB_TOKEN cannot see it"}},
		{"bad token", "someone/project", func(s *githubtest.Server, _ *githubtest.Repo) { s.Token = "other" },
			map[string]string{"GH_TOKEN": secret}, ExitAuth, []string{"refused the token from GH_TOKEN", "401", "expired", "`repo` scope"}},
		{"token without access", "someone/project", func(s *githubtest.Server, r *githubtest.Repo) { s.Token = secret; r.Forbidden = true },
			map[string]string{"GITHUB_TOKEN": secret}, ExitNotFound, []string{"token from GITHUB_TOKEN has no access to someone/project", "403"}},
		{"empty repository", "someone/project", func(_ *githubtest.Server, r *githubtest.Repo) { r.Empty = true }, nil, ExitEmpty,
			[]string{"GET /repos/someone/project/commits", "is empty"}},
		{"rate limit", "someone/project", func(s *githubtest.Server, _ *githubtest.Repo) { s.Remaining = 0 }, nil, ExitRateLimit,
			[]string{"rate limit exhausted", "(60 requests an hour)", "resets at", "minutes)", "set GITHUB_TOKEN", "--wait"}},
		{"secondary limit outlasting the retries", "someone/project", func(s *githubtest.Server, _ *githubtest.Repo) { s.Secondary = 100 }, nil, ExitRateLimit,
			[]string{"secondary rate limit", "retries"}},
		{"server error", "someone/project", func(s *githubtest.Server, _ *githubtest.Repo) {
			s.Fail = map[string]int{"/repos/someone/project/commits": http.StatusBadGateway}
		}, nil, ExitNetwork, []string{"GET /repos/someone/project/commits", "502"}},
		{"corrupt tarball", "someone/project", func(_ *githubtest.Server, r *githubtest.Repo) { r.Tarball = []byte("this is not gzip") }, nil, ExitNetwork,
			[]string{"download tarball of someone/project@", "corrupt or truncated"}},
		{"truncated tarball", "someone/project", func(_ *githubtest.Server, r *githubtest.Repo) { r.Tarball = r.Tarball[:len(r.Tarball)/2] }, nil, ExitNetwork,
			[]string{"corrupt or truncated"}},
		{"timeout", "someone/project", func(s *githubtest.Server, _ *githubtest.Repo) { s.Delay = 300 * time.Millisecond }, nil, ExitNetwork,
			[]string{"GET /repos/someone/project", "timeout"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo := *base
			srv := githubtest.New(&repo)
			defer srv.Close()
			if c.setup != nil {
				c.setup(srv, &repo)
			}
			opts := options(t, srv, c.env)
			opts.Timeout = 100 * time.Millisecond
			if c.name != "timeout" {
				opts.Timeout = 5 * time.Second
			}
			_, err := open(t, c.target, opts)
			var coder interface{ ExitCode() int }
			if !errors.As(err, &coder) || coder.ExitCode() != c.code {
				t.Fatalf("err = %v, want exit code %d", err, c.code)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, secret) {
				t.Errorf("message is not one clean line: %q", msg)
			}
		})
	}
}

func TestNetworkUnreachable(t *testing.T) {
	srv := githubtest.New()
	url := srv.APIURL()
	srv.Close()
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": url}), TokenCommand: noGH, NoCache: true, Timeout: 2 * time.Second}
	_, err := open(t, "someone/project", opts)
	var e *Error
	if !errors.As(err, &e) || e.ExitCode() != ExitNetwork || !strings.Contains(err.Error(), "cannot reach 127.0.0.1") {
		t.Errorf("err = %v", err)
	}
}

func TestSecondaryLimitIsRetried(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	srv.Secondary = 2
	var waits []time.Duration
	opts := options(t, srv, nil)
	opts.Sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	if _, err := open(t, "someone/project", opts); err != nil {
		t.Fatalf("after two secondary limits: %v", err)
	}
	if len(waits) != 2 {
		t.Errorf("waited %v, want two one-second waits (Retry-After: 1)", waits)
	}
}

func TestWaitForThePrimaryLimit(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	srv.Remaining = 0
	srv.Reset = time.Now().Add(3 * time.Second)
	var progress bytes.Buffer
	opts := options(t, srv, nil)
	opts.Wait = true
	opts.Progress = &progress
	slept := 0
	opts.Sleep = func(ctx context.Context, d time.Duration) error {
		slept++
		if slept == 3 {
			srv.Remaining = 60 // the limit resets
		}
		return nil
	}
	start := time.Now()
	if _, err := open(t, "someone/project", opts); err != nil {
		t.Fatalf("--wait: %v", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Error("waited in real time despite the test clock")
	}
	if !strings.Contains(progress.String(), "waiting for the GitHub rate limit to reset") || !strings.Contains(progress.String(), "s left") {
		t.Errorf("no countdown: %q", progress.String())
	}

	// A cancelled wait ends with the rate-limit error.
	srv.Remaining = 0
	srv.Reset = time.Now().Add(time.Hour)
	opts.NoCache = true
	opts.Sleep = func(ctx context.Context, d time.Duration) error { return context.Canceled }
	_, err := open(t, "someone/project", opts)
	var e *Error
	if !errors.As(err, &e) || e.Kind != RateLimited {
		t.Errorf("interrupted wait: %v", err)
	}
}

func TestLowRateNoteWithoutToken(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	srv.Remaining = 8
	snap, err := open(t, "someone/project", options(t, srv, nil))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range snap.Notes {
		found = found || strings.Contains(n, "no GitHub token") && strings.Contains(n, "GITHUB_TOKEN")
	}
	if !found {
		t.Errorf("notes %q lack the low-rate hint", snap.Notes)
	}
	sort.Strings(snap.Notes)
}

func TestGhAuthTokenFromPath(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\n[ \"$1 $2\" = \"auth token\" ] && echo gho_fromgh\n"
	if err := os.WriteFile(bin+"/gh", []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	o := &Options{Env: envOf(map[string]string{"PATH": bin})}
	o.defaults()
	if tok := findToken(context.Background(), o); tok.value != "gho_fromgh" || tok.source != "gh auth token" {
		t.Errorf("token = %q from %q", tok.value, tok.source)
	}
	o = &Options{Env: envOf(nil)}
	o.defaults()
	if tok := findToken(context.Background(), o); tok.value != "" {
		t.Errorf("found a token without gh on PATH: from %q", tok.source)
	}
}

// listed prints files as a snapshot lists them, without Size: a local
// checkout measures only its build output (source.File.Size).
func listed(files []source.File) string {
	out := make([]source.File, len(files))
	for i, f := range files {
		f.Size = 0
		out[i] = f
	}
	return fmt.Sprint(out)
}
