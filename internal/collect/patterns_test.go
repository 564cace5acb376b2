package collect

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Patterns compile at first use; this compiles every pattern the
// detectors declare (this package imports them all), so a bad one fails
// here instead of in the first audit that reaches it.
func TestEveryDetectorPatternCompiles(t *testing.T) {
	if len(Default()) == 0 {
		t.Fatal("no detectors")
	}
	if err := scan.CheckAll(); err != nil {
		t.Fatal(err)
	}
}
