package scan

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// A pattern that can span lines cannot be run line by line, and Go's
// unanchored search pays for every byte of the file: it tries a match at
// each position, with every branch of an alternation. When every match of
// the pattern must start at a line start ((?m)^ opening each branch) or
// with one of a few literals (\bcode\s*=, \.include_router\(), only those
// positions can start a match. startAt tries the pattern anchored at each
// such position, in order, and the first that matches is the leftmost
// match: the same answer as the unanchored search, for a fraction of the
// work.
//
// An anchored try at position s must see the text before s as the
// unanchored search does (\b, ^ and \B look one character back), so it runs
// `\A(?s:.)(?:P)` on the text from s-1: the extra dot consumes the one byte
// before s, which is then the context of s. Go's \b only knows ASCII word
// characters, so a byte cut out of a multi-byte character (decoded alone as
// U+FFFD) is as much a non-word character as the whole character was.

// startKind says which positions can start a match.
type startKind uint8

const (
	startAnywhere  startKind = iota // no restriction known: search unanchored
	startLineStart                  // every match starts at a line start
	startLiteral                    // every match starts with one of starts
	startIndented                   // at a line start, indent chars, then one of starts
)

// anchored holds the anchored forms of a pattern, compiled at the first
// file that passes the prefilter.
type anchored struct {
	atText *regexp.Regexp // \A(?:P), for a try at position 0
	after  *regexp.Regexp // \A(?s:.)(?:P), for a try at s > 0 on text[s-1:]
}

func (r *Regexp) anchoredForms() *anchored {
	r.anchorOnce.Do(func() {
		r.anc = &anchored{
			atText: regexp.MustCompile(`\A(?:` + r.pattern + `)`),
			after:  regexp.MustCompile(`\A(?s:.)(?:` + r.pattern + `)`),
		}
	})
	return r.anc
}

// deriveStarts sets r.starts (and r.startLits) from the simplified syntax
// tree.
func (r *Regexp) deriveStarts(re *syntax.Regexp) {
	if leadsWithLineStart(re) {
		r.starts = startLineStart
		// (?m)^[ \t]*class: the line starts worth a try are those of the
		// lines where "class" follows the indentation.
		var indent [256]bool
		if set, ok := indentedPrefix(re, &indent); ok && len(set) <= maxExact && selectiveStarts(set) {
			r.starts, r.indent = startIndented, indent
			for _, l := range set {
				r.startLits = append(r.startLits, []byte(l))
			}
		}
		return
	}
	set, ok := prefixSet(re)
	if !ok || len(set) == 0 || len(set) > maxExact || !selectiveStarts(set) {
		return
	}
	r.starts = startLiteral
	for _, l := range set {
		r.startLits = append(r.startLits, []byte(l))
	}
}

// leadsWithLineStart reports whether every match of re begins with (?m)^.
func leadsWithLineStart(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine:
		return true
	case syntax.OpCapture:
		return leadsWithLineStart(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && leadsWithLineStart(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !leadsWithLineStart(sub) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// indentedPrefix returns the literals one of which follows the line start
// and the indentation in every match of re, a pattern that leads with
// (?m)^; the bytes the indentation may hold are added to indent. ok is false
// when a branch has another shape (^\s* may cross lines, ^\w+ names no
// literal).
func indentedPrefix(re *syntax.Regexp, indent *[256]bool) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpCapture:
		return indentedPrefix(re.Sub[0], indent)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := indentedPrefix(sub, indent)
			if !ok {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, len(set) > 0
	case syntax.OpConcat:
		if len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginLine {
			return nil, false
		}
		rest := re.Sub[1:]
		switch c := rest[0]; c.Op {
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
			if !indentClass(c.Sub[0], indent) {
				return nil, false
			}
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return nil, false
		}
		return prefixSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: rest})
	}
	return nil, false
}

// indentClass adds to indent the bytes re matches, when re is one ASCII
// character or class of them that excludes the newline.
func indentClass(re *syntax.Regexp, indent *[256]bool) bool {
	var ranges []rune
	switch re.Op {
	case syntax.OpCharClass:
		ranges = re.Rune
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Flags&syntax.FoldCase != 0 {
			return false
		}
		ranges = []rune{re.Rune[0], re.Rune[0]}
	default:
		return false
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi >= utf8.RuneSelf || (lo <= '\n' && '\n' <= hi) {
			return false
		}
		for c := lo; c <= hi; c++ {
			indent[c] = true
		}
	}
	return true
}

// prefixSet returns literals one of which every match of re begins with;
// ok is false when none can be named. Zero-width assertions at the start
// are passed over (they constrain where, not what).
func prefixSet(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpCapture:
		return prefixSet(re.Sub[0])
	case syntax.OpPlus:
		return prefixSet(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return prefixSet(re.Sub[0])
		}
		return nil, false
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := prefixSet(sub)
			if !ok || len(set)+len(s) > maxExact {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, len(set) > 0
	case syntax.OpConcat:
		i := 0
		for i < len(re.Sub) && zeroWidth(re.Sub[i].Op) {
			i++
		}
		if i == len(re.Sub) {
			return nil, false
		}
		if c := re.Sub[i]; c.Op == syntax.OpQuest || c.Op == syntax.OpStar {
			// (?:async )?def: a match starts with what the optional part
			// starts with, or with what follows it.
			opt, ok := prefixSet(c.Sub[0])
			if !ok || i+1 == len(re.Sub) {
				return nil, false
			}
			after, ok := prefixSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[i+1:]})
			if !ok || len(opt)+len(after) > maxExact {
				return nil, false
			}
			return append(opt, after...), true
		}
		first, ok := prefixSet(re.Sub[i])
		if !ok {
			return nil, false
		}
		// Lengthen the prefixes with the fixed text that follows, while it
		// is a small finite set: `\.` then `(include_router|…)` start with
		// .include_router, which is rarer than a dot.
		if exact, isExact := exactSet(re.Sub[i]); isExact && !hasEmpty(exact) && slices.Equal(exact, first) {
			run := first
			for j := i + 1; j < len(re.Sub); j++ {
				s, ok := exactSet(re.Sub[j])
				if !ok {
					break
				}
				next := product(run, s)
				if next == nil {
					break
				}
				run = next
			}
			return run, true
		}
		return first, true
	}
	set, exact := exactSet(re)
	if !exact || hasEmpty(set) {
		return nil, false
	}
	return set, true
}

func zeroWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// selectiveStarts reports whether trying the pattern at each occurrence of
// the literals is cheap: their first bytes must be ASCII (so an occurrence
// is always where Go's decoder starts a character), no case-insensitive
// literal may hold s or k (whose Unicode case folds, ſ and K, are not
// ASCII), and a one-byte literal must be a rare sign, not a dot or a
// letter that most lines hold.
func selectiveStarts(set []string) bool {
	for _, l := range set {
		u := unfold(l)
		if u == "" || u[0] >= utf8.RuneSelf {
			return false
		}
		if isFold(l) && strings.ContainsAny(u, "sk") {
			return false
		}
		if len(u) == 1 && !strings.ContainsRune("@#$%<`~", rune(u[0])) {
			return false
		}
	}
	return true
}

// tryAt runs the pattern anchored at at with the context of the whole
// text; it returns the submatch indexes in b's terms, or nil. Far from the
// end, the regexp reads the text through tryInput (budget.go), which
// counts how far the try went: what it really cost, not the length of
// the rest of the text.
func (s *anchoredSearch) tryAt(at int, withCaps bool) []int {
	re, shift := s.forms.atText, 0
	if at > 0 {
		re, shift = s.forms.after, at-1
	}
	var m []int
	if rest := s.b[shift:]; len(rest) <= smallTry {
		// Near the end of the text regexp runs faster on a []byte (its
		// backtracker or one-pass matcher) than through a reader, and
		// these tries are not charged: at most smallTry+1 of them, each
		// reading at most smallTry bytes, a constant per search.
		if !withCaps {
			if re.Match(rest) {
				return []int{at, at} // only "matched" is read
			}
			return nil
		}
		m = re.FindSubmatchIndex(rest)
	} else {
		s.in = tryInput{b: rest}
		defer func() { s.spent += s.in.read }()
		if !withCaps {
			if re.MatchReader(&s.in) {
				return []int{at, at}
			}
			return nil
		}
		m = re.FindReaderSubmatchIndex(&s.in)
	}
	if m == nil {
		return nil
	}
	// The dot consumed the byte before at: the match proper starts at at.
	m[0] = at - shift
	for i := range m {
		if m[i] >= 0 {
			m[i] += shift
		}
	}
	return m
}

// candidates walks the positions at or after pos where a match may start,
// in order: line starts or occurrences of the start literals, stopping
// past the last occurrence of a required literal (a match holds one).
type candidates struct {
	r        *Regexp
	b        []byte
	nextLit  []int // next occurrence of each start literal (-2 unknown, -1 none)
	nextReq  []int // same for the required literals
	lastSeen int
}

func newCandidates(r *Regexp, b []byte) *candidates {
	c := &candidates{r: r, b: b, nextLit: make([]int, len(r.startLits)), nextReq: make([]int, len(r.lits))}
	for i := range c.nextLit {
		c.nextLit[i] = -2
	}
	for i := range c.nextReq {
		c.nextReq[i] = -2
	}
	return c
}

// indented reports whether b[from:to] is all indentation.
func (c *candidates) indented(from, to int) bool {
	for _, ch := range c.b[from:to] {
		if !c.r.indent[ch] {
			return false
		}
	}
	return true
}

// next returns the first candidate at or after pos, or -1.
func (c *candidates) next(pos int) int {
	b := c.b
	if pos > len(b) {
		return -1
	}
	var at int
	switch c.r.starts {
	case startLineStart:
		at = pos
		if pos > 0 && b[pos-1] != '\n' {
			j := bytes.IndexByte(b[pos:], '\n')
			if j < 0 {
				return -1
			}
			at = pos + j + 1
		}
	case startLiteral:
		at = nextOccurrence(b, pos, c.r.startLits, c.nextLit)
		if at < 0 {
			return -1
		}
	case startIndented:
		at = -1
		for q := pos; at < 0; {
			k := nextOccurrence(b, q, c.r.startLits, c.nextLit)
			if k < 0 {
				return -1
			}
			ls := bytes.LastIndexByte(b[:k], '\n') + 1
			if ls >= pos && c.indented(ls, k) {
				at = ls
			}
			q = k + 1
		}
	}
	// A match starting at `at` holds a required literal at or after it.
	if len(c.r.lits) > 0 && nextOccurrence(b, at, c.r.lits, c.nextReq) < 0 {
		return -1
	}
	return at
}

// nextOccurrence returns the first position at or after pos where one of
// lits occurs, remembering each literal's next occurrence in memo so a walk
// over the text costs one pass per literal; a literal b's index (see
// Index) rules out is not searched for.
func nextOccurrence(b []byte, pos int, lits [][]byte, memo []int) int {
	k := -1
	var idx *Index
	looked := false
	for i, l := range lits {
		if memo[i] == -2 { // not searched yet
			if !looked {
				idx, looked = lookup(b), true
			}
			if !idx.mayContainLit(l) {
				memo[i] = -1
			}
		}
		if memo[i] == -1 {
			continue
		}
		if memo[i] < pos {
			if pos > len(b) {
				memo[i] = -1
				continue
			}
			j := indexLiteral(b[pos:], l)
			if j < 0 {
				memo[i] = -1
				continue
			}
			memo[i] = pos + j
		}
		if k < 0 || memo[i] < k {
			k = memo[i]
		}
	}
	return k
}

// findAllAnchored is regexp.FindAllSubmatchIndex for a pattern whose
// matches start only at candidates.
func (r *Regexp) findAllAnchored(b []byte, n int) [][]int {
	out, _ := r.findAllAnchoredWithin(b, n, triesBudget(len(b)))
	return out
}

// findAllAnchoredWithin is the same loop as Go's (an empty match right
// after the previous match is dropped, and the search then moves on one
// character), with each leftmost search done by anchored tries; once the
// tries have read more than budget bytes, it answers with Go's search
// instead. It also returns the bytes the tries read.
func (r *Regexp) findAllAnchoredWithin(b []byte, n, budget int) (_ [][]int, spent int) {
	if n < 0 {
		n = len(b) + 1
	}
	var out [][]int
	c := newCandidates(r, b)
	s := r.newAnchoredSearch(b, budget)
	for pos, prevMatchEnd := 0, -1; len(out) < n && pos <= len(b); {
		var m []int
		for at := c.next(pos); at >= 0; at = c.next(at + 1) {
			if s.exhausted() {
				return r.re.FindAllSubmatchIndex(b, n), s.spent
			}
			if m = s.tryAt(at, true); m != nil {
				break
			}
		}
		if m == nil {
			break
		}
		accept := true
		if m[1] == pos {
			if m[0] == prevMatchEnd {
				accept = false
			}
			if pos < len(b) {
				_, w := utf8.DecodeRune(b[pos:])
				pos += w
			} else {
				pos = len(b) + 1
			}
		} else {
			pos = m[1]
		}
		prevMatchEnd = m[1]
		if accept {
			out = append(out, m)
		}
	}
	return out, s.spent
}

// matchAnchored is regexp.Match for a pattern whose matches start only at
// candidates.
func (r *Regexp) matchAnchored(b []byte) bool {
	ok, _ := r.matchAnchoredWithin(b, triesBudget(len(b)))
	return ok
}

// matchAnchoredWithin is matchAnchored with the budget given; it also
// returns the bytes the tries read.
func (r *Regexp) matchAnchoredWithin(b []byte, budget int) (_ bool, spent int) {
	c := newCandidates(r, b)
	s := r.newAnchoredSearch(b, budget)
	for at := c.next(0); at >= 0; at = c.next(at + 1) {
		if s.exhausted() {
			return r.re.Match(b), s.spent
		}
		if s.tryAt(at, false) != nil {
			return true, s.spent
		}
	}
	return false, s.spent
}
