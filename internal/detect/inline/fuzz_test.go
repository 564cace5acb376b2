package inline

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/scan/scantest"
)

// FuzzScan runs the detector under the shared fuzz harness.
func FuzzScan(f *testing.F) { scantest.Fuzz(f, func() scan.Detector { return New() }) }
