package project

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// file builds a scan.File from a path and its content.
func file(p, content string) scan.File { return scan.File{Path: p, Data: []byte(content)} }

// run feeds the files to a fresh detector the way the collector does and
// returns the facts it finishes, over a stack the test sets.
func run(t *testing.T, st facts.Stack, files ...scan.File) *facts.Facts {
	t.Helper()
	d := New()
	for _, f := range files {
		if !d.Wants(scan.Classify(f.Path)) {
			f.Data = nil
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: st}
	d.Finish(inv)
	return inv
}

func deps(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func TestDetectorSurvivesHostileInput(t *testing.T) {
	junk := string([]byte{0xff, 0xfe, 0x00, '\n', '`', '`', '`'}) + "\xc3\x28 def test_(\n"
	files := []scan.File{
		file("tests/test_x.py", junk), file("README.md", junk), file(".github/workflows/ci.yml", "jobs: [\n  *x\n"+junk),
		file("Dockerfile", junk), file("k8s/app.yaml", junk), file("app.json", junk), file("package.json", junk),
		file(".gitlab-ci.yml", "{{{{"), file("Jenkinsfile", junk), file("README.rst", ""),
	}
	_ = run(t, facts.Stack{Language: "python"}, files...)
}
