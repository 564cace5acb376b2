package scan

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
)

// Regexp is a regexp.Regexp with a literal prefilter: the detectors run
// hundreds of alternations with word boundaries over every source file,
// and Go's backtracker pays for each one in full even when none of the
// words they need is in the file. Every match must contain one of the
// literals, so when none occurs the regexp is not run at all. Methods not
// overridden here run the regexp as is.
type Regexp struct {
	*regexp.Regexp
	// lits holds one literal of which every match contains at least one;
	// nil when no such set could be derived.
	lits [][]byte
}

// MustCompile compiles a pattern like regexp.MustCompile and derives its
// prefilter.
func MustCompile(pattern string) *Regexp {
	re := regexp.MustCompile(pattern)
	r := &Regexp{Regexp: re}
	if parsed, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		if lits, ok := requiredLiterals(parsed.Simplify()); ok && len(lits) <= 64 {
			for _, l := range lits {
				r.lits = append(r.lits, []byte(l))
			}
		}
	}
	return r
}

// mayMatch reports whether b contains one of the required literals.
func (r *Regexp) mayMatch(b []byte) bool {
	if r.lits == nil {
		return true
	}
	for _, l := range r.lits {
		if bytes.Contains(b, l) {
			return true
		}
	}
	return false
}

func (r *Regexp) mayMatchString(s string) bool {
	if r.lits == nil {
		return true
	}
	for _, l := range r.lits {
		if strings.Contains(s, string(l)) {
			return true
		}
	}
	return false
}

// Match is regexp.Match with the prefilter.
func (r *Regexp) Match(b []byte) bool { return r.mayMatch(b) && r.Regexp.Match(b) }

// MatchString is regexp.MatchString with the prefilter.
func (r *Regexp) MatchString(s string) bool { return r.mayMatchString(s) && r.Regexp.MatchString(s) }

// Find is regexp.Find with the prefilter.
func (r *Regexp) Find(b []byte) []byte {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.Find(b)
}

// FindIndex is regexp.FindIndex with the prefilter.
func (r *Regexp) FindIndex(b []byte) []int {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindIndex(b)
}

// FindSubmatch is regexp.FindSubmatch with the prefilter.
func (r *Regexp) FindSubmatch(b []byte) [][]byte {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindSubmatch(b)
}

// FindSubmatchIndex is regexp.FindSubmatchIndex with the prefilter.
func (r *Regexp) FindSubmatchIndex(b []byte) []int {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindSubmatchIndex(b)
}

// FindAll is regexp.FindAll with the prefilter.
func (r *Regexp) FindAll(b []byte, n int) [][]byte {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindAll(b, n)
}

// FindAllIndex is regexp.FindAllIndex with the prefilter.
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindAllIndex(b, n)
}

// FindAllSubmatch is regexp.FindAllSubmatch with the prefilter.
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindAllSubmatch(b, n)
}

// FindAllSubmatchIndex is regexp.FindAllSubmatchIndex with the prefilter.
func (r *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	if !r.mayMatch(b) {
		return nil
	}
	return r.Regexp.FindAllSubmatchIndex(b, n)
}

// FindStringSubmatch is regexp.FindStringSubmatch with the prefilter.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.mayMatchString(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

// FindAllStringSubmatch is regexp.FindAllStringSubmatch with the prefilter.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.mayMatchString(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}

// requiredLiterals derives a set of literals of which every match of re
// contains at least one. ok is false when no such set exists (the pattern
// can match without any fixed text, or folds case).
func requiredLiterals(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil, false
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpConcat:
		// Among the parts that give a set, keep the most selective.
		var best []string
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub)
			if !ok {
				continue
			}
			if best == nil || better(l, best) {
				best = l
			}
		}
		return best, best != nil
	}
	return nil, false
}

// better prefers the set whose shortest literal is longer (a one-letter
// literal occurs almost everywhere), then the smaller set.
func better(a, b []string) bool {
	sa, sb := min(shortest(a), 6), min(shortest(b), 6)
	if sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

func shortest(s []string) int {
	n := -1
	for _, x := range s {
		if n < 0 || len(x) < n {
			n = len(x)
		}
	}
	return n
}
