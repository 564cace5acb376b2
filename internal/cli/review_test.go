package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A cohort has no overall score: its --fail-under message names the
// targets below it, and never an invented "score 0" nor a "minimum" that
// the cohort does not have.
func TestCohortFailUnderMessage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/main.py": "print('a')\n", "b/main.py": "print('b')\n"})
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	code, _, stderr := run(t, nil, "audit", a, b, "--offline", "--fail-under", "100")
	if code != ExitBelowThreshold {
		t.Fatalf("exit %d, want %d: %s", code, ExitBelowThreshold, stderr)
	}
	last := stderr[strings.LastIndex(strings.TrimSpace(stderr), "\n")+1:]
	if strings.Contains(last, "score 0") || strings.Contains(last, "minimum") ||
		!strings.Contains(last, "below --fail-under 100") || !strings.Contains(last, a+" (") || !strings.Contains(last, b+" (") {
		t.Errorf("message %q", last)
	}
}

// Streams built by a caller without an environment (Env nil) must not
// panic when the colour is decided; NO_COLOR counts only when not empty
// (no-color.org).
func TestColorWithoutEnv(t *testing.T) {
	o := &auditOptions{Streams: Streams{OutTTY: true}, Color: "auto"}
	if !o.color() {
		t.Error("a terminal without NO_COLOR: no colour")
	}
	for v, want := range map[string]bool{"": true, "1": false} {
		o.Streams.Env = func(k string) (string, bool) { return v, k == "NO_COLOR" }
		if got := o.color(); got != want {
			t.Errorf("NO_COLOR=%q: colour %v, want %v", v, got, want)
		}
	}
}
