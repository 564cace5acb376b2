package stacks

import (
	"fmt"
	"regexp"

	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

var idRe = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// securityKinds are the kinds a pack's SecuritySignal may have.
var securityKinds = map[string]bool{"validation": true, "rate-limit": true, "cors": true, "cors-wildcard": true}

// Validate rejects a registry with a pack or framework without an ID or a
// name, an extension, language or framework claimed twice, a regexp left
// nil in a table, or a malformed fix key. The registry's test runs it on
// All().
func Validate(packs []*pack.Pack) error {
	ext, lang, fws, ids := map[string]string{}, map[string]string{}, map[string]string{}, map[string]bool{}
	for _, p := range packs {
		if !idRe.MatchString(p.ID) || p.Name == "" || len(p.Languages) == 0 {
			return fmt.Errorf("pack %q: needs a lower-case ID, a Name and Languages", p.ID)
		}
		if ids[p.ID] {
			return fmt.Errorf("pack %q: registered twice", p.ID)
		}
		ids[p.ID] = true
		for e, l := range p.Languages {
			if other, ok := ext[e]; ok {
				return fmt.Errorf("pack %q: extension %s is already %s's", p.ID, e, other)
			}
			ext[e] = p.ID
			if other, ok := lang[l]; ok && other != p.ID {
				return fmt.Errorf("pack %q: language %s is already %s's", p.ID, l, other)
			}
			lang[l] = p.ID
		}
		for _, f := range p.Frameworks {
			if !idRe.MatchString(f.ID) || f.Name == "" {
				return fmt.Errorf("pack %q: framework %q needs a lower-case ID and a Name", p.ID, f.ID)
			}
			if other, ok := fws[f.ID]; ok {
				return fmt.Errorf("pack %q: framework %s is already %s's", p.ID, f.ID, other)
			}
			fws[f.ID] = p.ID
			if bad := ValidateFixes(f.Fixes); len(bad) > 0 {
				return fmt.Errorf("pack %q: framework %s: malformed fix keys %v", p.ID, f.ID, bad)
			}
		}
		if bad := ValidateFixes(p.Fixes); len(bad) > 0 {
			return fmt.Errorf("pack %q: malformed fix keys %v", p.ID, bad)
		}
		for _, s := range p.Auth.Code {
			if s.Re == nil {
				return fmt.Errorf("pack %q: an auth signal (%s) has no regexp", p.ID, s.Lib)
			}
		}
		for _, s := range p.Errors.Status {
			if s.Re == nil {
				return fmt.Errorf("pack %q: a status pattern has no regexp", p.ID)
			}
		}
		for _, l := range p.Logging.Patterns {
			if l.Re == nil {
				return fmt.Errorf("pack %q: logging pattern %s has no regexp", p.ID, l.Lib)
			}
		}
		for _, r := range p.Routes {
			if r.Re == nil || (r.Path == 0) || (!r.Resource && r.Method == 0 && r.Verb == "") {
				return fmt.Errorf("pack %q: a route pattern needs a regexp, a Path group and a Method group or Verb", p.ID)
			}
		}
		for _, m := range p.Database.Migrations {
			if m.Tool == "" || m.Path == nil {
				return fmt.Errorf("pack %q: a migration tool needs a Tool and a Path", p.ID)
			}
		}
		for _, g := range p.OpenAPI {
			if g.Name == "" || (g.Code == nil && len(g.Deps) == 0) {
				return fmt.Errorf("pack %q: OpenAPI generator %q needs a Name and Code or Deps", p.ID, g.Name)
			}
		}
		for _, s := range p.Security {
			if !securityKinds[s.Kind] || s.Name == "" || s.Re == nil {
				return fmt.Errorf("pack %q: security signal %q needs a kind (validation, rate-limit, cors, cors-wildcard), a Name and a regexp", p.ID, s.Name)
			}
		}
		for l, t := range p.Tests.Languages {
			if lang[l] != p.ID || t.Test == nil {
				return fmt.Errorf("pack %q: tests of %q: a language of the pack, with a Test regexp", p.ID, l)
			}
		}
	}
	return nil
}
