package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Profile weights the criteria for one kind of first job from the guide,
// and adds the checks that job asks for beyond the common rubric.
type Profile struct {
	// Name is saas, platform, agency or enterprise.
	Name string
	// Title describes the job the profile audits for.
	Title string
	// Weights maps criterion ID to its weight; weights need not add to 100.
	Weights map[string]float64
	// Checks lists the profile-only checks this profile adds to the rubric
	// (deployment.non-root for platform, ...). A profile-only check that a
	// profile does not list is left out of its scorecard altogether.
	Checks []string
}

// DefaultProfile is the profile used when none is chosen.
const DefaultProfile = "saas"

// The weights follow the guide's description of each first job; each
// profile's weights add up to 100 so that "weight" reads as a percentage.
var profiles = map[string]Profile{
	// A complete deployed REST API with auth and a relational database.
	"saas": {Name: "saas", Title: "Junior backend developer at a B2B SaaS company",
		Weights: map[string]float64{"auth": 14, "database": 14, "api-docs": 10, "deployment": 14, "history": 8,
			"errors": 8, "tests": 10, "logging": 5, "readme": 6, "security": 6, "scope": 5}},
	// Containers, CI/CD that deploys, infrastructure as code, observability.
	"platform": {Name: "platform", Title: "Platform or infrastructure engineer",
		Weights: map[string]float64{"auth": 6, "database": 6, "api-docs": 4, "deployment": 26, "history": 8,
			"errors": 4, "tests": 16, "logging": 12, "readme": 6, "security": 10, "scope": 2},
		Checks: []string{"deployment.dockerfile", "deployment.pinned-base", "deployment.non-root", "deployment.multi-stage",
			"deployment.dockerignore", "deployment.ci-deploys", "deployment.iac"}},
	// Breadth and speed: shipped, documented, set up in minutes, tested.
	"agency": {Name: "agency", Title: "Developer at an agency or consultancy",
		Weights: map[string]float64{"auth": 8, "database": 8, "api-docs": 8, "deployment": 20, "history": 6,
			"errors": 5, "tests": 13, "logging": 3, "readme": 17, "security": 5, "scope": 7}},
	// Java or Python, tests and a layered structure.
	"enterprise": {Name: "enterprise", Title: "Python or Java developer at a large company",
		Weights: map[string]float64{"auth": 10, "database": 12, "api-docs": 8, "deployment": 5, "history": 6,
			"errors": 10, "tests": 20, "logging": 8, "readme": 4, "security": 5, "scope": 12},
		Checks: []string{"scope.layered", "scope.stack-fit"}},
}

// Applies reports whether the check with the given ID is part of the
// profile's rubric: every common check is, a profile-only check only
// under the profiles that list it.
func (p Profile) Applies(checkID string) bool {
	if !profileOnly(checkID) {
		return true
	}
	for _, id := range p.Checks {
		if id == checkID {
			return true
		}
	}
	return false
}

// profileOnly reports whether some profile lists the check as its own.
func profileOnly(checkID string) bool {
	for _, p := range profiles {
		for _, id := range p.Checks {
			if id == checkID {
				return true
			}
		}
	}
	return false
}

// ProfileOnly returns the profiles that add the check, or nil for a check
// every profile applies.
func ProfileOnly(checkID string) []string {
	var names []string
	for _, n := range ProfileNames() {
		for _, id := range profiles[n].Checks {
			if id == checkID {
				names = append(names, n)
			}
		}
	}
	return names
}

// ProfileNames lists the profiles, sorted.
func ProfileNames() []string {
	names := make([]string, 0, len(profiles))
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupProfile returns the named profile, or an error naming the valid ones.
func LookupProfile(name string) (Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	p, ok := profiles[name]
	if !ok {
		return Profile{}, fmt.Errorf("unknown profile %q (valid: %s)", name, strings.Join(ProfileNames(), ", "))
	}
	// Copy the weights so a caller's overrides do not leak into the table.
	w := make(map[string]float64, len(p.Weights))
	for k, v := range p.Weights {
		w[k] = v
	}
	p.Weights = w
	p.Checks = append([]string(nil), p.Checks...)
	return p, nil
}
