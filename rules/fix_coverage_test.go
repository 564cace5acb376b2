package rules

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/stacks"
)

// advisedStacks are the stacks the rubric writes advice for: every
// framework whose pack entry has fix texts, in each language of its pack.
func advisedStacks() []Stack {
	var out []Stack
	for _, pk := range stacks.All() {
		langs := make([]string, 0, len(pk.Languages))
		for _, l := range pk.Languages {
			if !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
		sort.Strings(langs)
		for _, fw := range pk.Frameworks {
			if len(fw.Fixes) == 0 && !(len(pk.Fixes) > 0 && len(fw.Deps) == 0 && len(fw.DepPrefixes) == 0) {
				continue // not advised, or a code-inferred framework of an advised pack (net/http)
			}
			for _, l := range langs {
				out = append(out, Stack{Language: l, Framework: fw.ID})
			}
		}
	}
	return out
}

// TestEveryCheckHasAFixForEveryStack walks every check on every advised
// stack. A check whose advice is tailored to one stack must be tailored to
// all of them: a Spring project must not get generic advice where a
// FastAPI one gets a recipe. And no stack may get no steps at all.
func TestEveryCheckHasAFixForEveryStack(t *testing.T) {
	all := advisedStacks()
	if len(all) < 12 {
		t.Fatalf("only %d advised stacks: %v", len(all), all)
	}
	for _, c := range All() {
		for _, k := range c.Checks {
			generic := strings.Join(k.Fix(Stack{}), "\n")
			tailored := false
			for _, s := range all {
				if strings.Join(k.Fix(s), "\n") != generic {
					tailored = true
				}
			}
			for _, s := range all {
				steps := k.Fix(s)
				if len(steps) == 0 {
					t.Errorf("%s: no steps at all for %s/%s", k.ID, s.Language, s.Framework)
					continue
				}
				if tailored && !k.NeutralFix && strings.Join(steps, "\n") == generic {
					t.Errorf("%s: tailored to some stacks but %s/%s gets only the generic steps", k.ID, s.Language, s.Framework)
				}
			}
		}
	}
}

// TestFixKeysAreWellFormed rejects a qualifier the resolver does not know
// and a fix filed under an ID that no check uses.
func TestFixKeysAreWellFormed(t *testing.T) {
	ids := map[string]bool{}
	for _, c := range All() {
		for _, k := range c.Checks {
			ids[k.ID] = true
		}
	}
	check := func(where string, fixes map[string][]string) {
		if bad := stacks.ValidateFixes(fixes); len(bad) > 0 {
			t.Errorf("%s: malformed fix keys %v", where, bad)
		}
		for key := range fixes {
			id, _, _ := strings.Cut(key, "|")
			id, _, _ = strings.Cut(id, "+") // a variant: api-docs.live+graphql
			if !ids[id] {
				t.Errorf("%s: fix %q names no check", where, key)
			}
		}
	}
	for _, pk := range stacks.All() {
		check(pk.ID, pk.Fixes)
		for _, fw := range pk.Frameworks {
			check(pk.ID+"/"+fw.ID, fw.Fixes)
		}
	}
}
