package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vetfolio/vetfolio/internal/cli"
	"github.com/vetfolio/vetfolio/internal/fixture"
)

// runCLI runs vetfolio in-process with a fixed clock and no environment
// beyond it, and returns the exit code and both streams.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"VETFOLIO_NOW": "2024-03-18T09:00:00Z"}
	st := cli.Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	code := cli.Run(context.Background(), args, st)
	if strings.Contains(errOut.String(), "goroutine ") || strings.Contains(errOut.String(), "panic:") {
		t.Fatalf("vetfolio panicked:\n%s", errOut.String())
	}
	return code, out.String(), errOut.String()
}

// report is the part of the JSON report these tests read.
type report struct {
	Criteria []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
		Checks []struct {
			ID      string `json:"id"`
			Message string `json:"message"`
		} `json:"checks"`
	} `json:"criteria"`
	Facts struct {
		History struct {
			Available bool   `json:"available"`
			Reason    string `json:"reason"`
			Commits   int    `json:"commits"`
		} `json:"history"`
		OpenAPI struct {
			Kind         string   `json:"kind"`
			Path         string   `json:"path"`
			Valid        bool     `json:"valid"`
			Error        string   `json:"error"`
			ExternalRefs []string `json:"external_refs"`
		} `json:"openapi"`
		Secrets []struct {
			Path string `json:"path"`
			Rule string `json:"rule"`
		} `json:"secrets"`
		Stack struct {
			Language string `json:"language"`
		} `json:"stack"`
	} `json:"facts"`
	Notes []string `json:"notes"`
}

// auditJSON audits dir offline and decodes the JSON report; the exit code
// must be wantCode.
func auditJSON(t *testing.T, dir string, wantCode int) (report, string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "audit", dir, "--offline", "--format", "json")
	if code != wantCode {
		t.Fatalf("exit %d, want %d; stderr: %s", code, wantCode, stderr)
	}
	var r report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, stdout)
	}
	return r, stdout
}

func (r report) status(id string) string {
	for _, c := range r.Criteria {
		if c.ID == id {
			return c.Status
		}
	}
	return ""
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const miniApp = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get(\"/\")\ndef root():\n    return {\"ok\": True}\n"

func TestCLINoCommits(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.py": miniApp, "requirements.txt": "fastapi\n"})
	fixture.Git(t, dir, "init", "-q")
	r, _ := auditJSON(t, dir, cli.ExitOK)
	if r.Facts.History.Available || r.Facts.History.Reason == "" {
		t.Errorf("history = %+v, want unavailable with a reason", r.Facts.History)
	}
	if got := r.status("history"); got != "skipped" {
		t.Errorf("history status %q, want skipped", got)
	}
	if r.Facts.Stack.Language != "python" {
		t.Errorf("untracked files of a repository with no commits were not audited: language %q", r.Facts.Stack.Language)
	}
	// The text report says why, on one line.
	code, text, stderr := runCLI(t, "audit", dir, "--offline")
	if code != cli.ExitOK {
		t.Fatalf("text: exit %d: %s", code, stderr)
	}
	if !strings.Contains(text, r.Facts.History.Reason) {
		t.Errorf("text report does not give the reason %q:\n%s", r.Facts.History.Reason, text)
	}
}

func TestCLIBinaryHugeAndInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("x = 'jwt bcrypt password'\n", 200_000) // ~5 MiB, one file
	oneLine := strings.Repeat("A", 3<<20)                          // a 3 MiB line
	bin := append([]byte("\x89PNG\r\n\x1a\n\x00\x00"), bytes.Repeat([]byte{0, 0xff, 0xfe, 'j', 'w', 't'}, 50_000)...)
	invalid := "from fastapi import FastAPI\n# caf\xe9 \xff\xfe\xc3\x28\napp = FastAPI()\n\n@app.get(\"/\xff\")\ndef r():\n    return {}\n"
	writeTree(t, dir, map[string]string{
		"main.py": miniApp, "requirements.txt": "fastapi\n",
		"data/huge.py": huge, "data/oneline.js": oneLine, "static/logo.png": string(bin),
		"app/latin1.py": invalid, "README.md": "# caf\xe9 \xff api\n",
	})
	fixture.Repo(t, dir, []fixture.Commit{{Message: "Add the API with odd files", Files: map[string]string{"main.py": miniApp}}})
	fixture.Git(t, dir, "add", "-A")
	fixture.Git(t, dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "Add data, images and a latin-1 module")
	r, out := auditJSON(t, dir, cli.ExitOK)
	if r.Facts.Stack.Language != "python" {
		t.Errorf("language %q, want python", r.Facts.Stack.Language)
	}
	if !json.Valid([]byte(out)) {
		t.Error("report is not valid JSON")
	}
	code, _, stderr := runCLI(t, "audit", dir, "--offline", "--verbose")
	if code != cli.ExitOK {
		t.Fatalf("text: exit %d: %s", code, stderr)
	}
}

func TestCLISymlinkOutsideNotFollowed(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	dir := filepath.Join(root, "project")
	const leaked = "sk_live_51OutsideQm8Kx3VbT7yHc2LpQ9wRfZ"
	writeTree(t, outside, map[string]string{
		"secrets.env":  "STRIPE_SECRET_KEY=" + leaked + "\n",
		"openapi.yaml": "openapi: 3.0.3\ninfo: {title: outside, version: '1'}\npaths: {}\n",
	})
	writeTree(t, dir, map[string]string{"main.py": miniApp, "requirements.txt": "fastapi\n"})
	for name, target := range map[string]string{"config.env": filepath.Join(outside, "secrets.env"), "docs": outside, "openapi.yaml": filepath.Join(outside, "openapi.yaml")} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	// Plain folder and git checkout: neither follows the links out.
	for _, withGit := range []bool{false, true} {
		if withGit {
			fixture.Git(t, dir, "init", "-q")
			fixture.Git(t, dir, "add", "-A")
			fixture.Git(t, dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "Add the API")
		}
		r, out := auditJSON(t, dir, cli.ExitOK)
		if strings.Contains(out, leaked) || strings.Contains(out, "sk_l****") || len(r.Facts.Secrets) > 0 {
			t.Errorf("git=%v: a secret behind a symlink out of the target was read: %+v", withGit, r.Facts.Secrets)
		}
		if r.Facts.OpenAPI.Kind == "static-file" {
			t.Errorf("git=%v: the OpenAPI document behind a symlink out of the target was read: %+v", withGit, r.Facts.OpenAPI)
		}
		if strings.Contains(out, outside) {
			t.Errorf("git=%v: the report names the folder outside the target", withGit)
		}
	}
}

func TestCLIBrokenOpenAPI(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"main.py":          "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/items\")\ndef items():\n    return []\n",
		"requirements.txt": "flask\n",
		// A document with a syntax error a user is likely to commit.
		"docs/openapi.yaml": "openapi: 3.0.3\ninfo:\n  title: Items\n  version: 1.0.0\npaths:\n  /items:\n    get:\n      responses:\n        '200':\n          description: ok\n    - broken: [\n",
	})
	r, _ := auditJSON(t, dir, cli.ExitOK)
	if r.Facts.OpenAPI.Kind != "static-file" || r.Facts.OpenAPI.Valid || r.Facts.OpenAPI.Error == "" {
		t.Errorf("openapi = %+v, want an invalid static-file with the error", r.Facts.OpenAPI)
	}
	if r.Facts.OpenAPI.Path != "docs/openapi.yaml" {
		t.Errorf("openapi path %q", r.Facts.OpenAPI.Path)
	}
}

func TestCLIOpenAPIRefToURLNotFetched(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write([]byte("type: object\nproperties:\n  id: {type: integer}\n"))
	}))
	defer srv.Close()
	ref := srv.URL + "/schemas/item.yaml"
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app.js":       "const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\napp.listen(3000);\n",
		"package.json": `{"name": "items", "dependencies": {"express": "^4.19.2"}}` + "\n",
		"openapi.yaml": "openapi: 3.0.3\ninfo: {title: Items, version: 1.0.0}\npaths:\n  /items:\n    get:\n      summary: List items\n      responses:\n        '200':\n          description: The items\n          content:\n            application/json:\n              schema: {$ref: '" + ref + "'}\n",
	})
	for _, offline := range []bool{true, false} {
		args := []string{"audit", dir, "--format", "json"}
		if offline {
			args = append(args, "--offline")
		}
		code, stdout, stderr := runCLI(t, args...)
		if code != cli.ExitOK {
			t.Fatalf("offline=%v: exit %d: %s", offline, code, stderr)
		}
		var r report
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatal(err)
		}
		if !contains(r.Facts.OpenAPI.ExternalRefs, ref) {
			t.Errorf("offline=%v: external refs %v, want %s reported", offline, r.Facts.OpenAPI.ExternalRefs, ref)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the $ref URL was fetched %d time(s)", n)
	}
}

// hashTree hashes every path, mode, link target and content under dir,
// .git included.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := rel + " " + info.Mode().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			line += " -> " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			line += " " + hex.EncodeToString(sum[:]) + " " + info.ModTime().String()
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

func TestCLINeverWritesIntoTheTarget(t *testing.T) {
	dir := build(t, "fastapi-complete", completePlan())
	// An untracked file and a subfolder audit exercise the same paths.
	writeTree(t, dir, map[string]string{"scratch/notes.txt": "untracked\n"})
	before := hashTree(t, dir)
	out := filepath.Join(t.TempDir(), "reports")
	for _, args := range [][]string{
		{"audit", dir, "--offline"},
		{"audit", dir, "--offline", "--format", "json", "--verbose"},
		{"audit", filepath.Join(dir, "app"), "--offline"},
		{"audit", dir, "--offline", "--format", "text,json", "--output-dir", out},
		{"audit", dir, "--offline", "--fail-under", "100"},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != cli.ExitOK && code != cli.ExitBelowThreshold {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	if after := hashTree(t, dir); after != before {
		t.Error("the audit changed the audited tree (files, modes, times or .git)")
	}
}
