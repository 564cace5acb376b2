package stack

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/stacks"
)

// fwRule names a framework and the dependencies that declare it.
type fwRule struct {
	name string
	// deps are exact dependency keys; prefixes match any key they start.
	deps, prefixes []string
}

// unpackedFrameworks are the frameworks of ecosystems whose manifests the
// stack detector reads but no stack pack covers yet: the stack is named
// ("rails", "phoenix") so that the report can say it is not judged. An
// ecosystem a pack claims (Pack.Ecosystem) takes its frameworks from the
// pack instead, and its entry here is ignored.
var unpackedFrameworks = map[string][]fwRule{
	ecoRuby: {
		{name: "rails", deps: []string{"rails", "railties"}},
		{name: "sinatra", deps: []string{"sinatra"}},
		{name: "grape", deps: []string{"grape"}},
		{name: "hanami", deps: []string{"hanami"}},
	},
	ecoDotnet: {
		{name: "aspnet", prefixes: []string{"microsoft.aspnetcore"}},
	},
	ecoPHP: {
		{name: "laravel", deps: []string{"laravel/framework", "laravel/lumen-framework"}},
		{name: "symfony", deps: []string{"symfony/framework-bundle"}},
		{name: "slim", deps: []string{"slim/slim"}},
	},
	ecoRust: {
		{name: "actix", deps: []string{"actix-web"}},
		{name: "axum", deps: []string{"axum"}},
		{name: "rocket", deps: []string{"rocket"}},
		{name: "warp", deps: []string{"warp"}},
	},
	ecoElixir: {
		{name: "phoenix", deps: []string{"phoenix"}},
	},
}

// frameworkRules list each ecosystem's backend frameworks, the most
// specific first (NestJS before the Express it runs on, FastAPI before
// Starlette): the packs' frameworks, then the unpacked ones.
var frameworkRules = func() map[string][]fwRule {
	rules := map[string][]fwRule{}
	for _, pk := range stacks.All() {
		if pk.Ecosystem == "" {
			continue
		}
		for _, f := range pk.Frameworks {
			if len(f.Deps) == 0 && len(f.DepPrefixes) == 0 {
				continue // inferred from code (net/http), not declared
			}
			rules[pk.Ecosystem] = append(rules[pk.Ecosystem], fwRule{name: f.ID, deps: f.Deps, prefixes: f.DepPrefixes})
		}
	}
	for eco, list := range unpackedFrameworks {
		if _, packed := rules[eco]; !packed {
			rules[eco] = list
		}
	}
	return rules
}()

// isWeak reports whether a framework serves pages more than APIs: a
// Next.js frontend beside a real backend must not win the monorepo.
func isWeak(fw string) bool {
	f, _, _ := stacks.Framework(fw)
	return f.Weak
}

// frameworksOf lists the frameworks a unit's dependencies declare, in rule order.
func frameworksOf(u *unit) []string {
	var out []string
	for _, r := range frameworkRules[u.eco] {
		if matches(r, u.deps) {
			out = append(out, r.name)
		}
	}
	if u.eco == ecoDotnet && u.web && len(out) == 0 {
		out = append(out, "aspnet")
	}
	return out
}

func matches(r fwRule, deps map[string]bool) bool {
	for _, d := range r.deps {
		if deps[d] {
			return true
		}
	}
	if len(r.prefixes) == 0 {
		return false
	}
	for d := range deps {
		for _, p := range r.prefixes {
			if strings.HasPrefix(d, p) {
				return true
			}
		}
	}
	return false
}
