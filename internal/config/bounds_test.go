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

// A 64 KiB "ignore: [[[…" is within the size cap, yet its nesting cost
// the YAML parser 1.6 GB; nesting beyond what the schema has is refused
// before parsing, in one line.
func TestParseRefusesDeepFlowNesting(t *testing.T) {
	n := (MaxFileBytes - 16) / 2
	start := time.Now()
	_, err := Parse("h.yaml", []byte("ignore: "+strings.Repeat("[", n)+strings.Repeat("]", n)))
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "nested") || strings.Contains(err.Error(), "\n") || e.Line != 1 {
		t.Errorf("err = %v, want a one-line nesting error at line 1", err)
	}
	// Brackets inside quotes or comments are text, not nesting.
	ok := "ignore:\n  - \"[[[[[[[[[[[[x\" # [[[[[[[[[[[[[\n  - '{{{{{{{{{{{{'\nminimums: {security: {x: [1]}}\n"
	if _, err := Parse("ok.yaml", []byte(ok)); err != nil && strings.Contains(err.Error(), "nested") {
		t.Errorf("quoted brackets counted as nesting: %v", err)
	}
}

// An apostrophe inside a plain scalar does not hide the nesting after it.
func TestDeepNestingAfterAnApostropheIsRefused(t *testing.T) {
	_, err := Parse("h.yaml", []byte("url: don't\nignore: "+strings.Repeat("[", 100)+strings.Repeat("]", 100)))
	if err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("err = %v, want the nesting refused", err)
	}
}

// 100 "**/*a*a…*b" ignore globs against 2,000 deep paths took 24 s: a
// pattern with more * per segment than the cap is a one-line config
// error, and patterns at the cap over the same paths stay well under a
// second's work.
func TestIgnoreGlobsCannotAmplify(t *testing.T) {
	costly := "**/" + strings.Repeat("*a", 12) + "*b"
	_, err := Parse("h.yaml", []byte("ignore:\n  - \""+costly+"\"\n"))
	if err == nil || !strings.Contains(err.Error(), "ignore[0]") || !strings.Contains(err.Error(), "*") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v, want a one-line error naming ignore[0]", err)
	}
	paths := make([]string, 2000)
	for i := range paths {
		paths[i] = strings.Repeat(strings.Repeat("a", 30)+"/", 20) + fmt.Sprintf("%030d", i)
	}
	for _, pat := range []string{costly, "**/" + strings.Repeat("*a", MaxStarsPerSegment-1) + "*b"} {
		pats := make([]string, 100)
		for i := range pats {
			pats[i] = fmt.Sprintf("%s%d", pat, i) // distinct, so none is deduplicated
		}
		set := CompileIgnore(pats)
		start := time.Now()
		for _, p := range paths {
			if set.Ignored(p) {
				t.Fatalf("%q ignores %q", pat, p)
			}
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("100 × %q over 2,000 paths took %v", pat, d)
		}
	}
	// Matching still works: at the cap, a path and its leading folders.
	set := CompileIgnore([]string{"**/*a*a*a*b", "docs"})
	for p, want := range map[string]bool{"x/yaaab/z.go": true, "docs/a.md": true, "src/docs.go": false, "aab": false} {
		if got := set.Ignored(p); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", p, got, want)
		}
	}
}
