package github

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Budget is one GitHub rate-limit budget shared by audits that run at the
// same time (a cohort). It is an http.RoundTripper: give the same Budget as
// Options.Transport to every audit, and they share one connection pool and
// one view of X-RateLimit-Remaining. Instead of letting the limit run out
// half-way through a cohort, it spreads the last requests of a window
// evenly until the reset, and once only Reserve requests are left it holds
// every request back until the reset.
type Budget struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Reserve is how many requests are kept back for other users of the
	// same token; when no more than that remain, requests wait for the reset.
	Reserve int
	// LowShare is the share of the limit (0..1) below which requests are
	// spread over the time left in the window; 0 means 0.1.
	LowShare float64
	// Now and Sleep are the clock (tests replace them); nil means the
	// real clock.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Notify, when set, is told once per wait why requests slow down.
	Notify func(msg string)

	mu       sync.Mutex
	known    bool
	limit    int
	seen     int // lowest X-RateLimit-Remaining seen in the window
	reset    time.Time
	inflight int
	next     time.Time // earliest start of the next request when pacing
	waits    int
	waited   time.Duration
	notified time.Time // the window last announced
}

// BudgetState is what a Budget knows of the rate limit.
type BudgetState struct {
	// Known is false until an answer carried the rate-limit headers.
	Known     bool
	Limit     int
	Remaining int
	Reset     time.Time
	// Waits counts the requests held back; Waited sums how long.
	Waits  int
	Waited time.Duration
}

// State returns the budget as last seen.
func (b *Budget) State() BudgetState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return BudgetState{Known: b.known, Limit: b.limit, Remaining: b.seen - b.inflight, Reset: b.reset, Waits: b.waits, Waited: b.waited}
}

func (b *Budget) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// RoundTrip waits for the budget, then sends req.
func (b *Budget) RoundTrip(req *http.Request) (*http.Response, error) {
	for {
		b.mu.Lock()
		d, why := b.delayLocked(b.now())
		if d <= 0 {
			b.inflight++
			b.mu.Unlock()
			break
		}
		b.waits++
		b.waited += d
		announce := why != "" && b.Notify != nil && !b.notified.Equal(b.reset)
		if announce {
			b.notified = b.reset
		}
		b.mu.Unlock()
		if announce {
			b.Notify(why)
		}
		wait := b.Sleep
		if wait == nil {
			wait = sleep
		}
		if err := wait(req.Context(), d); err != nil {
			return nil, err
		}
	}
	base := b.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	b.mu.Lock()
	b.inflight--
	if resp != nil {
		b.observeLocked(resp.Header)
	}
	b.mu.Unlock()
	return resp, err
}

// delayLocked says how long the next request must wait, and why when it
// is the first wait of a window.
func (b *Budget) delayLocked(now time.Time) (time.Duration, string) {
	if !b.known {
		return 0, ""
	}
	if !now.Before(b.reset) {
		// The window is over; the next answer says what the new one holds.
		b.known, b.next = false, time.Time{}
		return 0, ""
	}
	left := b.seen - b.inflight
	if left <= b.Reserve {
		d := b.reset.Sub(now) + time.Second
		return d, "GitHub rate limit nearly spent: waiting for it to reset at " + b.reset.Local().Format("15:04:05")
	}
	share := b.LowShare
	if share <= 0 {
		share = 0.1
	}
	if float64(left) >= share*float64(b.limit) {
		return 0, ""
	}
	// Spread what is left over the time left.
	if b.next.After(now) {
		return b.next.Sub(now), "GitHub rate limit running low (" + strconv.Itoa(left) + " left): slowing down until " + b.reset.Local().Format("15:04:05")
	}
	b.next = now.Add(b.reset.Sub(now) / time.Duration(left-b.Reserve))
	return 0, ""
}

// observeLocked reads the rate-limit headers of an answer.
func (b *Budget) observeLocked(h http.Header) {
	if r := h.Get("X-RateLimit-Resource"); r != "" && r != "core" {
		return // search and GraphQL have budgets of their own
	}
	limit, err1 := strconv.Atoi(h.Get("X-RateLimit-Limit"))
	remaining, err2 := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	resetUnix, err3 := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || limit <= 0 {
		return
	}
	reset := time.Unix(resetUnix, 0)
	switch {
	case !b.known || reset.After(b.reset):
		// A new window: its numbers replace the old ones.
		b.known, b.limit, b.seen, b.reset = true, limit, remaining, reset
	case reset.Equal(b.reset):
		// Answers of one window arrive out of order: the lowest count is
		// the newest.
		b.limit, b.seen = limit, min(b.seen, remaining)
	}
}
