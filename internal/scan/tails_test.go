package scan

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestTextTails(t *testing.T) {
	cases := []struct {
		pattern string
		tails   []string // nil: none derived
	}{
		{`\.py$`, []string{".py"}},
		{`(?:^|/)models(?:\.py|/[^/]+\.py)$`, []string{".py"}},
		{`\.(?:[cm]?js|[cm]?ts)$`, []string{"js", "ts"}},
		{`(?i)\.PHP$`, []string{"\xff.php"}},
		{`(?i)(?:^|/)schema\.sql$`, []string{"\xffql"}}, // s also matches ſ
		{`(?i)tasks$`, nil},                             // nothing after the last s
		{`(?i)x[ab]$`, []string{"A", "B", "a", "b"}},
		{`foo$|(bar)$`, []string{"foo", "bar"}},
		{`\.py`, nil},       // may end anywhere
		{`(?m)\.py$`, nil},  // may end at any line's end
		{`(?:\.py)?$`, nil}, // may match the empty ending
		{`[^/]+$`, nil},     // ends with anything
		{`readme(?:\.md)?$`, nil},
	}
	for _, c := range cases {
		if got := compileNow(c.pattern).tails; !slices.Equal(got, c.tails) {
			t.Errorf("tails of %q = %q, want %q", c.pattern, got, c.tails)
		}
	}
}

// The patterns matched against paths (the packs' schema readers and
// migration tools, the detectors' file names) answer as Go's regexp does,
// on the e2e fixtures' paths and on paths made to stress the endings: other
// cases, runes that fold to ASCII letters, a trailing newline.
func TestTailsNeverChangeAPathsAnswer(t *testing.T) {
	var patterns []string
	for _, root := range []string{"../detect", "../stacks", "../schema", "../source"} {
		patterns = append(patterns, patternsIn(t, root)...)
	}
	var paths []string
	_ = filepath.WalkDir(filepath.Join("..", "e2e", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(filepath.Join("..", "e2e", "testdata"), p)
			rel = filepath.ToSlash(rel)
			paths = append(paths, rel, strings.ToUpper(rel), rel+"\n", rel+"x")
		}
		return nil
	})
	paths = append(paths, "db/schema.sql", "db/SCHEMA.SQL", "db/schema.ſql", "db/schema.sQL", "app/models.py",
		"app/models/user.py", "app/models_1.py", "x.PY", "a.mjs", "a.Ts", "database/migrations/x.PHP",
		"x/Dockerfile", "docker-compose.yml", "compose.YAML", "README", "readme.md", "ſ", "", "\xff", "a/b.k\u212A")
	withTails := 0
	for _, p := range patterns {
		ours, std := MustCompile(p), regexp.MustCompile(p)
		if ours.compiled(); ours.tails != nil {
			withTails++
		}
		for _, s := range paths {
			if got, want := ours.MatchString(s), std.MatchString(s); got != want {
				t.Errorf("%q.MatchString(%q) = %v, regexp says %v", p, s, got, want)
			}
			if got, want := ours.FindStringSubmatch(s), std.FindStringSubmatch(s); !slices.Equal(got, want) {
				t.Errorf("%q.FindStringSubmatch(%q) = %q, regexp says %q", p, s, got, want)
			}
		}
	}
	if withTails < 20 {
		t.Fatalf("only %d of %d patterns have endings; the derivation or the extraction is broken", withTails, len(patterns))
	}
	t.Logf("%d patterns, %d with endings, over %d paths", len(patterns), withTails, len(paths))
}
