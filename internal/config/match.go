package config

import (
	"path"
	"strings"
)

// Ignored reports whether the slash-separated path p is left out by one of
// the patterns. A pattern is matched against the whole path and against
// each of its leading folders, so "docs" and "docs/" leave out everything
// under docs/. Each segment is a path.Match glob; "**" stands for any
// number of folders ("**/*.ipynb", "legacy/**").
func Ignored(patterns []string, p string) bool {
	segs := strings.Split(p, "/")
	for _, pat := range patterns {
		var ps []string
		for _, seg := range strings.Split(strings.Trim(pat, "/"), "/") {
			// Consecutive ** match what one does; collapsing them keeps
			// the matching linear.
			if seg == "**" && len(ps) > 0 && ps[len(ps)-1] == "**" {
				continue
			}
			ps = append(ps, seg)
		}
		for n := 1; n <= len(segs); n++ {
			if matchSegs(ps, segs[:n]) {
				return true
			}
		}
	}
	return false
}

// matchSegs matches pattern segments against path segments. Each
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
			ok = j == len(segs)
		case pat[i] == "**":
			for n := j; n <= len(segs) && !ok; n++ {
				ok = match(i+1, n)
			}
		case j < len(segs):
			m, err := path.Match(pat[i], segs[j])
			ok = err == nil && m && match(i+1, j+1)
		}
		memo[k] = 2
		if ok {
			memo[k] = 1
		}
		return ok
	}
	return match(0, 0)
}
