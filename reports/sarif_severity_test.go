package reports

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

// TestSARIFSecuritySeverity: over the real rubric, the security-related
// rules (every security.* check and auth.no-hardcoded-key) carry the
// security-severity GitHub code scanning ranks alerts by, with the
// "security" tag it requires; the other rules carry none.
func TestSARIFSecuritySeverity(t *testing.T) {
	p, err := rules.LookupProfile("")
	if err != nil {
		t.Fatal(err)
	}
	sc := rules.Score(&rules.Facts{Stack: rules.Stack{Language: "javascript", Framework: "express"}}, p)
	sc.Target = rules.Target{Kind: "local", Path: "."}
	raw, log := renderSARIF(t, SARIF{}, sc)
	validateSARIF(t, sarifSchema(t), raw)

	scores := map[string]float64{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		var tags []string
		for _, tag := range r.Properties["tags"].([]any) {
			tags = append(tags, tag.(string))
		}
		if tags[0] != "vetfolio" || !slices.Contains(tags, r.Properties["criterion"].(string)) {
			t.Errorf("%s: tags %v lack the tool and the criterion", r.ID, tags)
		}
		sev, has := r.Properties["security-severity"]
		wantSev := strings.HasPrefix(r.ID, "security.") || r.ID == "auth.no-hardcoded-key"
		if has != wantSev {
			t.Errorf("%s: security-severity %v, want one: %v", r.ID, sev, wantSev)
			continue
		}
		if !has {
			continue
		}
		s, ok := sev.(string)
		f, err := strconv.ParseFloat(s, 64)
		// GitHub reads a string with one decimal between 0.0 and 10.0.
		if !ok || err != nil || f <= 0 || f > 10 || !strings.Contains(s, ".") {
			t.Errorf("%s: security-severity %#v is not a score from 0.1 to 10.0 as a string", r.ID, sev)
		}
		scores[r.ID] = f
		if !slices.Contains(tags, "security") {
			t.Errorf("%s: has a security-severity but tags %v lack security", r.ID, tags)
		}
		if n := len(slices.DeleteFunc(slices.Clone(tags), func(s string) bool { return s != "security" })); n != 1 {
			t.Errorf("%s: tags %v repeat security", r.ID, tags)
		}
	}
	for _, id := range []string{"security.no-secrets", "auth.no-hardcoded-key", "security.validation"} {
		if _, ok := scores[id]; !ok {
			t.Errorf("rule %s missing from the SARIF rules", id)
		}
	}
	// A committed secret is critical (9.0+), a hardcoded signing key at
	// least high (7.0+), and both outrank missing validation.
	if scores["security.no-secrets"] < 9 || scores["auth.no-hardcoded-key"] < 7 ||
		scores["security.validation"] >= scores["auth.no-hardcoded-key"] {
		t.Errorf("severities out of order: %v", scores)
	}
	// A security check this table does not know yet is still ranked.
	if s, ok := securitySeverity("security.some-new-check"); !ok || s.score != defaultSecuritySeverity.score {
		t.Errorf("unknown security check: %+v %v", s, ok)
	}
	if tags := sarifTags("auth", "auth.no-hardcoded-key"); !slices.Equal(tags, []string{"vetfolio", "auth", "security", "external/cwe/cwe-321", "external/cwe/cwe-798"}) {
		t.Errorf("auth.no-hardcoded-key tags %v", tags)
	}
}
