// Package stacks is the registry of stack packs: the one list of the
// language groups vetfolio knows (registry.go), and the questions every
// detector, the probe and the rubric ask of it — which group a file
// belongs to, which pack a language or framework is in, which fix a
// check gives on a stack.
package stacks

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// byExt, byLang and byFramework index All once.
var (
	byExt       = map[string]*pack.Pack{}
	byLang      = map[string]*pack.Pack{}
	byFramework = map[string]*pack.Pack{}
	byID        = map[string]*pack.Pack{}
)

func init() { index() }

// index builds the lookups of the registered packs.
func index() {
	byExt, byLang, byFramework, byID = map[string]*pack.Pack{}, map[string]*pack.Pack{}, map[string]*pack.Pack{}, map[string]*pack.Pack{}
	for _, p := range all {
		byID[p.ID] = p
		for ext, lang := range p.Languages {
			byExt[ext] = p
			byLang[lang] = p
		}
		for _, f := range p.Frameworks {
			byFramework[f.ID] = p
		}
	}
}

// SetForTest registers packs in place of the registry's, for a test that
// shows the engines a pack of its own; restore puts the registry back.
// Tables the engines build once at start-up (framework rules, security
// signals) do not see the test's packs. Not safe with parallel tests.
func SetForTest(packs []*pack.Pack) (restore func()) {
	saved := all
	all = packs
	index()
	return func() { all = saved; index() }
}

// All returns the registered packs in registry order.
func All() []*pack.Pack { return all }

// Group returns the ID of the pack whose language file p is written in
// ("python", "jvm", "js", "go", ...), or "" when no pack reads it. Test
// files, minified bundles and type declarations belong to their group too:
// whether a detector reads them is its own business.
func Group(p string) string {
	if pk := ForPath(p); pk != nil {
		return pk.ID
	}
	return ""
}

// ForPath returns the pack of file p, or nil.
func ForPath(p string) *pack.Pack {
	return byExt[strings.ToLower(path.Ext(p))]
}

// Language returns the language ID of file p (".kt": "kotlin"), or "".
func Language(p string) string {
	pk := ForPath(p)
	if pk == nil {
		return ""
	}
	return pk.Languages[strings.ToLower(path.Ext(p))]
}

// ForLanguage returns the pack of a language ID (facts.Stack.Language), or nil.
func ForLanguage(lang string) *pack.Pack { return byLang[lang] }

// GroupOf returns the group ID of a language ID, or "".
func GroupOf(lang string) string {
	if pk := byLang[lang]; pk != nil {
		return pk.ID
	}
	return ""
}

// ByID returns the pack with that group ID, or nil.
func ByID(id string) *pack.Pack { return byID[id] }

// Framework returns the framework entry with that ID and its pack.
func Framework(id string) (pack.Framework, *pack.Pack, bool) {
	pk := byFramework[id]
	if pk == nil {
		return pack.Framework{}, nil, false
	}
	f, _ := pk.FrameworkByID(id)
	return f, pk, true
}
