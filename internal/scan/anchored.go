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
// positions can start a match. Each branch of an alternation may name its
// own: \brun_test! beside ^[ \t]*describe; a bracket followed, past the
// blanks, by Required (\[\s*Required); a character before NotFound
// ((?:^|[^\w.])NotFound). tryAt tries the pattern anchored at each such
// position, in order, and the first that matches is the leftmost match:
// the same answer as the unanchored search, for a fraction of the work:
// the branch starters took a quarter of the CPU off jellyfin's C# audit.
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
	startLiteral                    // every match starts with one of the literals
	startIndented                   // at a line start, indent chars, then one of the literals
	startGapped                     // one of the literals, a run of gap bytes, then one of follow
	startBefore                     // at one of the literals, or one character before it
	startMixed                      // several starters: the branches of the pattern differ
)

// A starter says where the matches of some branches of a pattern can
// start.
type starter struct {
	kind   startKind
	lits   [][]byte   // the literals the kind names
	indent *[256]bool // startIndented: the bytes the indentation may hold
	gap    *[256]bool // startGapped: the bytes between a literal and follow
	follow [][]byte   // startGapped: one of these follows the gap
}

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

// deriveStarts sets r.starts and r.starters from the simplified syntax
// tree: one starter for the whole pattern when one fits it, else one per
// branch (\brun_test! beside ^[ \t]*describe, [\s*Required beside
// .AddValidation), merged by kind.
func (r *Regexp) deriveStarts(re *syntax.Regexp) {
	var starters []starter
	if s, ok := starterOf(re); ok {
		starters = []starter{s}
	} else {
		parts, ok := branches(re)
		if !ok || len(parts) < 2 {
			return
		}
		for _, part := range parts {
			s, ok := starterOf(part)
			if !ok {
				return
			}
			starters = addStarter(starters, s)
		}
	}
	r.starters, r.starts = starters, starters[0].kind
	if len(starters) > 1 {
		r.starts = startMixed
	}
	for _, s := range starters {
		r.foldSK = r.foldSK || foldsSK(s.lits) || foldsSK(s.follow)
	}
}

// starterOf returns the starter of every match of re, when re has one of
// the shapes a starter knows.
func starterOf(re *syntax.Regexp) (starter, bool) {
	if leadsWithLineStart(re) {
		// (?m)^[ \t]*class: the line starts worth a try are those of the
		// lines where "class" follows the indentation.
		var indent [256]bool
		if set, ok := indentedPrefix(re, &indent); ok && len(set) <= maxExact && selectiveStarts(set) {
			return starter{kind: startIndented, lits: literalBytes(set), indent: &indent}, true
		}
		return starter{kind: startLineStart}, true
	}
	if set, ok := prefixSet(re); ok && len(set) > 0 && len(set) <= maxExact && selectiveStarts(set) {
		return starter{kind: startLiteral, lits: literalBytes(set)}, true
	}
	if s, ok := gappedStart(re); ok {
		return s, true
	}
	return beforeStart(re)
}

// addStarter adds s to starters, into the starter of its kind when it has
// only literals to add.
func addStarter(starters []starter, s starter) []starter {
	for i, have := range starters {
		switch {
		case have.kind != s.kind:
		case s.kind == startLineStart:
			return starters
		case s.kind == startLiteral || s.kind == startBefore:
			starters[i].lits = appendNew(have.lits, s.lits)
			return starters
		}
	}
	return append(starters, s)
}

// appendNew appends the literals of add that lits does not hold yet.
func appendNew(lits, add [][]byte) [][]byte {
	for _, l := range add {
		if !slices.ContainsFunc(lits, func(h []byte) bool { return bytes.Equal(h, l) }) {
			lits = append(lits, l)
		}
	}
	return lits
}

func literalBytes(set []string) [][]byte {
	out := make([][]byte, len(set))
	for i, l := range set {
		out[i] = []byte(l)
	}
	return out
}

// maxBranches bounds how many branches a pattern is split into.
const maxBranches = 32

// branches splits re into patterns whose matches, together, are re's: the
// alternatives of an alternation, and of a leading alternation or
// optional part, each followed by the rest of the pattern. ok is false
// when there would be more than maxBranches.
func branches(re *syntax.Regexp) (out []*syntax.Regexp, ok bool) {
	var split func(re *syntax.Regexp) bool
	split = func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpCapture:
			return split(re.Sub[0])
		case syntax.OpAlternate:
			for _, sub := range re.Sub {
				if !split(sub) {
					return false
				}
			}
			return true
		case syntax.OpConcat:
			i := 0
			for i < len(re.Sub) && zeroWidth(re.Sub[i].Op) {
				i++
			}
			if i == len(re.Sub) {
				break
			}
			lead := re.Sub[i]
			for lead.Op == syntax.OpCapture {
				lead = lead.Sub[0]
			}
			with := func(parts ...*syntax.Regexp) *syntax.Regexp {
				sub := append(append(slices.Clip(re.Sub[:i]), parts...), re.Sub[i+1:]...)
				return &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: sub}
			}
			switch lead.Op {
			case syntax.OpAlternate:
				for _, alt := range lead.Sub {
					if !split(with(alt)) {
						return false
					}
				}
				return true
			case syntax.OpQuest:
				return split(with(lead.Sub[0])) && split(with())
			}
		}
		out = append(out, re)
		return len(out) <= maxBranches
	}
	if !split(re) {
		return nil, false
	}
	return out, true
}

// gappedStart returns the starter of re when every match begins with one
// of a few literals, then a run of bytes of one ASCII class, then one of a
// few literals that class cannot start: \[\s*Required, :\s*AbstractValidator.
// A bracket or a colon alone starts too many tries; one followed, past the
// blanks, by Required is rare.
func gappedStart(re *syntax.Regexp) (starter, bool) {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		return starter{}, false
	}
	i := 0
	for i < len(re.Sub) && zeroWidth(re.Sub[i].Op) {
		i++
	}
	run, j := []string{""}, i
	for ; j < len(re.Sub); j++ {
		s, ok := exactSet(re.Sub[j])
		if !ok {
			break
		}
		if run = product(run, s); run == nil {
			return starter{}, false
		}
	}
	if j == i || j+1 >= len(re.Sub) || hasEmpty(run) || !asciiStarts(run) {
		return starter{}, false
	}
	var gap [256]bool
	switch g := re.Sub[j]; g.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if !byteClass(g.Sub[0], &gap) {
			return starter{}, false
		}
	default:
		return starter{}, false
	}
	follow, ok := prefixSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[j+1:]})
	if !ok || len(follow) == 0 || len(follow) > maxExact || !selectiveStarts(follow) {
		return starter{}, false
	}
	// The gap then ends where the first byte outside its class is, and a
	// follow literal must begin right there.
	for _, f := range follow {
		c := unfold(f)[0]
		if gap[c] || (isFold(f) && gap[upperASCII(c)]) { // c is lower case when folded
			return starter{}, false
		}
	}
	return starter{kind: startGapped, lits: literalBytes(run), gap: &gap, follow: literalBytes(follow)}, true
}

// beforeStart returns the starter of re when every match begins with at
// most one character (a class, or an assertion: (?:^|[^\w.])) and then one
// of a few literals: a match starts at an occurrence of one, or one
// character before it.
func beforeStart(re *syntax.Regexp) (starter, bool) {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || !atMostOneChar(re.Sub[0]) {
		return starter{}, false
	}
	set, ok := prefixSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:]})
	if !ok || len(set) == 0 || len(set) > maxExact || !selectiveStarts(set) {
		return starter{}, false
	}
	return starter{kind: startBefore, lits: literalBytes(set)}, true
}

// atMostOneChar reports whether re matches one character or none.
func atMostOneChar(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 1
	case syntax.OpCapture, syntax.OpQuest:
		return atMostOneChar(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !atMostOneChar(sub) {
				return false
			}
		}
		return true
	}
	return zeroWidth(re.Op)
}

// byteClass adds to class the bytes re matches, when re is one ASCII
// character or class of them (the newline allowed).
func byteClass(re *syntax.Regexp, class *[256]bool) bool {
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
		if ranges[i+1] >= utf8.RuneSelf {
			return false
		}
		for c := ranges[i]; c <= ranges[i+1]; c++ {
			class[c] = true
		}
	}
	return true
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// foldsSK reports whether one of lits is case-insensitive and holds s or k.
func foldsSK(lits [][]byte) bool {
	for _, l := range lits {
		if l[0] == foldMark && bytes.ContainsAny(l[1:], "sk") {
			return true
		}
	}
	return false
}

// anchoredOn reports whether r is searched by anchored tries on b: it has
// starters, and none of them is a case-insensitive s or k that b may
// spell ſ or K, which the literal search does not find.
func (r *Regexp) anchoredOn(b []byte) bool {
	if r.starts == startAnywhere {
		return false
	}
	return !r.foldSK || !mayHoldFoldedSK(b)
}

// mayHoldFoldedSK reports whether b may hold ſ or K: b's index knows,
// else b is searched.
func mayHoldFoldedSK(b []byte) bool {
	if idx := lookup(b); idx != nil {
		return idx.mayContain([]byte(kelvinSign)) || idx.mayContain([]byte(longS))
	}
	return bytes.Contains(b, []byte(kelvinSign)) || bytes.Contains(b, []byte(longS))
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
	var class [256]bool
	if !byteClass(re, &class) || class['\n'] {
		return false
	}
	for c, in := range class {
		if in {
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

// asciiStarts reports whether every literal of set begins with an ASCII
// byte, which is always where Go's decoder starts a character.
func asciiStarts(set []string) bool {
	for _, l := range set {
		if u := unfold(l); u == "" || u[0] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// selectiveStarts reports whether trying the pattern at each occurrence of
// the literals is cheap: their first bytes must be ASCII (asciiStarts),
// and a one-byte literal must be a rare sign, not a dot or a letter that
// most lines hold. (A case-insensitive s or k, which Go's (?i) also
// matches as ſ or K, is left to anchoredOn.)
func selectiveStarts(set []string) bool {
	if !asciiStarts(set) {
		return false
	}
	for _, l := range set {
		if u := unfold(l); len(u) == 1 && !strings.ContainsRune("@#$%<`~", rune(u[0])) {
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
// in order: the first that any starter gives, stopping past the last
// occurrence of a required literal (a match holds one).
type candidates struct {
	r       *Regexp
	b       []byte
	nextLit [][]int // per starter, the next occurrence of each of its literals (-2 unknown, -1 none)
	first   []int   // per starter, its first candidate at or after the last pos asked (-2 unknown, -1 none)
	nextReq []int   // the next occurrence of each required literal
}

func newCandidates(r *Regexp, b []byte) *candidates {
	// One allocation holds every memo: a search is made per file per
	// pattern, hundreds of thousands of them in a large tree.
	n := len(r.lits) + len(r.starters)
	for _, s := range r.starters {
		n += len(s.lits)
	}
	memo := make([]int, n)
	for i := range memo {
		memo[i] = -2
	}
	c := &candidates{r: r, b: b, nextLit: make([][]int, len(r.starters))}
	c.nextReq, memo = memo[:len(r.lits):len(r.lits)], memo[len(r.lits):]
	c.first, memo = memo[:len(r.starters):len(r.starters)], memo[len(r.starters):]
	for i, s := range r.starters {
		c.nextLit[i], memo = memo[:len(s.lits):len(s.lits)], memo[len(s.lits):]
	}
	return c
}

// next returns the first candidate at or after pos, or -1. The positions
// asked never go back, so a starter's candidate at or after the last
// position asked is still its first at or after pos.
func (c *candidates) next(pos int) int {
	if pos > len(c.b) {
		return -1
	}
	at := -1
	for i := range c.r.starters {
		if c.first[i] == -2 || (c.first[i] >= 0 && c.first[i] < pos) {
			c.first[i] = c.fromStarter(i, pos)
		}
		if f := c.first[i]; f >= 0 && (at < 0 || f < at) {
			at = f
		}
	}
	// A match starting at `at` holds a required literal at or after it.
	if at < 0 || len(c.r.lits) > 0 && nextOccurrence(c.b, at, c.r.lits, c.nextReq) < 0 {
		return -1
	}
	return at
}

// fromStarter returns the first candidate of starter i at or after pos,
// or -1.
func (c *candidates) fromStarter(i, pos int) int {
	b, s, memo := c.b, &c.r.starters[i], c.nextLit[i]
	switch s.kind {
	case startLineStart:
		if pos > 0 && b[pos-1] != '\n' {
			j := bytes.IndexByte(b[pos:], '\n')
			if j < 0 {
				return -1
			}
			return pos + j + 1
		}
		return pos
	case startLiteral:
		return nextOccurrence(b, pos, s.lits, memo)
	case startIndented:
		for q := pos; ; {
			k := nextOccurrence(b, q, s.lits, memo)
			if k < 0 {
				return -1
			}
			ls := bytes.LastIndexByte(b[:k], '\n') + 1
			if ls >= pos && allIn(b[ls:k], s.indent) {
				return ls
			}
			q = k + 1
		}
	case startGapped:
		for q := pos; ; {
			k := nextOccurrence(b, q, s.lits, memo)
			if k < 0 {
				return -1
			}
			for j, l := range s.lits {
				if memo[j] == k && s.followsGap(b, k+len(l)-btoi(l[0] == foldMark)) {
					return k
				}
			}
			q = k + 1
		}
	case startBefore:
		k := nextOccurrence(b, pos, s.lits, memo)
		if k < 0 {
			return -1
		}
		if p := charBefore(b, k); p >= pos {
			return p
		}
		return k
	}
	return -1
}

// allIn reports whether every byte of b is in class.
func allIn(b []byte, class *[256]bool) bool {
	for _, ch := range b {
		if !class[ch] {
			return false
		}
	}
	return true
}

func btoi(v bool) int {
	if v {
		return 1
	}
	return 0
}

// followsGap reports whether b, from at, holds a run of gap bytes and then
// one of the follow literals.
func (s *starter) followsGap(b []byte, at int) bool {
	for at < len(b) && s.gap[b[at]] {
		at++
	}
	for _, f := range s.follow {
		fold := f[0] == foldMark
		if fold {
			f = f[1:]
		}
		if len(b)-at >= len(f) && (fold && bytes.EqualFold(b[at:at+len(f)], f) || !fold && bytes.Equal(b[at:at+len(f)], f)) {
			return true
		}
	}
	return false
}

// charBefore returns where the character before b[k] starts as Go's
// decoder reads b, or -1 when k is 0. After an ASCII byte that is k-1;
// otherwise it is found by decoding forward from the last ASCII byte
// before k, which always ends a character: the bytes decoded belong to k
// alone, so a walk over the text costs one pass.
func charBefore(b []byte, k int) int {
	if k == 0 {
		return -1
	}
	if b[k-1] < utf8.RuneSelf {
		return k - 1
	}
	j := k - 1
	for j > 0 && b[j-1] >= utf8.RuneSelf {
		j--
	}
	for {
		_, w := utf8.DecodeRune(b[j:k])
		if j+w >= k {
			return j
		}
		j += w
	}
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
