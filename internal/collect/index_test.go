package collect

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// lendProbe records whether each file's content came with its literal
// index lent, and keeps the content to check it is released afterwards.
// After a cancellation Collect returns while the probe may still be
// scanning: the test reads it through seen.
type lendProbe struct {
	mu     sync.Mutex
	unlent []string
	kept   [][]byte
}

func (p *lendProbe) seen() (unlent []string, kept [][]byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.unlent), slices.Clone(p.kept)
}

func (p *lendProbe) Wants(path scan.PathInfo) bool { return strings.HasSuffix(path.Path, ".py") }
func (p *lendProbe) Scan(f scan.File) {
	if f.Data == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
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
		files[fmt.Sprintf("n%03d.py", i)] = fmt.Sprintf("v = %d\n", i) // code is the content itself
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
			unlent, kept := probe.seen()
			if !tc.cancel && len(kept) < 2*len(files) {
				t.Fatalf("the probe saw %d buffers of %d files", len(kept), len(files))
			}
			if len(unlent) > 0 {
				t.Errorf("scanned without their index: %v", unlent[:min(5, len(unlent))])
			}
			if n := stillLent(kept); n > 0 {
				t.Errorf("%d buffers still lent after Collect returned", n)
			}
		})
	}
}

// leader scans .py files and counts the ones it has started: once it has
// started the k+1-th, it has released the k-th (scanAll releases a file
// before taking the next).
type leader struct{ started atomic.Int32 }

func (l *leader) Wants(path scan.PathInfo) bool { return strings.HasSuffix(path.Path, ".py") }
func (l *leader) Scan(f scan.File)              { l.started.Add(1) }
func (l *leader) Finish(*facts.Facts)           {}
func (l *leader) passed(k int) bool             { return int(l.started.Load()) > k }
func (l *leader) waitPast(k int) (ok bool)      { return waitFor(func() bool { return l.passed(k) }) }

func waitFor(cond func() bool) bool {
	for range 500 {
		if cond() {
			return true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

// follower scans each .py file after the leader has released it, and
// records whether its content and code were still lent then.
type follower struct {
	lead             *leader
	n, total         int
	same, distinct   int
	unlent, timedOut []string
}

func (w *follower) Wants(path scan.PathInfo) bool { return strings.HasSuffix(path.Path, ".py") }
func (w *follower) Scan(f scan.File) {
	if f.Data == nil {
		return
	}
	w.n++
	if w.n == w.total { // the leader starts no file after the last
		return
	}
	if !w.lead.waitPast(w.n) {
		w.timedOut = append(w.timedOut, f.Path)
		return
	}
	if &f.Data[0] == &f.Code[0] && len(f.Data) == len(f.Code) {
		w.same++
	} else {
		w.distinct++
	}
	if !scan.IsLent(f.Data) || !scan.IsLent(f.Code) {
		w.unlent = append(w.unlent, f.Path)
	}
}
func (w *follower) Finish(*facts.Facts) {}

// A file with no comment is one buffer, its content and its code: its one
// index is lent for every reader and must stay lent until the last has
// released it, though each reader releases "both" (and a file with a
// comment has two buffers, each lent for every reader).
func TestOneBufferForContentAndCodeIsLentUntilItsLastReader(t *testing.T) {
	files := map[string]string{}
	for i := range 100 {
		files[fmt.Sprintf("a%03d.py", i)] = fmt.Sprintf("v = %d\n", i)                // no comment: one buffer
		files[fmt.Sprintf("b%03d.py", i)] = fmt.Sprintf("v = %d  # set by hand\n", i) // code is a copy
	}
	lead := &leader{}
	follow := &follower{lead: lead, total: len(files)}
	probe := &lendProbe{}
	if _, _, err := Collect(context.Background(), snapshotOf(t, files), Options{Detectors: []scan.Detector{lead, follow, probe}}); err != nil {
		t.Fatal(err)
	}
	if len(follow.timedOut) > 0 {
		t.Fatalf("the leader never moved past %v", follow.timedOut)
	}
	if follow.same < 99 || follow.distinct < 99 {
		t.Fatalf("content and code were one buffer for %d files and two for %d, want about 100 each", follow.same, follow.distinct)
	}
	if len(follow.unlent) > 0 {
		t.Errorf("released while a reader still scanned them: %v", follow.unlent[:min(5, len(follow.unlent))])
	}
	_, kept := probe.seen()
	if n := stillLent(kept); n > 0 {
		t.Errorf("%d buffers still lent after every reader released them", n)
	}
}
