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

// matchSegs matches pattern segments against path segments.
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(segs); i++ {
				if matchSegs(rest, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], segs[0]); err != nil || !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
