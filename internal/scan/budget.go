package scan

import (
	"io"
	"unicode/utf8"
)

// An anchored try runs the pattern on the text from its candidate to the
// end of the file, and Go's regexp walks that text for as long as a thread
// of the pattern stays alive: class\s+\w+\s*\([^)]*\) tried at each of a
// file's many "class X(" lines, none closed, walks to the end of the file
// from every one of them. Each try is linear, the search is quadratic: a
// hostile 1 MiB file would cost minutes. So the tries of one search share a
// work budget linear in the length of the text, counted in the bytes they
// read; once it is spent, the search is handed to Go's unanchored search,
// which is linear and gives the same matches (findAllAnchored emulates its
// loop), so the budget changes the cost, never the answer.

// triesBudget is how many bytes the anchored tries of one search over n
// bytes may read before the search goes unanchored.
//
// On real source a try dies within a line or two: over the 200 largest
// source files of seven real repositories (saleor, polar, netbox,
// eShopOnWeb, ...) the tries read 0.04 bytes per byte searched, and one
// search of 13,190 read more than the file (6.1 bytes per byte: a C#
// pattern's lazy [^{;]*? crossing a brace-less Python file from each
// "class"; see TestNormalWorkSurvey), where Go's search was faster anyway.
// A byte read by a try costs about what a byte of the unanchored search
// costs (~40 ns against ~36 on a file of blank lines), so two bytes per
// byte keeps every normal search anchored while a hostile one costs at
// most about three plain searches. The constant keeps a small file
// anchored through its few long tries.
func triesBudget(n int) int { return 2*n + 16<<10 }

// smallTry is the longest rest of the text a try runs on as a []byte,
// uncounted: the synthetic benchmark's ~230-byte files lost ~6% of their
// CPU when every try went through a reader.
const smallTry = 256

// unlimited is a budget no search reaches, for tests that measure the work
// the tries would do.
const unlimited = int(^uint(0) >> 1)

// anchoredSearch runs the anchored tries of one search and counts the
// bytes they read.
type anchoredSearch struct {
	r      *Regexp
	b      []byte
	forms  *anchored
	in     tryInput
	budget int
	spent  int // bytes read by the tries so far
}

func (r *Regexp) newAnchoredSearch(b []byte, budget int) *anchoredSearch {
	return &anchoredSearch{r: r, b: b, forms: r.anchoredForms(), budget: budget}
}

// exhausted reports whether the tries have read more than the budget; the
// last try may overshoot it by at most len(b).
func (s *anchoredSearch) exhausted() bool { return s.spent > s.budget }

// tryInput hands a try the text rune by rune, decoded as regexp decodes a
// []byte (an invalid byte is U+FFFD of width 1), and counts the bytes read.
type tryInput struct {
	b    []byte
	read int
}

func (t *tryInput) ReadRune() (rune, int, error) {
	if t.read >= len(t.b) {
		return 0, 0, io.EOF
	}
	if c := t.b[t.read]; c < utf8.RuneSelf {
		t.read++
		return rune(c), 1, nil
	}
	r, w := utf8.DecodeRune(t.b[t.read:])
	t.read += w
	return r, w, nil
}
