package scan

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// detectorPatterns collects the patterns the detectors compile with
// MustCompile, straight from their source, so the prefilter and the
// line-by-line search are checked against every pattern in use.
func detectorPatterns(t *testing.T) []string {
	t.Helper()
	var out []string
	root := filepath.Join("..", "detect")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, chunk := range strings.Split(string(src), "scan.MustCompile(")[1:] {
			if lit, ok := leadingLiteral(chunk); ok {
				out = append(out, lit)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d detector patterns; the extraction is broken", len(out))
	}
	return out
}

// leadingLiteral returns the Go string literal (raw or quoted, possibly
// joined with +) at the start of s, when the whole argument is literal.
func leadingLiteral(s string) (string, bool) {
	var b strings.Builder
	for {
		s = strings.TrimLeft(s, " \t\n")
		switch {
		case strings.HasPrefix(s, "`"):
			end := strings.IndexByte(s[1:], '`')
			if end < 0 {
				return "", false
			}
			b.WriteString(s[1 : 1+end])
			s = s[2+end:]
		case strings.HasPrefix(s, `"`):
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return "", false
			}
			v, _ := strconv.Unquote(q)
			b.WriteString(v)
			s = s[len(q):]
		default:
			return "", false
		}
		s = strings.TrimLeft(s, " \t\n")
		if strings.HasPrefix(s, ")") {
			return b.String(), true
		}
		if !strings.HasPrefix(s, "+") {
			return "", false
		}
		s = s[1:]
	}
}

// sampleInputs are real source files: the fixture projects and the
// bundled example, plus versions with their lines joined and split.
func sampleInputs(t *testing.T) [][]byte {
	t.Helper()
	var out [][]byte
	for _, root := range []string{filepath.Join("..", "e2e", "testdata"), filepath.Join("..", "..", "examples")} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err == nil && len(data) < 64<<10 {
				out = append(out, data, []byte(strings.ReplaceAll(string(data), "\n", " ")),
					[]byte(strings.ReplaceAll(string(data), ", ", ",\n")))
			}
			return nil
		})
	}
	if len(out) < 50 {
		t.Fatalf("found only %d sample inputs", len(out))
	}
	// A tenth of them, spread over the list, keeps the test to seconds
	// while still covering each language's files and each of the shapes.
	var some [][]byte
	for i := 0; i < len(out); i += 10 {
		some = append(some, out[min(i+i/10%3, len(out)-1)])
	}
	return some
}

func TestPrefilteredSearchEqualsRegexpOnEveryDetectorPattern(t *testing.T) {
	patterns := detectorPatterns(t)
	inputs := sampleInputs(t)
	lineLocal := 0
	for _, p := range patterns {
		ours, std := MustCompile(p), regexp.MustCompile(p)
		if ours.compiled(); ours.lineLocal {
			lineLocal++
		}
		for _, in := range inputs {
			assertSameAnswers(t, ours, std, in) // as is, then through its literal index
		}
	}
	t.Logf("%d patterns, %d searched line by line, over %d inputs", len(patterns), lineLocal, len(inputs))
}
