package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Profile weights the criteria for one kind of first job from the guide.
type Profile struct {
	// Name is saas, platform, agency or enterprise.
	Name string
	// Title describes the job the profile audits for.
	Title string
	// Weights maps criterion ID to its weight; weights need not add to 100.
	Weights map[string]float64
}

// DefaultProfile is the profile used when none is chosen.
const DefaultProfile = "saas"

var profiles = map[string]Profile{
	"saas": {Name: "saas", Title: "Junior backend developer at a B2B SaaS company",
		Weights: map[string]float64{"auth": 14, "database": 14, "api-docs": 10, "deployment": 14, "history": 8,
			"errors": 8, "tests": 10, "logging": 5, "readme": 7, "security": 6, "scope": 4}},
	"platform": {Name: "platform", Title: "Platform or infrastructure engineer",
		Weights: map[string]float64{"auth": 8, "database": 8, "api-docs": 6, "deployment": 22, "history": 8,
			"errors": 6, "tests": 16, "logging": 12, "readme": 6, "security": 6, "scope": 2}},
	"agency": {Name: "agency", Title: "Developer at an agency or consultancy",
		Weights: map[string]float64{"auth": 10, "database": 10, "api-docs": 8, "deployment": 18, "history": 6,
			"errors": 6, "tests": 12, "logging": 4, "readme": 14, "security": 6, "scope": 6}},
	"enterprise": {Name: "enterprise", Title: "Python or Java developer at a large company",
		Weights: map[string]float64{"auth": 12, "database": 14, "api-docs": 10, "deployment": 8, "history": 8,
			"errors": 10, "tests": 18, "logging": 8, "readme": 6, "security": 6, "scope": 4}},
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
	return p, nil
}
