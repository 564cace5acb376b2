package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes vetfolio in-process with the given environment.
func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	st := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	code = Run(context.Background(), args, st)
	return code, out.String(), errOut.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
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

func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/main.py": "print('hi')\n", "afile.txt": "x"})
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "proj")
	cases := []struct {
		name    string
		args    []string
		code    int
		errWant string
	}{
		{"missing path", []string{"audit", filepath.Join(dir, "nope")}, ExitTarget, "no such folder"},
		{"file not folder", []string{"audit", filepath.Join(dir, "afile.txt")}, ExitTarget, "is a file, not a folder"},
		{"empty folder", []string{"audit", filepath.Join(dir, "empty")}, ExitTarget, "has no files to audit"},
		{"unknown format", []string{"audit", proj, "--format", "xml"}, ExitUsage, `unknown format "xml"`},
		{"unknown profile", []string{"audit", proj, "--profile", "startup"}, ExitUsage, `unknown profile "startup"`},
		{"unknown flag", []string{"audit", "--frmat", "json"}, ExitUsage, "unknown flag: --frmat"},
		{"mistyped flag is named", []string{"audit", "--fromat", "json"}, ExitUsage, `unknown flag: --fromat (did you mean "--format"?)`},
		{"mistyped command is named", []string{"audti", proj}, ExitUsage, `unknown command "audti" (did you mean "audit"?)`},
		{"unknown command", []string{"zzzzzz"}, ExitUsage, `unknown command "zzzzzz" ('vetfolio --help' lists the commands)`},
		{"mistyped path under an existing folder", []string{"audit", filepath.Join(dir, "proj", "nope")}, ExitTarget, "no such folder"},
		{"fail-under out of range", []string{"audit", proj, "--fail-under", "101"}, ExitUsage, "--fail-under must be between 0 and 100"},
		{"several formats to stdout", []string{"audit", proj, "-f", "text,json"}, ExitUsage, "several formats need --output"},
		{"bad url", []string{"audit", proj, "--url", "ftp://x"}, ExitUsage, "must start with http"},
		{"url credentials never echoed", []string{"audit", proj, "--url", "gopher://admin:hunter2@example.com"}, ExitUsage, "***@example.com"},
		{"below threshold", []string{"audit", proj, "--offline", "--fail-under", "100"}, ExitBelowThreshold, "is below --fail-under 100"},
		{"unknown check", []string{"rules", "explain", "auth.nope"}, ExitUsage, "no criterion or check"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, nil, tc.args...)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.errWant) {
				t.Fatalf("stderr %q does not contain %q", stderr, tc.errWant)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Fatalf("error is not one line: %q", stderr)
			}
			if strings.Contains(stderr, "hunter2") || strings.Contains(stderr, "goroutine") {
				t.Fatalf("stderr leaks a credential or a stack trace: %q", stderr)
			}
		})
	}
}

func TestAuditWritesJSONContract(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.go": "package main\n\nfunc main() {}\n", "go.mod": "module example.com/x\n\ngo 1.22\n"})
	out := filepath.Join(t.TempDir(), "r", "report.json")
	code, stdout, stderr := run(t, map[string]string{"VETFOLIO_NOW": "2026-01-02T15:04:05Z"}, "audit", dir, "--offline", "--format", "json", "--output", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Fatalf("report went to stdout as well as the file: %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var report map[string]any
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"schema_version", "tool", "target", "profile", "score", "grade", "criteria", "fixes", "facts"} {
		if _, ok := report[key]; !ok {
			t.Errorf("report has no %q", key)
		}
	}
	if report["schema_version"].(float64) != 1 {
		t.Errorf("schema_version = %v", report["schema_version"])
	}
	target := report["target"].(map[string]any)
	if target["kind"] != "local" {
		t.Errorf("target.kind = %v", target["kind"])
	}
	ids := map[string]bool{}
	for _, c := range report["criteria"].([]any) {
		cm := c.(map[string]any)
		ids[cm["id"].(string)] = true
		switch cm["status"] {
		case "pass", "partial", "fail", "skipped":
		default:
			t.Errorf("criterion %v has status %v", cm["id"], cm["status"])
		}
	}
	for _, id := range []string{"auth", "database", "api-docs", "deployment", "history", "errors", "tests", "logging", "readme", "security", "scope"} {
		if !ids[id] {
			t.Errorf("criterion %s missing", id)
		}
	}
	facts := report["facts"].(map[string]any)
	history := facts["history"].(map[string]any)
	if history["available"] != false {
		t.Errorf("a plain folder has history %v", history)
	}
}

func TestAuditPlainTextHasNoColourInAPipe(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": "x = 1\n"})
	code, stdout, _ := run(t, nil, "audit", dir, "--offline")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Fatalf("colour codes in a pipe: %q", stdout)
	}
	if !strings.Contains(strings.SplitN(stdout, "\n", 2)[0], "/100 grade ") {
		t.Fatalf("no score line: %q", stdout)
	}
	code, stdout, _ = run(t, nil, "audit", dir, "--offline", "--color", "always")
	if code != ExitOK || !strings.Contains(stdout, "\x1b[") {
		t.Fatalf("--color always gave no colour (exit %d)", code)
	}
}

func TestOutputDirWritesEveryFormat(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": "x = 1\n"})
	outDir := t.TempDir()
	code, _, stderr := run(t, nil, "audit", dir, "--offline", "-f", "text,json", "--output-dir", outDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"vetfolio.txt", "vetfolio.json"} {
		if fi, err := os.Stat(filepath.Join(outDir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, stdout, _ := run(t, nil, "rules")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, id := range []string{"auth", "database", "scope", "profile saas"} {
		if !strings.Contains(stdout, id) {
			t.Errorf("rules output lacks %q", id)
		}
	}
	code, stdout, _ = run(t, nil, "rules", "--profile", "platform")
	if code != ExitOK || !strings.Contains(stdout, "profile platform") {
		t.Fatalf("rules --profile platform: exit %d, %q", code, stdout)
	}
	code, stdout, _ = run(t, nil, "rules", "explain", "auth")
	if code != ExitOK || !strings.Contains(stdout, "Authentication") {
		t.Fatalf("explain auth: exit %d, %q", code, stdout)
	}
}

func TestVersionAndCompletion(t *testing.T) {
	code, stdout, _ := run(t, nil, "version")
	if code != ExitOK || !strings.HasPrefix(stdout, "vetfolio ") {
		t.Fatalf("version: exit %d, %q", code, stdout)
	}
	code, stdout, _ = run(t, nil, "completion", "bash")
	if code != ExitOK || !strings.Contains(stdout, "__start_vetfolio") {
		t.Fatalf("completion bash: exit %d", code)
	}
}

// TestAuditTextWrapsToTheTerminal: on a terminal the summary is wrapped at
// spaces to its width and fits 24 lines; in a pipe lines stay whole.
func TestAuditTextWrapsToTheTerminal(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/items')\ndef items():\n    return []\n",
		"requirements.txt": "fastapi\n"})
	for _, width := range []int{80, 50} {
		var out bytes.Buffer
		st := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}, OutTTY: true, Width: width,
			Env: func(k string) (string, bool) { return "", false }}
		if code := Run(context.Background(), []string{"audit", dir, "--offline", "--color", "never"}, st); code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) > 24 {
			t.Errorf("width %d: %d lines:\n%s", width, len(lines), out.String())
		}
		for _, l := range lines {
			// A word longer than the line (a temporary folder's path)
			// stands alone rather than being cut.
			if len([]rune(l)) > width && len(strings.Fields(l)) > 1 {
				t.Errorf("width %d: line wider than the terminal: %q", width, l)
			}
		}
	}
	code, stdout, _ := run(t, map[string]string{"COLUMNS": "40"}, "audit", dir, "--offline")
	if code != ExitOK || !strings.Contains(stdout, "note: live probe skipped: --offline: the deployed URL was not tried\n") {
		t.Errorf("a pipe's lines are wrapped (exit %d):\n%s", code, stdout)
	}
}

// A relative "repos/nope" where repos/ exists is a mistyped folder: it must
// fail as a missing folder without a GitHub request (GITHUB_API_URL points
// at nothing that answers, so a request would show as a network error).
func TestMistypedRelativePathIsNotAGitHubRepo(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"repos/real/main.go": "package main\n"})
	t.Chdir(dir)
	code, _, errOut := run(t, map[string]string{"GITHUB_API_URL": "http://127.0.0.1:1/"}, "audit", "repos/nope")
	if code != ExitTarget || !strings.Contains(errOut, "repos/nope: no such folder") {
		t.Errorf("code %d, stderr %q; want %d and a missing folder", code, errOut, ExitTarget)
	}
	// Without a local folder of that name, owner/repo still means GitHub.
	code, _, errOut = run(t, map[string]string{"GITHUB_API_URL": "http://127.0.0.1:1/"}, "audit", "octo/nope")
	if code == ExitTarget || !strings.Contains(errOut, "127.0.0.1:1") {
		t.Errorf("owner/repo: code %d, stderr %q; want a request to the API", code, errOut)
	}
}
