package rules

import "strings"

// lookedIn says which source a code check read, for a FAIL: "14
// JavaScript/TypeScript files (app.js, server.js, src/**)". A candidate
// who sees where the check looked can tell a miss from a real gap.
func lookedIn(f *Facts) string {
	s := f.Sources
	what := "source files"
	if s.Language != "" {
		what = s.Language + " source files"
	}
	if s.Files == 0 {
		return "no " + what + " (tests are not read)"
	}
	if s.Files == 1 {
		what = strings.TrimSuffix(what, "s")
	}
	out := plural(s.Files, what, what)
	if len(s.Places) > 0 {
		places := strings.Join(s.Places, ", ")
		if s.More {
			places += ", …"
		}
		out += " (" + places + ")"
	}
	return out
}

// lookedFor joins what a check looked for with where: "looked for X in
// 14 Python source files (app/**)".
func lookedFor(what string, f *Facts) string {
	if what == "" {
		return "looked in " + lookedIn(f)
	}
	return "looked for " + what + " in " + lookedIn(f)
}
