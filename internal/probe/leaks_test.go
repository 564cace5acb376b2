package probe

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// TestProbePatternsCompile compiles the probe's patterns, which compile
// at first use: a bad one must fail here, not in the first probe that
// reaches it.
func TestProbePatternsCompile(t *testing.T) {
	if err := scan.CheckAll(); err != nil {
		t.Fatal(err)
	}
}
