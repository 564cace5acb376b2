package cohort

import (
	"strings"
	"testing"
	"time"
)

// TestConsistencyCountsAtMost52Weeks: a year is 52 weeks and a day or two,
// so weeks counted from a year ago once made a 53rd, and a user committing
// every week read "commits in 53 of the last 52 weeks".
func TestConsistencyCountsAtMost52Weeks(t *testing.T) {
	now := time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)
	since := now.AddDate(-1, 0, 0)
	var dates []time.Time
	for d := now; !d.Before(since); d = d.AddDate(0, 0, -7) {
		dates = append(dates, d)
	}
	dates = append(dates, since) // the very first moment of the window
	c := consistency(dates, since, now)
	if c.ActiveWeeks != 52 || c.LongestGapWeeks != 0 || !strings.Contains(c.Verdict, "52 of the last 52 weeks") {
		t.Errorf("weekly commits: active %d, gap %d, %q", c.ActiveWeeks, c.LongestGapWeeks, c.Verdict)
	}
	// Ten quiet weeks, then weekly commits again up to now.
	var gapped []time.Time
	for i := range 20 {
		if i < 5 || i >= 15 {
			gapped = append(gapped, now.AddDate(0, 0, -7*i))
		}
	}
	c = consistency(gapped, since, now)
	if c.ActiveWeeks != 10 || c.LongestGapWeeks != 10 {
		t.Errorf("gapped: active %d, gap %d", c.ActiveWeeks, c.LongestGapWeeks)
	}
}
