package reports

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenRenderers are the formats under golden test; SARIF reads its rule
// docs from the fixture catalog.
func goldenRenderers() map[string]Renderer {
	return map[string]Renderer{
		"txt":         Text{},
		"verbose.txt": Text{Options: Options{Verbose: true}},
		"color.txt":   Text{Options: Options{Color: true}},
		"80x24.txt":   Text{Options: Options{Width: 80}},
		"json":        RendererFunc(JSON),
		"md":          Markdown{},
		"sarif":       SARIF{lookup: fixtureCatalog},
		"html":        HTML{doc: fixtureDoc},
		"badge.json":  RendererFunc(Badge),
	}
}

func TestGolden(t *testing.T) {
	for name, sc := range fixtureScorecards() {
		for ext, r := range goldenRenderers() {
			t.Run(name+"."+ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.Render(&buf, sc); err != nil {
					t.Fatalf("render: %v", err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", name+"."+ext), buf.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./reports -update rewrites it):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line, enough to see what changed.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return "(same lines, different bytes)"
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestTextSummaryFitsOneScreen keeps the default text report to one 80×24
// screen with the score on its first line, every word whole, and the
// verbose one complete.
func TestTextSummaryFitsOneScreen(t *testing.T) {
	for name, sc := range fixtureScorecards() {
		var short, long bytes.Buffer
		if err := (Text{}).Render(&short, sc); err != nil {
			t.Fatal(err)
		}
		if err := (Text{Options: Options{Verbose: true}}).Render(&long, sc); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(short.String(), "\n"); n > screenLines {
			t.Errorf("%s: the summary has %d lines, more than one screen", name, n)
		}
		for _, width := range []int{80, 60} {
			var term bytes.Buffer
			if err := (Text{Options: Options{Width: width}}).Render(&term, sc); err != nil {
				t.Fatal(err)
			}
			checkScreen(t, fmt.Sprintf("%s at %d columns", name, width), sc, term.String(), width, short.String()+long.String())
		}
		for _, cr := range sc.Criteria {
			if !strings.Contains(short.String(), cr.ID) {
				t.Errorf("%s: summary lacks criterion %s", name, cr.ID)
			}
			for _, k := range cr.Checks {
				if !strings.Contains(long.String(), k.ID+": ") {
					t.Errorf("%s: --verbose lacks check %s", name, k.ID)
				}
				for _, e := range limit(k.Evidence, 3) {
					if !strings.Contains(long.String(), evidenceString(e)) {
						t.Errorf("%s: --verbose lacks evidence %s of %s", name, evidenceString(e), k.ID)
					}
				}
			}
		}
		for _, fx := range sc.Fixes {
			if !strings.Contains(long.String(), fx.Check) {
				t.Errorf("%s: --verbose lacks fix %s", name, fx.Check)
			}
			for _, s := range fx.Steps {
				if !strings.Contains(long.String(), s) {
					t.Errorf("%s: --verbose lacks step %q", name, s)
				}
			}
		}
	}
}

// checkScreen checks a summary written for a terminal of width columns:
// at most 24 lines, none wider than the terminal, the score on the first
// line, and no word split across lines (every word of it is a word of the
// unwrapped reports).
func checkScreen(t *testing.T, name string, sc *rules.Scorecard, out string, width int, unwrapped string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) > screenLines {
		t.Errorf("%s: %d lines, more than %d:\n%s", name, len(lines), screenLines, out)
	}
	if !strings.Contains(lines[0], fmt.Sprintf("%d/100", sc.Score)) {
		t.Errorf("%s: the first line %q lacks the score", name, lines[0])
	}
	whole := map[string]bool{"…": true}
	// The summary's own words when it folds fixes or notes to fit.
	folds := "Top of fixes (--verbose shows all, with every step): notes (--verbose shows them)"
	for _, w := range strings.Fields(unwrapped + " " + folds) {
		whole[w] = true
	}
	for i, l := range lines {
		if n := visibleWidth(l); n > width {
			t.Errorf("%s: line %d is %d columns wide: %q", name, i+1, n, l)
		}
		for _, w := range strings.Fields(l) {
			bar := strings.Trim(w, "#.") == ""
			if _, err := strconv.Atoi(w); !whole[w] && !bar && err != nil {
				t.Errorf("%s: line %d holds %q, not a whole word of the report: %q", name, i+1, w, l)
			}
		}
	}
}

// TestRenderersNeverPanic feeds every format an empty, a nil-facts and a
// hostile scorecard.
func TestRenderersNeverPanic(t *testing.T) {
	hostile := weakScorecard()
	hostile.Target.Path = "../\x00\xff<script>"
	hostile.Criteria[0].Checks[0].Message = "\xff\xfe`unclosed <b>|" + strings.Repeat("x", 1<<16)
	hostile.Fixes[0].Evidence = []rules.Location{{Path: "a b/(c).py", Line: -1}, {URL: "javascript:alert(1)"}}
	// A scorecard read back from a JSON file (diff, cohort) or built by
	// another program may hold scores outside 0..100.
	outOfRange := strongScorecard()
	outOfRange.Score, outOfRange.Criteria[0].Score, outOfRange.Criteria[1].Score = 140, 150, -20
	cases := map[string]*rules.Scorecard{"empty": {}, "nil facts": {Criteria: strongScorecard().Criteria}, "hostile": hostile,
		"out of range": outOfRange}
	for _, name := range Formats() {
		for cname, sc := range cases {
			for _, color := range []bool{false, true} {
				r, err := Lookup(name, Options{Verbose: true, Color: color})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Errorf("%s on %s (colour %v): panic: %v", name, cname, color, p)
						}
					}()
					if err := r.Render(&buf, sc); err != nil {
						t.Errorf("%s on %s: %v", name, cname, err)
					}
				}()
			}
		}
		r, _ := Lookup(name, Options{})
		if err := r.Render(&bytes.Buffer{}, nil); err == nil && name != "json" {
			t.Errorf("%s accepted a nil scorecard", name)
		}
	}
	var buf bytes.Buffer
	if err := (HTML{}).Render(&buf, hostile); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<b>") || strings.Contains(buf.String(), `href="javascript:`) {
		t.Error("HTML let markup or a javascript: link through")
	}
}
