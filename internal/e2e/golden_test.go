package e2e

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vetfolio/vetfolio/reports"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// TestGolden compares the text (pipe mode, no colour) and JSON reports of a
// complete and a weak fixture with the files in testdata/golden. After an
// intended change to a rule, a message or a renderer, regenerate them with
//
//	go test ./internal/e2e -run TestGolden -update
//
// and review the diff.
func TestGolden(t *testing.T) {
	cases := []struct {
		fixture  string
		complete bool
	}{
		{"fastapi-complete", true},
		{"express-weak", false},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			plan := weakPlan()
			if tc.complete {
				plan = completePlan()
			}
			sc := runAudit(t, build(t, tc.fixture, plan), tc.fixture)
			for _, g := range []struct {
				format, file string
				verbose      bool
			}{
				{"text", tc.fixture + ".txt", false},
				{"text", tc.fixture + ".verbose.txt", true},
				{"json", tc.fixture + ".json", false},
			} {
				got := render(t, sc, g.format, g.verbose)
				compareGolden(t, filepath.Join("testdata", "golden", g.file), []byte(got))
			}
			// The summary on an 80×24 terminal: one screen, the score on
			// the first line, no line wider than the terminal.
			var screen bytes.Buffer
			if err := (reports.Text{Options: reports.Options{Width: 80}}).Render(&screen, sc); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", "golden", tc.fixture+".80x24.txt"), screen.Bytes())
			lines := strings.Split(strings.TrimSuffix(screen.String(), "\n"), "\n")
			if len(lines) > 24 || !strings.Contains(lines[0], fmt.Sprintf("%d/100", sc.Score)) {
				t.Errorf("the 80x24 summary has %d lines and starts %q", len(lines), lines[0])
			}
			for i, l := range lines {
				if n := utf8.RuneCountInString(l); n > 80 {
					t.Errorf("line %d of the 80x24 summary is %d columns: %q", i+1, n, l)
				}
			}
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
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
		t.Fatalf("%v (create it with: go test ./internal/e2e -run TestGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the report (regenerate with -update after reviewing):\n%s", path, lineDiff(want, got))
	}
	if bytes.Contains(got, []byte("\x1b[")) {
		t.Errorf("%s: pipe-mode output has colour codes", path)
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	var b bytes.Buffer
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 10; i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, w, g)
			shown++
		}
	}
	return b.String()
}
