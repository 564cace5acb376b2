package config

import (
	"strings"
	"testing"
	"time"
)

// TestIgnoredIsNotExponential: .vetfolio.yaml comes from the audited
// repository, and every file of it is matched against every pattern; a
// pattern alternating ** with * segments once took exponential time in the
// path's depth, enough for one repository to stall a cohort audit.
func TestIgnoredIsNotExponential(t *testing.T) {
	pat := strings.Repeat("**/*/", 12) + "x"
	deep := strings.Repeat("d/", 40) + "y"
	start := time.Now()
	if Ignored([]string{pat}, deep) {
		t.Errorf("Ignored(%q, %q) = true", pat, deep)
	}
	if !Ignored([]string{pat}, strings.Repeat("d/", 40)+"x") {
		t.Errorf("the same pattern does not match a path ending in x")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("matching took %v", d)
	}
}
