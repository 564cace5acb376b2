package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestIgnoredIsNotExponential: .vetfolio.yaml comes from the audited
// repository, and every file of it is matched against every pattern; a
// pattern alternating ** with * segments once took exponential time in the
// path's depth, enough for one repository to stall a cohort audit.
func TestIgnoredIsNotExponential(t *testing.T) {
	pat := strings.Repeat("**/*/", 12) + "x"
	deep := strings.Repeat("d/", 40) + "y"
	start := time.Now()
	if Ignored([]string{pat}, deep) {
		t.Errorf("Ignored(%q, %q) = true", pat, deep)
	}
	if !Ignored([]string{pat}, strings.Repeat("d/", 40)+"x") {
		t.Errorf("the same pattern does not match a path ending in x")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("matching took %v", d)
	}
}

// TestParseBoundsHostileYAML: the YAML parser takes time quadratic in the
// nesting of flow collections (a 200 KB "[[[...]]]" took 40 s), and the
// audit hands Parse up to 1 MiB from the repository. A configuration file
// is a few hundred bytes; anything far larger is refused before parsing.
func TestParseBoundsHostileYAML(t *testing.T) {
	n := 150_000
	start := time.Now()
	_, err := Parse("h.yaml", []byte("url: "+strings.Repeat("[", n)+strings.Repeat("]", n)))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("parsing took %v", d)
	}
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "larger than") {
		t.Errorf("err = %v, want a too-large error", err)
	}
	// A real file with every setting and long lists stays well within.
	var b strings.Builder
	b.WriteString("url: https://api.example.com\nprofile: saas\nignore:\n")
	for i := range 500 {
		fmt.Fprintf(&b, "  - legacy/module-%d/**\n", i)
	}
	if _, err := Parse("ok.yaml", []byte(b.String())); err != nil {
		t.Errorf("a %d-byte file: %v", b.Len(), err)
	}
}

// TestEveryWeightZero: weights of 0 for every criterion leave nothing to
// score, and the audit would report 0/100, grade F (failing any
// --fail-under) for a project it never judged; the file is refused.
func TestEveryWeightZero(t *testing.T) {
	var b strings.Builder
	b.WriteString("weights:\n")
	for _, id := range criterionIDs() {
		fmt.Fprintf(&b, "  %s: 0\n", id)
	}
	_, err := Parse("w.yaml", []byte(b.String()))
	var e *Error
	if !errors.As(err, &e) || e.Key != "weights" || !strings.Contains(e.Msg, "every criterion") || e.Line != 1 {
		t.Errorf("all weights 0: err = %#v", err)
	}
	// One criterion left out, or one weight above 0, is a real setting.
	one := strings.Replace(b.String(), "auth: 0", "auth: 1", 1)
	if _, err := Parse("w.yaml", []byte(one)); err != nil {
		t.Errorf("one weight above 0: %v", err)
	}
	if _, err := Parse("w.yaml", []byte("weights:\n  auth: 0\n")); err != nil {
		t.Errorf("one weight 0: %v", err)
	}
}
