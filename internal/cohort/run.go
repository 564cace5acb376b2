package cohort

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/github"
	"github.com/vetfolio/vetfolio/rules"
)

// DefaultJobs is how many targets are audited at once by default: enough
// to hide GitHub's latency, few enough to stay clear of its secondary rate
// limit.
const DefaultJobs = 4

// Options shape a cohort run.
type Options struct {
	// Jobs is how many targets are audited at once (0: DefaultJobs).
	Jobs int
	// Request is the template of every audit: profile, offline, clock,
	// version, environment. Target, URL and Label come from each entry.
	Request audit.Request
	// Audit runs one audit; nil means audit.Run.
	Audit func(context.Context, audit.Request) (*rules.Scorecard, error)
	// Progress is told as targets start and finish; nil means silence.
	Progress Progress
	// OnReport receives each audited target's scorecard as soon as it is
	// ready (to write its own reports); an error fails that row.
	OnReport func(Entry, *rules.Scorecard) error
	// ExitCode maps a failure to the exit code a single audit would give.
	ExitCode func(error) int
	// Shard is recorded in the report ("2/4"), when the list was sharded.
	Shard string
}

// Progress follows a cohort run. Calls come from several goroutines, one
// at a time (the runner serialises them).
type Progress interface {
	// Start announces the number of targets.
	Start(total int)
	// Begin says a target's audit started.
	Begin(e Entry)
	// End says it finished, with its row (Error set when it failed).
	End(e Entry, r Row)
	// Note passes on a message, such as a rate-limit slow-down.
	Note(msg string)
	// Finish ends the display.
	Finish()
}

// Run audits every entry, Jobs at a time, sharing one GitHub transport
// and rate-limit budget (unless Request.Transport is already set), and
// returns the cohort report sorted by score. A target that fails gets an
// error in its row; the others go on. Close the report when done.
func Run(ctx context.Context, entries []Entry, opt Options) (*Report, error) {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = DefaultJobs
	}
	run := opt.Audit
	if run == nil {
		run = audit.Run
	}
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	rep := &Report{SchemaVersion: rules.SchemaVersion, Kind: Kind, spool: sp,
		Tool: rules.Tool{Name: "vetfolio", Version: opt.Request.Version}, Profile: opt.Request.Profile.Name}
	if opt.Shard != "" {
		rep.Shards = []string{opt.Shard}
	}

	var mu sync.Mutex // guards rep, the spool and the progress display
	prog := opt.Progress
	note := func(msg string) {
		if prog == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		prog.Note(msg)
	}
	base := opt.Request
	if base.Transport == nil && !base.Offline {
		// One budget for the whole cohort: the audits see the same
		// X-RateLimit-Remaining and slow down together.
		base.Transport = &github.Budget{Reserve: jobs, Notify: note}
	}
	// A cohort waits for an exhausted limit rather than failing the rest
	// of the list; its own display replaces the per-audit countdown.
	base.Wait = true
	base.Progress = nil
	if prog != nil {
		prog.Start(len(entries))
	}

	work := make(chan Entry)
	var wg sync.WaitGroup
	for range min(jobs, max(len(entries), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range work {
				if prog != nil {
					mu.Lock()
					prog.Begin(e)
					mu.Unlock()
				}
				row, raw := auditOne(ctx, e, base, run, opt)
				mu.Lock()
				if raw != nil {
					ref, err := sp.add(raw)
					if err != nil {
						row = failedRow(e, err, opt)
					}
					row.ref = ref
				}
				rep.Rows = append(rep.Rows, row)
				if prog != nil {
					prog.End(e, row)
				}
				mu.Unlock()
			}
		}()
	}
	for _, e := range entries {
		select {
		case work <- e:
			continue
		case <-ctx.Done():
		}
		break
	}
	close(work)
	wg.Wait()
	if prog != nil {
		prog.Finish()
	}
	if err := ctx.Err(); err != nil {
		rep.Close()
		return nil, fmt.Errorf("cohort: %w", err)
	}
	rep.finish()
	return rep, nil
}

// auditOne audits one entry and returns its row and full JSON report.
func auditOne(ctx context.Context, e Entry, base audit.Request, run func(context.Context, audit.Request) (*rules.Scorecard, error), opt Options) (Row, []byte) {
	req := base
	req.Target, req.URL, req.Label = e.Target, e.URL, e.Label
	sc, err := safeRun(ctx, req, run)
	if err != nil {
		return failedRow(e, err, opt), nil
	}
	if opt.OnReport != nil {
		if err := opt.OnReport(e, sc); err != nil {
			return failedRow(e, err, opt), nil
		}
	}
	raw, err := json.Marshal(sc)
	if err != nil {
		return failedRow(e, fmt.Errorf("encode report: %w", err), opt), nil
	}
	return rowFor(e, sc), raw
}

// safeRun keeps one target's unexpected panic from ending the cohort.
func safeRun(ctx context.Context, req audit.Request, run func(context.Context, audit.Request) (*rules.Scorecard, error)) (sc *rules.Scorecard, err error) {
	defer func() {
		if p := recover(); p != nil {
			sc, err = nil, fmt.Errorf("internal error auditing %s: %v", req.Target, p)
		}
	}()
	return run(ctx, req)
}

func failedRow(e Entry, err error, opt Options) Row {
	code := 1
	if opt.ExitCode != nil {
		code = opt.ExitCode(err)
	}
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return Row{Target: redact(e.Target), Label: e.Label, URL: redact(e.URL), Score: -1, Error: redact(msg), ExitCode: code}
}
