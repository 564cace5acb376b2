package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportsAreNeverWrittenThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/app.py": "from flask import Flask\napp = Flask(__name__)\n"})
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(dir, "proj")
	// What a pull request can commit next to where CI writes the report.
	link := filepath.Join(proj, "vetfolio.sarif")
	if err := os.Symlink("../victim", link); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, nil, "audit", proj, "--offline", "--format", "sarif", "--output", link)
	if code == ExitOK || !strings.Contains(stderr, "symlink") {
		t.Errorf("exit %d, stderr %q: want a refusal naming the symlink", code, stderr)
	}
	if data, _ := os.ReadFile(victim); string(data) != "precious\n" {
		t.Fatalf("the report was written through the symlink: victim now %.40q", data)
	}

	// init --force and a .vetfolio.yaml that is a link.
	cfg := filepath.Join(proj, ".vetfolio.yaml")
	if err := os.Symlink("../victim", cfg); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run(t, nil, "init", "--force", proj); code == ExitOK {
		t.Error("init --force wrote through a symlink")
	}
	if data, _ := os.ReadFile(victim); string(data) != "precious\n" {
		t.Fatalf("init wrote through the symlink: victim now %.40q", data)
	}
}

func TestReportsReplaceTheOldOneWhole(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/app.py": "print(1)\n"})
	out := filepath.Join(dir, "out")
	report := filepath.Join(out, "report.json")
	writeFiles(t, out, map[string]string{"report.json": strings.Repeat("old ", 10000)})
	if code, _, stderr := run(t, nil, "audit", filepath.Join(dir, "proj"), "--offline", "--format", "json", "--output", report); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(report)
	if !strings.HasPrefix(string(data), "{") || strings.Contains(string(data), "old ") {
		t.Errorf("report is not the new one whole: %.60q", data)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the report: %v", entries)
	}
}

func TestTwoOutputsNamingOneFileIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/app.py": "print(1)\n"})
	same := filepath.Join(dir, "r.out")
	code, _, stderr := run(t, nil, "audit", filepath.Join(dir, "proj"), "--offline", "--format", "json,text",
		"--output", same, "--output", filepath.Join(dir, ".", "r.out"))
	if code != ExitUsage || !strings.Contains(stderr, "same file") {
		t.Errorf("exit %d, stderr %q: want a usage error naming the clash", code, stderr)
	}
}
