// Package security finds security hygiene beyond secrets: committed .env
// files and whether .gitignore ignores them, input validation, rate
// limiting and CORS, for the mainstream Python, Java/Kotlin, Node and Go
// stacks. Source is matched with comments blanked, so a library named in
// a comment does not count.
package security

import (
	"bytes"
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

type detector struct {
	envFiles []string
	// ignored records whether any .gitignore ignores .env.
	ignored   bool
	ignoreEv  []facts.Location
	gitignore bool
	// found maps a signal, per language family, to where it was seen
	// first; order keeps scan order.
	found map[foundKey]facts.Location
	order []foundKey
}

type foundKey struct {
	sig    *signal
	family string
}

// family groups the languages that share libraries: their stack pack's
// group. Spring's application.properties/yml ("config") is JVM.
func family(lang string) string {
	if lang == "config" {
		return "jvm"
	}
	if g := stacks.GroupOf(lang); g != "" {
		return g
	}
	return lang
}

// hasSignals holds the families some signal is written for: the four
// groups of the table in signals.go and the packs with Security signals.
// A stack of another family is judged on any family's signals.
var hasSignals = func() map[string]bool {
	out := map[string]bool{"python": true, "jvm": true, "js": true, "go": true}
	for _, pk := range stacks.All() {
		if len(pk.Security) > 0 {
			out[pk.ID] = true
		}
	}
	return out
}()

// New returns the security hygiene detector.
func New() scan.Detector { return &detector{found: map[foundKey]facts.Location{}} }

// Wants reports whether the detector reads p: .gitignore files, source in
// the languages it knows, and Spring application configs.
func (d *detector) Wants(p scan.PathInfo) bool {
	if p.Base == ".gitignore" {
		return true
	}
	if p.Source && stacks.Language(p.Path) != "" { // as langOf, from what is known
		return !isFrontend(p.Path)
	}
	return isSpringConfig(p.Base)
}

func (d *detector) Scan(f scan.File) {
	base := scan.Base(f.Path)
	if isEnvFile(base) {
		d.envFiles = append(d.envFiles, f.Path)
	}
	if f.Data == nil {
		return
	}
	if base == ".gitignore" {
		d.gitignore = true
		if line, ok := ignoresEnv(f.Data); ok {
			d.ignored = true
			if len(d.ignoreEv) < scan.MaxEvidence {
				d.ignoreEv = append(d.ignoreEv, facts.Location{Path: f.Path, Line: line})
			}
		}
		return
	}
	lang, ok := langOf(f.Path)
	if ok && isFrontend(f.Path) {
		return
	}
	if !ok {
		if isSpringConfig(base) {
			lang = "config"
		} else {
			return
		}
	}
	data := f.Data
	if lang != "config" {
		// The collector's blanked copy: a pack's language is the one
		// scan.SourceExts gives its extension (stacks tests hold it).
		data = f.Source()
	}
	fam := family(lang)
	for _, s := range allSignals {
		k := foundKey{s, fam}
		if _, done := d.found[k]; done || !s.langs[lang] {
			continue
		}
		if off := s.match(data); off >= 0 {
			d.found[k] = facts.Location{Path: f.Path, Line: scan.LineAt(data, off)}
			d.order = append(d.order, k)
		}
	}
}

func (d *detector) Finish(inv *facts.Facts) {
	sec := &inv.Security
	sec.EnvFiles = append(sec.EnvFiles, d.envFiles...)
	sec.EnvIgnored = sec.EnvIgnored || d.ignored
	sec.GitignoreEvidence = append(sec.GitignoreEvidence, d.ignoreEv...)

	fw := inv.Stack.Framework
	// Only the backend's own language counts: zod in a React frontend or
	// pydantic in a helper script is not the API's validation.
	want := ""
	if l := inv.Stack.Language; l != "" && hasSignals[family(l)] {
		want = family(l)
	}
	has := func(name, fam string) bool {
		for _, k := range d.order {
			if k.sig.name == name && k.family == fam {
				return true
			}
		}
		return false
	}
	for _, k := range d.order {
		s, loc := k.sig, d.found[k]
		if want != "" && k.family != want {
			continue
		}
		if s.requires != "" && !has(s.requires, k.family) {
			continue
		}
		if len(s.frameworks) > 0 && !contains(s.frameworks, fw) && !anyOf(s.frameworks, inv.Stack.Frameworks) {
			continue
		}
		switch s.kind {
		case validation:
			if sec.Validation == "" {
				sec.Validation = s.name
			}
			sec.ValidationEvidence = appendLoc(sec.ValidationEvidence, loc)
		case rateLimit:
			if sec.RateLimit == "" {
				sec.RateLimit = s.name
			}
			sec.RateLimitEvidence = appendLoc(sec.RateLimitEvidence, loc)
		case cors:
			sec.CORS = true
			sec.CORSEvidence = appendLoc(sec.CORSEvidence, loc)
		case corsWildcard:
			sec.CORS = true
			sec.CORSWildcard = true
			// The wildcard goes first: it is what the reader must see.
			sec.CORSEvidence = appendLoc([]facts.Location{loc}, sec.CORSEvidence...)
		}
	}
	sec.CORSEvidence = dedupe(sec.CORSEvidence)
}

func appendLoc(list []facts.Location, locs ...facts.Location) []facts.Location {
	for _, l := range locs {
		if len(list) >= scan.MaxEvidence {
			break
		}
		list = append(list, l)
	}
	return list
}

func dedupe(list []facts.Location) []facts.Location {
	seen := map[facts.Location]bool{}
	out := list[:0]
	for _, l := range list {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

func anyOf(want, have []string) bool {
	for _, h := range have {
		if contains(want, h) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// isFrontend reports whether p is browser code (a .jsx/.tsx component or a
// file under frontend/ or client/), whose validation and CORS are not the API's.
func isFrontend(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		switch strings.ToLower(seg) {
		case "frontend", "client", "webapp", "front-end", "front":
			return true
		}
	}
	return false
}

// langOf maps a source path to its language, for the languages a stack
// pack reads (.jsx and .tsx are frontend components and left out).
func langOf(p string) (string, bool) {
	if !scan.IsSource(p) {
		return "", false
	}
	lang := stacks.Language(p)
	return lang, lang != ""
}

func isSpringConfig(base string) bool {
	if !strings.HasPrefix(base, "application") && !strings.HasPrefix(base, "bootstrap") {
		return false
	}
	switch path.Ext(base) {
	case ".properties", ".yml", ".yaml":
		return true
	}
	return false
}

// isEnvFile reports whether base is a dotenv file holding real values:
// .env, .env.local, .env.production, prod.env; not an example, sample,
// template or dist file meant to be copied.
func isEnvFile(base string) bool {
	if base != ".env" && !strings.HasPrefix(base, ".env.") && !strings.HasSuffix(base, ".env") && !strings.HasPrefix(base, ".env_") {
		return false
	}
	// .env_20240506082904 (an editor's history copy), .env_backup; not .env_example.
	for _, w := range []string{"example", "sample", "template", "dist"} {
		if strings.HasPrefix(base, ".env_") && strings.Contains(base, w) {
			return false
		}
	}
	for seg := range strings.SplitSeq(base, ".") {
		switch seg {
		case "example", "sample", "template", "tmpl", "dist", "defaults", "schema", "tpl":
			return false
		}
	}
	return true
}

// ignoresEnv reports whether a .gitignore ignores a file named .env at
// its level, and the line that does. Later lines override earlier ones,
// as in git; a negation such as !.env.example does not affect .env.
func ignoresEnv(data []byte) (int, bool) {
	ignored, at := false, 0
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(string(raw))
		if line == "" || line[0] == '#' || strings.HasSuffix(line, "/") {
			continue
		}
		neg := line[0] == '!'
		pat := strings.TrimPrefix(line, "!")
		pat = strings.TrimPrefix(pat, "**/")
		pat = strings.TrimPrefix(pat, "/")
		if strings.Contains(pat, "/") {
			continue
		}
		if ok, err := path.Match(pat, ".env"); err != nil || !ok {
			continue
		}
		if neg {
			ignored, at = false, 0
		} else {
			ignored, at = true, i+1
		}
	}
	return at, ignored
}
