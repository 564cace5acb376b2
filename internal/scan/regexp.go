package scan

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// Regexp is a regexp.Regexp with a literal prefilter: the detectors run
// hundreds of alternations with word boundaries over every source file,
// and Go's backtracker pays for each one in full even when none of the
// words they need is in the file. Every match must contain one of the
// literals, so when none occurs the regexp is not run at all.
//
// A Regexp is compiled at its first use, not when it is declared: the
// detectors declare hundreds of package-level patterns, and an audit of a
// Python project never runs the Java ones. The methods of regexp.Regexp
// are all here (Longest aside: a Regexp is shared and immutable); Std
// returns the compiled regexp.Regexp itself.
type Regexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
	// lits holds literals of which every match contains at least one; nil
	// when no such set could be derived. A literal starting with foldMark
	// is matched without regard to ASCII case (the rest is lower case).
	lits [][]byte
	// lineLocal is set when no match can span a line (nothing in the
	// pattern matches a newline, and ^ and $ are line anchors if any): the
	// regexp then runs only on the lines that hold a required literal,
	// which spares Go's NFA a pass over a whole large file.
	lineLocal bool
	// starts says where a match of a pattern that is not line-local can
	// start (see anchored.go): the kind of its one starter, or startMixed
	// when its branches have several. foldSK is set when a literal of the
	// starters is case-insensitive and holds s or k, which Go's (?i) also
	// matches as ſ or K: a text holding either is searched unanchored.
	starts     startKind
	starters   []starter
	foldSK     bool
	anchorOnce sync.Once
	anc        *anchored
}

// Go's (?i) folds k and s beyond ASCII: k matches K (U+212A KELVIN SIGN)
// and s matches ſ (U+017F LATIN SMALL LETTER LONG S), the only ASCII
// letters whose case folds leave ASCII. A case-insensitive literal is
// matched with ASCII folding only, so a pattern with one that holds k or s
// also takes these runes as required literals: `(?i)secret` matches
// "ſecret", which holds no literal "secret" in any ASCII case.
const (
	kelvinSign = "\u212A"
	longS      = "\u017F"
)

// foldsBeyondASCII reports whether one of the case-insensitive literals
// holds a letter that Go's (?i) also matches with a non-ASCII rune.
func foldsBeyondASCII(lits []string) bool {
	for _, l := range lits {
		if isFold(l) && strings.ContainsAny(l, "ks") { // lower-cased already
			return true
		}
	}
	return false
}

// foldMark prefixes a case-insensitive literal; it is not valid UTF-8, so no
// pattern literal starts with it.
const foldMark = 0xff

// registry holds every Regexp made by MustCompile, for CheckAll.
var registry struct {
	sync.Mutex
	all []*Regexp
}

// MustCompile returns a Regexp for pattern, compiled (and its prefilter
// derived) at first use; that use panics like regexp.MustCompile when the
// pattern is invalid. CheckAll compiles every pattern, for tests.
func MustCompile(pattern string) *Regexp {
	r := &Regexp{pattern: pattern}
	registry.Lock()
	registry.all = append(registry.all, r)
	registry.Unlock()
	return r
}

// Transient returns a Regexp for a pattern built at run time (a name
// quoted into it), compiled at first use like MustCompile's but not
// registered: one made per file would otherwise hold its compiled form in
// the registry for the rest of the process.
func Transient(pattern string) *Regexp { return &Regexp{pattern: pattern} }

// CheckAll compiles every pattern made by MustCompile so far and returns
// the first that does not compile: a test of a package that declares
// patterns calls it, so a bad pattern fails the build's tests rather than
// the first audit that reaches it.
func CheckAll() error {
	registry.Lock()
	all := append([]*Regexp(nil), registry.all...)
	registry.Unlock()
	for _, r := range all {
		if _, err := regexp.Compile(r.pattern); err != nil {
			return fmt.Errorf("scan pattern %q: %w", r.pattern, err)
		}
	}
	return nil
}

// compiled compiles r once and returns the regexp.
func (r *Regexp) compiled() *regexp.Regexp {
	r.once.Do(r.compile)
	return r.re
}

func (r *Regexp) compile() {
	r.re = regexp.MustCompile(r.pattern)
	if parsed, err := syntax.Parse(r.pattern, syntax.Perl); err == nil {
		simple := parsed.Simplify()
		if lits, ok := requiredLiterals(simple); ok && len(lits) <= 64 {
			for _, l := range lits {
				r.lits = append(r.lits, []byte(l))
			}
			if foldsBeyondASCII(lits) {
				// The runes are searched as literals of their own: a text
				// that holds neither spells the words in ASCII or not at
				// all, and the index rules both out of an ASCII file.
				r.lits = append(r.lits, []byte(kelvinSign), []byte(longS))
			}
			r.lineLocal = !spansLines(simple)
		}
		if !r.lineLocal {
			r.deriveStarts(simple)
		}
	}
}

// Std returns the compiled regexp.Regexp, without the prefilter.
func (r *Regexp) Std() *regexp.Regexp { return r.compiled() }

// mayMatch reports whether b may contain one of the required literals:
// those b's index (see Index) rules out are not searched for, and one it
// holds with near certainty is not searched for either. False only when
// none is in b.
func (r *Regexp) mayMatch(b []byte) bool {
	r.compiled()
	if r.lits == nil {
		return true
	}
	idx := lookup(b)
	for _, l := range r.lits {
		fold := l[0] == foldMark
		if fold {
			l = l[1:]
		}
		switch {
		case !idx.mayContain(l):
		case fold && idx.likely(l):
			// Only a case-insensitive literal: the index folds case, and a
			// case-sensitive one (User) often has its other case in the file.
			return true
		case fold && containsFold(b, l), !fold && bytes.Contains(b, l):
			return true
		}
	}
	return false
}

// containsFold reports whether b contains lit (lower-case ASCII) in any
// case.
func containsFold(b, lit []byte) bool { return indexFold(b, lit) >= 0 }

// indexFold returns the first index of lit (lower-case ASCII) in b in any
// case, or -1.
func indexFold(b, lit []byte) int {
	lower, upper := lit[0], lit[0]
	if 'a' <= lower && lower <= 'z' {
		upper = lower - 'a' + 'A'
	}
	// The next occurrence of each case is remembered until passed: asking
	// for both at every candidate made a file full of one case and none of
	// the other quadratic.
	nextLower, nextUpper := -2, -2
	next := func(c byte, at, from int) int {
		if at == -1 || at >= from {
			return at
		}
		if j := bytes.IndexByte(b[from:], c); j >= 0 {
			return from + j
		}
		return -1
	}
	for i := 0; i+len(lit) <= len(b); {
		nextLower = next(lower, nextLower, i)
		j := nextLower
		if upper != lower {
			nextUpper = next(upper, nextUpper, i)
			if nextUpper >= 0 && (j < 0 || nextUpper < j) {
				j = nextUpper
			}
		}
		if j < 0 {
			return -1
		}
		i = j
		if i+len(lit) <= len(b) && bytes.EqualFold(b[i:i+len(lit)], lit) {
			return i
		}
		i++
	}
	return -1
}

func (r *Regexp) mayMatchString(s string) bool {
	r.compiled()
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
func (r *Regexp) Match(b []byte) bool {
	if r.compiled(); r.lineLocal {
		return r.FindIndex(b) != nil
	}
	if !r.mayMatch(b) {
		return false
	}
	if r.anchoredOn(b) {
		return r.matchAnchored(b)
	}
	return r.re.Match(b)
}

// MatchString is regexp.MatchString with the prefilter.
func (r *Regexp) MatchString(s string) bool { return r.mayMatchString(s) && r.re.MatchString(s) }

// Find is regexp.Find with the prefilter.
func (r *Regexp) Find(b []byte) []byte {
	if m := r.FindIndex(b); m != nil {
		return b[m[0]:m[1]:m[1]]
	}
	return nil
}

// FindIndex is regexp.FindIndex with the prefilter.
func (r *Regexp) FindIndex(b []byte) []int {
	if m := r.FindSubmatchIndex(b); m != nil {
		return m[:2]
	}
	return nil
}

// FindSubmatch is regexp.FindSubmatch with the prefilter.
func (r *Regexp) FindSubmatch(b []byte) [][]byte {
	return submatches(b, r.FindSubmatchIndex(b))
}

// FindSubmatchIndex is regexp.FindSubmatchIndex with the prefilter.
func (r *Regexp) FindSubmatchIndex(b []byte) []int {
	all := r.FindAllSubmatchIndex(b, 1)
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// FindAll is regexp.FindAll with the prefilter.
func (r *Regexp) FindAll(b []byte, n int) [][]byte {
	var out [][]byte
	for _, m := range r.FindAllIndex(b, n) {
		out = append(out, b[m[0]:m[1]:m[1]])
	}
	return out
}

// FindAllIndex is regexp.FindAllIndex with the prefilter.
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int {
	var out [][]int
	for _, m := range r.FindAllSubmatchIndex(b, n) {
		out = append(out, m[:2])
	}
	return out
}

// FindAllSubmatch is regexp.FindAllSubmatch with the prefilter.
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	var out [][][]byte
	for _, m := range r.FindAllSubmatchIndex(b, n) {
		out = append(out, submatches(b, m))
	}
	return out
}

// FindAllSubmatchIndex is regexp.FindAllSubmatchIndex with the prefilter;
// on a line-local pattern it runs on the candidate lines only.
func (r *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	if r.compiled(); !r.lineLocal {
		if !r.mayMatch(b) {
			return nil
		}
		if r.anchoredOn(b) {
			return r.findAllAnchored(b, n)
		}
		return r.re.FindAllSubmatchIndex(b, n)
	}
	var out [][]int
	r.eachLine(b, func(ls, le int) bool {
		left := -1
		if n >= 0 {
			left = n - len(out)
		}
		for _, m := range r.re.FindAllSubmatchIndex(b[ls:le], left) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += ls
				}
			}
			out = append(out, m)
		}
		return n < 0 || len(out) < n
	})
	return out
}

// submatches turns submatch indexes into slices of b, as regexp does.
func submatches(b []byte, m []int) [][]byte {
	if m == nil {
		return nil
	}
	out := make([][]byte, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = b[m[2*i]:m[2*i+1]:m[2*i+1]]
		}
	}
	return out
}

// eachLine calls fn with the [start, end) bounds of each line of b that
// holds a required literal, in order, until fn returns false. Each
// literal's next occurrence is remembered, so the whole walk costs one
// pass over b per literal, and a literal b's index rules out none.
func (r *Regexp) eachLine(b []byte, fn func(ls, le int) bool) {
	idx, some := lookup(b), false
	var memo [16]int
	next := memo[:0]
	if len(r.lits) > len(memo) {
		next = make([]int, 0, len(r.lits))
	}
	for _, l := range r.lits {
		if idx.mayContainLit(l) {
			next, some = append(next, -2), true // not searched yet
		} else {
			next = append(next, -1) // cannot occur
		}
	}
	if !some {
		return
	}
	for pos := 0; pos <= len(b); {
		k := -1
		for i, l := range r.lits {
			if next[i] == -1 {
				continue // no more occurrences
			}
			if next[i] < pos {
				j := indexLiteral(b[pos:], l)
				if j < 0 {
					next[i] = -1
					continue
				}
				next[i] = pos + j
			}
			if k < 0 || next[i] < k {
				k = next[i]
			}
		}
		if k < 0 {
			return
		}
		ls := bytes.LastIndexByte(b[:k], '\n') + 1
		le := len(b)
		if j := bytes.IndexByte(b[k:], '\n'); j >= 0 {
			le = k + j
		}
		if !fn(ls, le) {
			return
		}
		pos = le + 1
	}
}

// indexLiteral finds a prefilter literal in b, folding case when marked.
func indexLiteral(b, lit []byte) int {
	if lit[0] != foldMark {
		return bytes.Index(b, lit)
	}
	return indexFold(b, lit[1:])
}

// FindStringSubmatch is regexp.FindStringSubmatch with the prefilter.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.mayMatchString(s) {
		return nil
	}
	return r.re.FindStringSubmatch(s)
}

// FindAllStringSubmatch is regexp.FindAllStringSubmatch with the prefilter.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.mayMatchString(s) {
		return nil
	}
	return r.re.FindAllStringSubmatch(s, n)
}

// requiredLiterals derives a set of literals of which every match of re
// contains at least one. ok is false when no such set exists (the pattern
// can match without any fixed text).
func requiredLiterals(re *syntax.Regexp) (lits []string, ok bool) {
	set, exact := exactSet(re)
	exact = exact && !hasEmpty(set)
	lits, ok = structural(re)
	switch {
	case exact && (!ok || better(set, lits)):
		return set, true
	case ok:
		return lits, true
	}
	return nil, false
}

// structural derives required literals from re's parts.
func structural(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
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
		// Candidates: every stretch of consecutive children whose matches
		// form a small finite set (their product: "h" then "2|sqldb" gives
		// h2, hsqldb; "pass" then "word|wd" gives password, passwd), and
		// each other child's own literals. Keep the most selective.
		var best []string
		consider := func(l []string) {
			if len(l) > 0 && !hasEmpty(l) && (best == nil || better(l, best)) {
				best = l
			}
		}
		sets := make([][]string, len(re.Sub))
		for i, sub := range re.Sub {
			if set, exact := exactSet(sub); exact {
				sets[i] = set
			}
			if l, ok := requiredLiterals(sub); ok {
				consider(l)
			}
		}
		for i := range sets {
			run := []string{""}
			for j := i; j < len(sets) && sets[j] != nil; j++ {
				if run = product(run, sets[j]); run == nil {
					break
				}
				consider(run)
			}
		}
		return best, best != nil
	}
	return nil, false
}

// maxExact bounds the finite sets exactSet builds.
const maxExact = 64

// exactSet returns every string re can match when that is a small finite
// set (zero-width assertions match ""). A case-insensitive part makes the
// whole set case-insensitive: its strings are lower-cased and marked.
func exactSet(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		lit := string(re.Rune)
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if r >= 0x80 {
					return nil, false // Unicode folding is beyond ASCII EqualFold
				}
			}
			return []string{fold(strings.ToLower(lit))}, true
		}
		return []string{lit}, true
	case syntax.OpCharClass:
		// (?i)p parses as the class [Pp]: one case-insensitive letter.
		if r := re.Rune; len(r) == 4 && r[0] == r[1] && r[2] == r[3] && r[0] >= 'A' && r[0] <= 'Z' && r[2] == r[0]+'a'-'A' {
			return []string{fold(string(rune(r[2])))}, true
		}
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) >= 4 {
					return nil, false
				}
				set = append(set, string(r))
			}
		}
		return set, len(set) > 0
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		set, ok := exactSet(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append(set, ""), true
	case syntax.OpAlternate:
		var set []string
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok || len(set)+len(s) > maxExact {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, true
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			if set = product(set, s); set == nil {
				return nil, false
			}
		}
		return set, true
	}
	return nil, false
}

// product concatenates every string of a with every string of b; nil when
// the result would be too large.
func product(a, b []string) []string {
	if len(a)*len(b) > maxExact {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			j, ok := join(x, y)
			if !ok {
				return nil
			}
			out = append(out, j)
		}
	}
	return out
}

// join concatenates two literals; if either is case-insensitive, so is the
// result (a looser but still correct requirement). Case-insensitive
// literals must stay ASCII for containsFold.
func join(x, y string) (string, bool) {
	if !isFold(x) && !isFold(y) {
		return x + y, true
	}
	s := unfold(x) + unfold(y)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return "", false
		}
	}
	return fold(strings.ToLower(s)), true
}

func fold(s string) string   { return string([]byte{foldMark}) + s }
func isFold(s string) bool   { return len(s) > 0 && s[0] == foldMark }
func unfold(s string) string { return strings.TrimPrefix(s, string([]byte{foldMark})) }

func hasEmpty(set []string) bool {
	for _, s := range set {
		if unfold(s) == "" {
			return true
		}
	}
	return false
}

// better prefers the set whose shortest literal is longer, up to four
// bytes (a one-letter literal occurs almost everywhere), then the smaller
// set (each literal costs a pass over the file), then longer literals.
func better(a, b []string) bool {
	// A keyword that every source file holds ("from", "import", "require")
	// selects nothing, however long: any uncommon literal of three bytes or
	// more beats it.
	if ca, cb := hasCommon(a), hasCommon(b); ca != cb {
		if !ca && shortest(a) >= 3 {
			return true
		}
		if !cb && shortest(b) >= 3 {
			return false
		}
	}
	sa, sb := min(shortest(a), 4), min(shortest(b), 4)
	if sa != sb {
		return sa > sb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return shortest(a) > shortest(b)
}

// commonWords are keywords found in nearly every source file of the
// languages the detectors read.
var commonWords = map[string]bool{
	"from": true, "import": true, "return": true, "def": true, "class": true, "self": true, "const": true,
	"require": true, "public": true, "private": true, "static": true, "func": true, "package": true,
	"function": true, "export": true, "async": true, "await": true, "new": true, "this": true, "string": true,
	"true": true, "false": true, "null": true, "none": true, "let": true, "var": true, "final": true, "void": true,
	"return ": true, "if": true, "for": true, "err": true, "nil": true, "int": true, "app": true, "get": true,
	"pass": true, "try": true, "except": true, "raise": true, "with": true, "yield": true, "print": true,
	"else": true, "elif": true, "while": true, "throw": true, "catch": true, "type": true, "interface": true,
	"struct": true, "case": true, "switch": true, "default": true, "override": true, "data": true, "name": true,
	"user": true, "test": true, "error": true, "value": true, "list": true, "async ": true, "module": true,
}

// hasCommon reports whether one of the literals is, punctuation aside, a
// common keyword.
func hasCommon(set []string) bool {
	for _, l := range set {
		w := strings.ToLower(strings.Trim(unfold(l), " \t\n()[]{}.,:;'\"=@"))
		if commonWords[w] {
			return true
		}
	}
	return false
}

func shortest(s []string) int {
	n := -1
	for _, x := range s {
		l := len(unfold(x))
		if n < 0 || l < n {
			n = l
		}
	}
	return n
}

// spansLines reports whether a match of re could cross a line: something
// in it matches a newline, or it anchors to the start or end of the whole
// text (^ and $ without (?m)), which a single line would fake.
func spansLines(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText, syntax.OpEndText, syntax.OpAnyChar:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '\n' {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return true
			}
		}
	}
	for _, sub := range re.Sub {
		if spansLines(sub) {
			return true
		}
	}
	return false
}
