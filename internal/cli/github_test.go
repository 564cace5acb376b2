package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

func ghStreams(out, errOut *bytes.Buffer, env map[string]string) Streams {
	return Streams{In: strings.NewReader(""), Out: out, ErrOut: errOut,
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
}

func smallProject(t *testing.T) string {
	start := time.Date(2024, 4, 1, 10, 0, 0, 0, time.UTC)
	return fixture.Repo(t, "", []fixture.Commit{
		{When: start, Message: "Start the Express API", Files: map[string]string{
			"package.json": `{"name":"todo-api","dependencies":{"express":"^4.19.2","jsonwebtoken":"^9.0.2"},"devDependencies":{"jest":"^29.7.0"},"scripts":{"test":"jest"}}`,
			"src/app.js":   "const express = require('express')\nconst app = express()\napp.get('/health', (req, res) => res.json({ ok: true }))\napp.get('/todos', (req, res) => res.json([]))\nmodule.exports = app\n",
			"README.md":    "# Todo API\n\n## Setup\n\n    npm install\n    npm start\n",
		}},
		{When: start.Add(8 * 24 * time.Hour), Message: "Test the health endpoint", Files: map[string]string{
			"test/app.test.js": "const request = require('supertest')\nconst app = require('../src/app')\ntest('health', async () => { await request(app).get('/health').expect(200) })\n",
		}},
	})
}

// TestAuditGitHubTargetEndToEnd runs `vetfolio audit someone/project
// --format json` against the fake GitHub and compares it with the local
// audit of the same fixture.
func TestAuditGitHubTargetEndToEnd(t *testing.T) {
	dir := smallProject(t)
	srv := githubtest.New(githubtest.FromGit(t, dir, "someone", "project"))
	defer srv.Close()
	const secret = "ghp_e2eSECRET1234"
	srv.Token = secret
	env := map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir(),
		"GITHUB_TOKEN": secret, "VETFOLIO_NOW": "2024-05-01T12:00:00Z"}
	ctx := context.Background()

	var out, errOut bytes.Buffer
	if code := Run(ctx, []string{"audit", "someone/project", "--format", "json"}, ghStreams(&out, &errOut, env)); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var lout, lerr bytes.Buffer
	if code := Run(ctx, []string{"audit", dir, "--format", "json"}, ghStreams(&lout, &lerr, env)); code != ExitOK {
		t.Fatalf("local exit %d: %s", code, lerr.String())
	}
	var remote, local map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &remote); err != nil {
		t.Fatalf("json: %v\n%s", err, out.String())
	}
	if err := json.Unmarshal(lout.Bytes(), &local); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"facts", "criteria", "score", "grade", "fixes"} {
		if string(remote[k]) != string(local[k]) {
			t.Errorf("%s differs:\n github: %.400s\n local:  %.400s", k, remote[k], local[k])
		}
	}
	var target struct{ Kind, Repo, Commit string }
	json.Unmarshal(remote["target"], &target)
	if target.Kind != "github" || target.Repo != "someone/project" || target.Commit != fixture.Git(t, dir, "rev-parse", "HEAD") {
		t.Errorf("target = %+v", target)
	}
	if strings.Contains(out.String()+errOut.String(), secret) {
		t.Error("the token appears in the output")
	}

	// Warm run: no tarball download, answers revalidated.
	srv.ResetCounters()
	out.Reset()
	if code := Run(ctx, []string{"audit", "someone/project", "--format", "json"}, ghStreams(&out, &errOut, env)); code != ExitOK {
		t.Fatalf("warm exit %d: %s", code, errOut.String())
	}
	if srv.Downloads() != 0 || srv.NotModified() != len(srv.Requests()) {
		t.Errorf("warm: %d downloads, %d of %d answered 304", srv.Downloads(), srv.NotModified(), len(srv.Requests()))
	}
}

func TestAuditGitHubFailuresExitCodes(t *testing.T) {
	dir := smallProject(t)
	srv := githubtest.New(githubtest.FromGit(t, dir, "someone", "project"))
	defer srv.Close()
	base := map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir(), "GITHUB_TOKEN": ""}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name  string
		args  []string
		env   map[string]string
		setup func()
		code  int
		want  string
	}{
		{"not found", []string{"audit", "someone/missing"}, base, nil, ExitNotFound, "not found"},
		{"bad token", []string{"audit", "https://github.com/someone/project"}, with("GITHUB_TOKEN", "ghp_badbadbad"), func() { srv.Token = "good" }, ExitAuth, "refused the token from GITHUB_TOKEN"},
		{"offline", []string{"audit", "someone/project", "--offline"}, base, nil, ExitUsage, "needs the network"},
		{"malformed", []string{"audit", "https://github.com/someone"}, base, nil, ExitUsage, "no repository name"},
		{"unknown ref", []string{"audit", "someone/project", "--ref", "nope"}, base, nil, ExitNotFound, `no branch, tag or commit named "nope"`},
		{"rate limited", []string{"audit", "someone/project", "--no-cache"}, base, func() { srv.Remaining = 0 }, ExitRateLimit, "rate limit exhausted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv.Token, srv.Remaining = "", 60
			if c.setup != nil {
				c.setup()
			}
			var out, errOut bytes.Buffer
			code := Run(context.Background(), c.args, ghStreams(&out, &errOut, c.env))
			if code != c.code || !strings.Contains(errOut.String(), c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut.String(), c.code, c.want)
			}
			if n := strings.Count(strings.TrimSpace(errOut.String()), "\n"); n != 0 {
				t.Errorf("stderr is %d lines: %q", n+1, errOut.String())
			}
			if strings.Contains(errOut.String(), "ghp_badbadbad") {
				t.Error("the token was printed")
			}
		})
	}
}
