package scan

import (
	"regexp"
	"sync"
	"testing"
)

// RegisteredPatterns returns the source of every pattern made with
// MustCompile in this test binary.
func RegisteredPatterns() []string {
	registry.Lock()
	defer registry.Unlock()
	out := make([]string, 0, len(registry.all))
	for _, r := range registry.all {
		out = append(out, r.pattern)
	}
	return out
}

// DetectorPatterns and SampleInputs expose the equivalence test's helpers.
func DetectorPatterns(t *testing.T) []string { return detectorPatterns(t) }

// SampleInputs is sampleInputs for the external tests.
func SampleInputs(t *testing.T) [][]byte { return sampleInputs(t) }

// AssertSameAnswers fails t when the prefiltered search of pattern differs
// from regexp's on in.
func AssertSameAnswers(t *testing.T, pattern string, in []byte) {
	t.Helper()
	assertSameAnswers(t, compileNow(pattern), regexp.MustCompile(pattern), in)
}

// AnchoredShape reports whether pattern is searched by anchored tries,
// with the literals one of which its matches start with (none when they
// start at line starts) and the literals one of which they hold: what a
// hostile input is built from.
func AnchoredShape(pattern string) (anchored bool, starts, required []string) {
	r := cachedNow(pattern)
	if r.lineLocal || r.starts == startAnywhere {
		return false, nil, nil
	}
	return true, r.startTexts(), plain(r.lits)
}

// startTexts returns the texts the starters' candidates begin with: the
// literals, each followed by its follow literals for a gapped starter.
func (r *Regexp) startTexts() []string {
	var out []string
	for _, s := range r.starters {
		if s.kind != startGapped {
			out = append(out, plain(s.lits)...)
			continue
		}
		for _, l := range plain(s.lits) {
			for _, f := range plain(s.follow) {
				out = append(out, l+f)
			}
		}
	}
	return out
}

// plain returns the literals as text, case-insensitive ones lower-cased.
func plain(lits [][]byte) []string {
	var out []string
	for _, l := range lits {
		if l[0] == foldMark {
			l = l[1:]
		}
		out = append(out, string(l))
	}
	return out
}

// TriesWork runs FindAllSubmatchIndex(in, -1) and Match(in) of pattern as
// the engine does, with the tries' budget given (Unlimited to measure what
// they would read), and returns the bytes their tries read.
func TriesWork(pattern string, in []byte, budget int) (findAll [][]int, findAllRead int, match bool, matchRead int) {
	r := cachedNow(pattern)
	findAll, findAllRead = r.findAllAnchoredWithin(in, -1, budget)
	match, matchRead = r.matchAnchoredWithin(in, budget)
	return findAll, findAllRead, match, matchRead
}

// TriesBudget is triesBudget.
func TriesBudget(n int) int { return triesBudget(n) }

// Unlimited is a budget no search reaches.
const Unlimited = unlimited

var compiledForTests sync.Map // pattern -> *Regexp

// cachedNow is compileNow, once per pattern.
func cachedNow(pattern string) *Regexp {
	if r, ok := compiledForTests.Load(pattern); ok {
		return r.(*Regexp)
	}
	r, _ := compiledForTests.LoadOrStore(pattern, compileNow(pattern))
	return r.(*Regexp)
}

// MayMatch is the prefilter: whether in holds one of pattern's required
// literals.
func MayMatch(pattern string, in []byte) bool { return cachedNow(pattern).mayMatch(in) }
