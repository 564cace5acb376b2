package auth

import (
	"math/rand"
	"strings"
	"testing"
)

// closeOfAlone is the scan bracketCloser remembers, without the memory:
// the reference its answers must equal.
func closeOfAlone(code []byte, open int) int {
	depth := 0
	var quote byte
	for i := open; i < len(code); i++ {
		c := code[i]
		if quote != 0 {
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(code)
}

func TestBracketCloserAnswersAsTheScanAlone(t *testing.T) {
	pieces := []string{"(", ")", "[", "]", "{", "}", "'", `"`, `\`, "x", "\n", "def f(", " "}
	rng := rand.New(rand.NewSource(7))
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(60) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		code := []byte(b.String())
		var opens []int
		for i := range code {
			if rng.Intn(3) > 0 { // any position, openers or not, in any order
				opens = append(opens, i)
			}
		}
		rng.Shuffle(len(opens), func(i, j int) { opens[i], opens[j] = opens[j], opens[i] })
		c := newBracketCloser(code)
		for _, o := range opens {
			if got, want := c.closeOf(o), closeOfAlone(code, o); got != want {
				t.Fatalf("closeOf(%d) on %q = %d, the scan alone gives %d", o, code, got, want)
			}
		}
	}
}

// TestUnclosedDefsScanInLinearWork: a file of "def f(" lines, none
// closed, made each def's scan run to the end of the file.
func TestUnclosedDefsScanInLinearWork(t *testing.T) {
	code := []byte(strings.Repeat("def f(\n", 10000))
	c := newBracketCloser(code)
	matches := pyDefRe.FindAllIndex(code, -1)
	c.closeAllBackwards(matches)
	for _, m := range matches {
		if got := c.closeOf(m[1] - 1); got != len(code) {
			t.Fatalf("an unclosed def closes at %d", got)
		}
	}
	if c.scanned > 2*len(code) {
		t.Fatalf("the scans walked %d bytes over a %d-byte file", c.scanned, len(code))
	}
}
