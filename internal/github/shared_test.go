package github

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeAPI answers every request with the rate-limit headers of a window
// that resets at reset and counts down from remaining.
type fakeAPI struct {
	remaining int
	reset     time.Time
	now       *time.Time
}

func (f *fakeAPI) RoundTrip(req *http.Request) (*http.Response, error) {
	if !f.now.Before(f.reset) {
		f.remaining, f.reset = 10, f.reset.Add(time.Hour)
	}
	f.remaining--
	h := http.Header{}
	h.Set("X-RateLimit-Limit", "10")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(f.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(f.reset.Unix(), 10))
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

func TestBudgetSlowsDownThenWaitsForTheReset(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	api := &fakeAPI{remaining: 10, reset: now.Add(100 * time.Second), now: &now}
	var slept []time.Duration
	var notes []string
	b := &Budget{Base: api, Reserve: 1, LowShare: 0.5,
		Now:    func() time.Time { return now },
		Sleep:  func(_ context.Context, d time.Duration) error { slept = append(slept, d); now = now.Add(d); return nil },
		Notify: func(m string) { notes = append(notes, m) }}
	for i := range 12 {
		req, _ := http.NewRequest("GET", "http://api.test/repos/o/r", nil)
		resp, err := b.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if api.remaining < 0 {
			t.Fatalf("request %d went over the limit", i)
		}
	}
	if len(slept) == 0 {
		t.Fatal("the budget never waited")
	}
	// Below half the limit the requests were spread out over the window
	// (waits that end before the reset); at the reserve the budget waited
	// past the reset.
	var pacing int
	at := time.Unix(1_700_000_000, 0)
	firstReset := at.Add(100 * time.Second)
	for _, d := range slept {
		at = at.Add(d)
		if at.Before(firstReset) {
			pacing++
		}
	}
	if pacing < 2 || !now.After(firstReset) {
		t.Errorf("waits %v: want requests spread out, then a wait past the reset", slept)
	}
	if st := b.State(); !st.Known || st.Limit != 10 || st.Waits != len(slept) {
		t.Errorf("state %+v", st)
	}
	if len(notes) == 0 || !strings.Contains(strings.Join(notes, "\n"), "GitHub rate limit") {
		t.Errorf("notes %v", notes)
	}
}

func TestBudgetIgnoresOtherResources(t *testing.T) {
	b := &Budget{}
	h := http.Header{}
	h.Set("X-RateLimit-Resource", "search")
	h.Set("X-RateLimit-Limit", "30")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10))
	b.observeLocked(h)
	if b.State().Known {
		t.Error("a search limit must not hold back core requests")
	}
}
