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
	// lits holds literals of which every match contains at least one; nil
	// when no such set could be derived. A literal starting with foldMark
	// is matched without regard to ASCII case (the rest is lower case).
	lits [][]byte
}

// foldMark prefixes a case-insensitive literal; it is not valid UTF-8, so no
// pattern literal starts with it.
const foldMark = 0xff

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
		if l[0] == foldMark {
			if containsFold(b, l[1:]) {
				return true
			}
		} else if bytes.Contains(b, l) {
			return true
		}
	}
	return false
}

// containsFold reports whether b contains lit (lower-case ASCII) in any
// case.
func containsFold(b, lit []byte) bool {
	lower, upper := lit[0], lit[0]
	if 'a' <= lower && lower <= 'z' {
		upper = lower - 'a' + 'A'
	}
	for i := 0; i+len(lit) <= len(b); {
		j := bytes.IndexByte(b[i:], lower)
		if upper != lower {
			if k := bytes.IndexByte(b[i:], upper); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j < 0 {
			return false
		}
		i += j
		if i+len(lit) <= len(b) && bytes.EqualFold(b[i:i+len(lit)], lit) {
			return true
		}
		i++
	}
	return false
}

func (r *Regexp) mayMatchString(s string) bool {
	if r.lits == nil {
		return true
	}
	for _, l := range r.lits {
		if l[0] == foldMark {
			if containsFold([]byte(s), l[1:]) {
				return true
			}
		} else if strings.Contains(s, string(l)) {
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
		if len(re.Rune) == 0 {
			return nil, false
		}
		lit := string(re.Rune)
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if r >= 0x80 {
					return nil, false // Unicode folding is beyond ASCII EqualFold
				}
			}
			return []string{string([]byte{foldMark}) + strings.ToLower(lit)}, true
		}
		return []string{lit}, true
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
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return shortest(a) > shortest(b)
}

func shortest(s []string) int {
	n := -1
	for _, x := range s {
		l := len(strings.TrimPrefix(x, string([]byte{foldMark})))
		if n < 0 || l < n {
			n = l
		}
	}
	return n
}
