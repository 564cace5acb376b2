package cohort

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// BenchmarkCohort audits repositories on the fake GitHub with 50 ms added
// to every request (API calls and tarball downloads), cold (no cache), at
// --jobs 1 and --jobs 8, and reports the peak heap. Run it once per case:
//
//	go test -run '^$' -bench BenchmarkCohort -benchtime 1x ./internal/cohort
//
// (scripts/bench-cohort.sh prints the speed-up.)
func BenchmarkCohort(b *testing.B) {
	base := gitRepo(b, "mentee", "orders-api", goodFiles(), 12)
	for _, tc := range []struct{ repos, jobs int }{{100, 1}, {100, 8}, {200, 8}} {
		b.Run(fmt.Sprintf("repos=%d/jobs=%d", tc.repos, tc.jobs), func(b *testing.B) {
			var repos []*githubtest.Repo
			var entries []Entry
			for i := range tc.repos {
				r := *base
				r.Owner, r.Name = fmt.Sprintf("mentee%03d", i), "orders-api"
				repos = append(repos, &r)
				entries = append(entries, Entry{Target: r.Owner + "/" + r.Name, Label: fmt.Sprintf("Mentee %03d", i)})
			}
			srv := githubtest.New(repos...)
			defer srv.Close()
			srv.Remaining = 1 << 30
			srv.Delay = 50 * time.Millisecond
			opts := Options{Jobs: tc.jobs, Request: audit.Request{Profile: profile(b), Now: testNow, Version: "bench", NoCache: true,
				Env: env(map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": b.TempDir()})}}
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			peak := sampleHeap()
			b.ResetTimer()
			start := time.Now()
			for range b.N {
				rep, err := Run(context.Background(), entries, opts)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Audited != tc.repos {
					b.Fatalf("%d of %d audited: %+v", rep.Audited, tc.repos, rep.Rows[len(rep.Rows)-1])
				}
				rep.Close()
			}
			elapsed := time.Since(start) / time.Duration(b.N)
			b.StopTimer()
			p := peak()
			b.ReportMetric(float64(elapsed.Milliseconds()), "ms/cohort")
			b.ReportMetric(float64(p-min(p, before.HeapAlloc))/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(len(srv.Requests()))/float64(b.N*tc.repos), "api-req/repo")
		})
	}
}

// sampleHeap watches HeapAlloc until the returned function is called,
// which gives the highest value seen.
func sampleHeap() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapAlloc)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
