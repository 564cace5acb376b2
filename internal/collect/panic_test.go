package collect

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// panicky is a detector with a bug that hostile input triggers.
type panicky struct{}

func (panicky) Wants(p scan.PathInfo) bool { return strings.HasSuffix(p.Path, ".py") }
func (panicky) Scan(f scan.File) {
	if f.Data != nil && strings.Contains(string(f.Data), "boom") {
		var m map[string]int
		m["x"]++ // a nil-map write: panics
	}
}
func (panicky) Finish(*facts.Facts) {}

// Detectors scan in goroutines of their own, where no recover of the
// caller reaches: a panic there once killed the process with a goroutine
// dump. It must come back as one error that names the detector and file.
func TestCollectReportsADetectorPanic(t *testing.T) {
	snap := snapshotOf(t, map[string]string{"a.py": "x = 1\n", "b.py": "boom\n", "c.py": "y = 2\n"})
	rec := &recorder{ext: ".py", contents: map[string]string{}, code: map[string]string{}}
	_, _, err := Collect(t.Context(), snap, Options{Detectors: []scan.Detector{panicky{}, rec}})
	if err == nil || !strings.Contains(err.Error(), "b.py") || !strings.Contains(err.Error(), "panicky") ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line naming the detector and b.py", err)
	}
}
