package stacks

import (
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Fix returns the steps the stack packs give for a fix ID (a check ID,
// "auth.mechanism") on the project whose stack is st, and whether any pack
// had some. The project's framework entry is asked first, then its
// language's pack. Within one Fixes table a qualified key
// ("database.migrations|orm=mongoose") beats the plain one when all its
// qualifiers hold, the one with most qualifiers first (among as many, the
// first in sorted order):
//
//	lang=kotlin    the project's language
//	orm=mongoose   the project's ORM (st.ORM)
//	migrations=alembic  the project's migration tool (st.Migrations: the
//	               schema's tool, else facts.Migrations.Tool), so that a
//	               schema fix is written in the tool the project uses
//	dep=dotenv     a dependency the project declares; !dep=dotenv one it does not
//
// Steps may hold {entry}, replaced by the project's entry file (st.Entry)
// or, when it is unknown, by the framework's usual one (Framework.Entry).
func Fix(id string, st facts.Stack) ([]string, bool) {
	fw, _, ok := Framework(st.Framework)
	if ok {
		if steps, ok := lookup(fw.Fixes, id, st); ok {
			return fill(steps, st, fw), true
		}
	}
	pk := ForLanguage(st.Language)
	if pk == nil {
		return nil, false
	}
	if steps, ok := lookup(pk.Fixes, id, st); ok {
		return fill(steps, st, fw), true
	}
	return nil, false
}

// lookup finds id in one Fixes table (see Fix).
func lookup(fixes pack.Fixes, id string, st facts.Stack) ([]string, bool) {
	if len(fixes) == 0 {
		return nil, false
	}
	best, bestN := "", -1
	var keys []string
	for k := range fixes {
		if k == id || strings.HasPrefix(k, id+"|") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys) // deterministic among equally qualified keys
	for _, k := range keys {
		quals := strings.Split(k, "|")[1:]
		if !holds(quals, st) {
			continue
		}
		if len(quals) > bestN {
			best, bestN = k, len(quals)
		}
	}
	if bestN < 0 {
		return nil, false
	}
	return fixes[best], true
}

// holds reports whether every qualifier holds for the project.
func holds(quals []string, st facts.Stack) bool {
	for _, q := range quals {
		neg := strings.HasPrefix(q, "!")
		name, val, _ := strings.Cut(strings.TrimPrefix(q, "!"), "=")
		var ok bool
		switch name {
		case "lang":
			ok = st.Language == val
		case "orm":
			ok = st.ORM == val
		case "migrations":
			ok = st.Migrations == val
		case "dep":
			ok = st.HasDep(val)
		}
		if ok == neg {
			return false
		}
	}
	return true
}

// fill replaces the placeholders of steps (see Fix).
func fill(steps []string, st facts.Stack, fw pack.Framework) []string {
	entry := st.Entry
	if entry == "" {
		entry = fw.Entry
	}
	if entry == "" {
		entry = "your entry file"
	}
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = strings.ReplaceAll(s, "{entry}", entry)
	}
	return out
}

// knownQualifiers are the qualifier names Fix understands.
var knownQualifiers = map[string]bool{"lang": true, "orm": true, "dep": true, "migrations": true}

// ValidateFixes reports fix keys with an unknown qualifier, for tests.
func ValidateFixes(fixes pack.Fixes) []string {
	var bad []string
	for k := range fixes {
		for _, q := range strings.Split(k, "|")[1:] {
			name, val, ok := strings.Cut(strings.TrimPrefix(q, "!"), "=")
			if !ok || val == "" || !knownQualifiers[name] || (name != "dep" && strings.HasPrefix(q, "!")) {
				bad = append(bad, k)
			}
		}
	}
	sort.Strings(bad)
	return bad
}
