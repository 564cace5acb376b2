package collect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// cancellingDetector cancels the audit from inside its first scan, as
// Ctrl-C would arrive during a slow file, and counts the scans after it.
type cancellingDetector struct {
	cancel  context.CancelFunc
	scanned int
}

func (d *cancellingDetector) Wants(scan.PathInfo) bool { return true }
func (d *cancellingDetector) Scan(scan.File) {
	d.scanned++
	d.cancel()
}
func (d *cancellingDetector) Finish(*facts.Facts) {}

func TestCancellationStopsTheQueuedScans(t *testing.T) {
	dir := t.TempDir()
	for i := range 200 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.py", i)), []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := source.Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := &cancellingDetector{cancel: cancel}
	_, _, err = Collect(ctx, snap, Options{Detectors: []scan.Detector{d}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the cancellation", err)
	}
	// The files already queued for the detector are dropped, not scanned:
	// with slow files each one was a wait before Ctrl-C took effect.
	if d.scanned != 1 {
		t.Fatalf("%d files scanned after the cancellation, want none past the first", d.scanned-1)
	}
}
