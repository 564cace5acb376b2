package config

import (
	"path"
	"strings"
)

// MaxStarsPerSegment bounds the * in one segment of an ignore pattern:
// "*a*a*…*b" segments from a hostile configuration made matching cost
// seconds per thousand files. Parse refuses more; Ignored never matches
// a pattern with more (a Config not from Parse).
const MaxStarsPerSegment = 4

// Ignored reports whether the slash-separated path p is left out by one of
// the patterns. A pattern is matched against the whole path and against
// each of its leading folders, so "docs" and "docs/" leave out everything
// under docs/. Each segment is a path.Match glob; "**" stands for any
// number of folders ("**/*.ipynb", "legacy/**").
func Ignored(patterns []string, p string) bool {
	return CompileIgnore(patterns).Ignored(p)
}

// IgnoreSet is a list of ignore patterns split into segments once, for
// matching against many paths.
type IgnoreSet [][]string

// CompileIgnore splits the patterns once; a pattern over
// MaxStarsPerSegment is dropped.
func CompileIgnore(patterns []string) IgnoreSet {
	var set IgnoreSet
	seen := map[string]bool{}
	for _, pat := range patterns {
		if seen[pat] {
			continue // a repeated pattern only repeats the work
		}
		seen[pat] = true
		var ps []string
		tooCostly := false
		for _, seg := range strings.Split(strings.Trim(pat, "/"), "/") {
			// Consecutive ** match what one does; collapsing them keeps
			// the matching linear.
			if seg == "**" && len(ps) > 0 && ps[len(ps)-1] == "**" {
				continue
			}
			if seg != "**" && strings.Count(seg, "*") > MaxStarsPerSegment {
				tooCostly = true
			}
			ps = append(ps, seg)
		}
		if !tooCostly {
			set = append(set, ps)
		}
	}
	return set
}

// Ignored reports whether one of the set's patterns leaves p out.
func (set IgnoreSet) Ignored(p string) bool {
	if len(set) == 0 {
		return false
	}
	segs := strings.Split(p, "/")
	for _, ps := range set {
		if matchSegs(ps, segs) {
			return true
		}
	}
	return false
}

// matchSegs reports whether the pattern segments match the path segments
// or a leading run of them, in one pass. Each
// (pattern, path) position is judged once: the patterns come from the
// audited repository, and plain backtracking over several ** is
// exponential in the path's depth.
func matchSegs(pat, segs []string) bool {
	// memo[i*(len(segs)+1)+j] is 0 unknown, 1 match, 2 no match for
	// pat[i:] against segs[j:].
	memo := make([]uint8, (len(pat)+1)*(len(segs)+1))
	var match func(i, j int) bool
	match = func(i, j int) bool {
		k := i*(len(segs)+1) + j
		if memo[k] != 0 {
			return memo[k] == 1
		}
		ok := false
		switch {
		case i == len(pat):
			// The path or one of its leading folders: any j past the first.
			ok = j >= 1
		case pat[i] == "**":
			for n := j; n <= len(segs) && !ok; n++ {
				ok = match(i+1, n)
			}
		case j < len(segs):
			ok = matchSeg(pat[i], segs[j]) && match(i+1, j+1)
		}
		memo[k] = 2
		if ok {
			memo[k] = 1
		}
		return ok
	}
	return match(0, 0)
}

// matchSeg is path.Match with a quick refusal first: the literal text
// before the first and after the last wildcard must start and end the
// name, which settles most names without scanning them.
func matchSeg(glob, name string) bool {
	if i := strings.IndexAny(glob, "*?[\\"); i < 0 {
		return glob == name
	} else if !strings.HasPrefix(name, glob[:i]) {
		return false
	}
	if i := strings.LastIndexAny(glob, "*?]\\"); i >= 0 && !strings.HasSuffix(name, glob[i+1:]) {
		return false
	}
	m, err := path.Match(glob, name)
	return err == nil && m
}
