package code

import (
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// run feeds files (path, content pairs) to a fresh detector the way the
// collector does and returns the facts it writes.
func run(t *testing.T, stack facts.Stack, files ...string) *facts.Facts {
	t.Helper()
	if len(files)%2 != 0 {
		t.Fatal("files must be path, content pairs")
	}
	d := New()
	for i := 0; i < len(files); i += 2 {
		f := scan.File{Path: files[i]}
		if d.Wants(scan.Classify(files[i])) {
			f.Data = []byte(strings.TrimPrefix(files[i+1], "\n"))
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: stack}
	d.Finish(inv)
	return inv
}

func stackOf(lang, fw string, deps ...string) facts.Stack {
	s := facts.Stack{Language: lang, Framework: fw, Dependencies: map[string]bool{}}
	if fw != "" {
		s.Frameworks = []string{fw}
	}
	for _, d := range deps {
		s.Dependencies[d] = true
	}
	return s
}

// wantRoutes asserts the route list holds exactly want (in any order).
func wantRoutes(t *testing.T, f *facts.Facts, want ...string) {
	t.Helper()
	got := slices.Clone(f.Routes.List)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("routes:\n got  %q\n want %q", got, want)
	}
	if f.Endpoints != len(want) {
		t.Errorf("endpoints = %d, want %d", f.Endpoints, len(want))
	}
}
