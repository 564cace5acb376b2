package openapi

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan/scantest"
)

// FuzzScan runs the detector under the shared fuzz harness: any content,
// any kind of path, no panic and no blow-up.
func FuzzScan(f *testing.F) { scantest.Fuzz(f, New) }
