package collect

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// lendProbe records whether each file's content came with its literal
// index lent, and keeps the content to check it is released afterwards.
type lendProbe struct {
	unlent []string
	kept   [][]byte
}

func (p *lendProbe) Wants(path scan.PathInfo) bool { return strings.HasSuffix(path.Path, ".py") }
func (p *lendProbe) Scan(f scan.File) {
	if f.Data == nil {
		return
	}
	for _, b := range [][]byte{f.Data, f.Code} {
		if !scan.IsLent(b) {
			p.unlent = append(p.unlent, f.Path)
		}
		p.kept = append(p.kept, b)
	}
}
func (p *lendProbe) Finish(*facts.Facts) {}

// stillLent waits a little for late releases (after a cancellation,
// Collect does not wait for the detectors to drain) and returns how many
// of bufs are lent.
func stillLent(bufs [][]byte) int {
	n := 0
	for range 100 {
		n = 0
		for _, b := range bufs {
			if scan.IsLent(b) {
				n++
			}
		}
		if n == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

func TestFilesAreLentWhileScannedAndReleasedAfter(t *testing.T) {
	files := map[string]string{}
	for i := range 300 { // more than the feed and read-ahead windows
		files[fmt.Sprintf("m%03d.py", i)] = fmt.Sprintf("import os  # comment\nv = %d\n", i)
		files[fmt.Sprintf("n%03d.py", i)] = fmt.Sprintf("v = %d\n", i) // code is an equal copy
	}
	files["boom.py"] = "boom = 1\n"
	for _, tc := range []struct {
		name   string
		others []scan.Detector
		cancel bool
	}{
		{name: "a clean run"},
		{name: "another detector panics", others: []scan.Detector{panicky{}}},
		{name: "a cancellation mid-scan", others: []scan.Detector{&cancellingDetector{}}, cancel: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := snapshotOf(t, files)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			for _, d := range tc.others {
				if c, ok := d.(*cancellingDetector); ok {
					c.cancel = cancel
				}
			}
			probe := &lendProbe{}
			_, _, err := Collect(ctx, snap, Options{Detectors: append([]scan.Detector{probe}, tc.others...)})
			if (err != nil) != (len(tc.others) > 0) {
				t.Fatalf("err = %v", err)
			}
			if !tc.cancel && len(probe.kept) < 2*len(files) {
				t.Fatalf("the probe saw %d buffers of %d files", len(probe.kept), len(files))
			}
			if len(probe.unlent) > 0 {
				t.Errorf("scanned without their index: %v", probe.unlent[:min(5, len(probe.unlent))])
			}
			if n := stillLent(probe.kept); n > 0 {
				t.Errorf("%d buffers still lent after Collect returned", n)
			}
		})
	}
}
