package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/cohort"
	"github.com/vetfolio/vetfolio/reports"
	"github.com/vetfolio/vetfolio/rules"
)

// cohortFlags are the audit flags for several targets at once.
type cohortFlags struct {
	From  string
	Jobs  int
	Shard string
}

func addCohortFlags(f *pflag.FlagSet, c *cohortFlags) {
	f.StringVar(&c.From, "from", "", "audit the targets listed in FILE (\"target [url] [label]\" a line, # comments, or CSV with a header); - reads standard input")
	f.IntVarP(&c.Jobs, "jobs", "j", cohort.DefaultJobs, "audit N targets at once (several targets)")
	f.StringVar(&c.Shard, "shard", "", "audit only share I of N of the targets (I/N, such as 2/4), for CI matrices; join the JSON reports with vetfolio merge")
}

// cohortMode reports whether the audit is of several targets.
func (o *auditOptions) cohortMode(args []string) bool {
	return len(args) > 1 || o.Cohort.From != "" || o.Cohort.Shard != ""
}

// SomeFailedError is a cohort in which some targets could not be audited;
// the report was still written.
type SomeFailedError struct{ Failed, Total int }

func (e *SomeFailedError) Error() string {
	return fmt.Sprintf("%d of %d target%s could not be audited (see the report)", e.Failed, e.Total, plural(e.Total))
}

// ExitCode is ExitSomeFailed.
func (e *SomeFailedError) ExitCode() int { return ExitSomeFailed }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// completeCohort checks the flags of a cohort audit.
func (o *auditOptions) completeCohort() error {
	formats, outputs, dir := o.Formats, o.Outputs, o.OutputDir
	// The shared checks (profile, colour, limits, clock) need a format a
	// single report knows.
	o.Formats, o.Outputs, o.OutputDir = []string{"json"}, nil, ""
	err := o.complete()
	o.Formats, o.Outputs, o.OutputDir = nil, outputs, dir
	if err != nil {
		return err
	}
	for _, f := range formats {
		for _, part := range strings.Split(f, ",") {
			if part = strings.TrimSpace(strings.ToLower(part)); part != "" {
				if cohort.Extensions[part] == "" {
					return usageErrorf("unknown cohort format %q (valid: %s)", part, strings.Join(cohort.Formats, ", "))
				}
				o.Formats = append(o.Formats, part)
			}
		}
	}
	if len(o.Formats) == 0 {
		return usageErrorf("--format needs a value: %s", strings.Join(cohort.Formats, ", "))
	}
	if err := checkOutputs(o.Formats, o.Outputs, o.OutputDir); err != nil {
		return err
	}
	switch {
	case o.URL != "":
		return usageErrorf("--url names one deployed URL; give each target's URL in the --from list instead")
	case o.GitHub.Ref != "":
		return usageErrorf("--ref applies to one target; write owner/repo/tree/REF as the target instead")
	case o.Cohort.Jobs < 1 || o.Cohort.Jobs > 64:
		return usageErrorf("--jobs must be between 1 and 64, not %d", o.Cohort.Jobs)
	}
	return nil
}

// entries gathers the targets from the arguments and --from, then keeps
// the shard's share.
func (o *auditOptions) entries(args []string) ([]cohort.Entry, string, error) {
	var list []cohort.Entry
	for _, a := range args {
		list = append(list, cohort.Entry{Target: a})
	}
	if o.Cohort.From != "" {
		var r io.Reader
		name := o.Cohort.From
		if name == "-" {
			r, name = o.Streams.In, "standard input"
		} else {
			f, err := os.Open(name)
			if err != nil {
				return nil, "", usageErrorf("--from: %v", err)
			}
			defer f.Close()
			r = f
		}
		more, err := cohort.ReadList(r, name, nil)
		if err != nil {
			return nil, "", &UsageError{Msg: err.Error()}
		}
		list = append(list, more...)
	}
	if len(list) == 0 {
		return nil, "", usageErrorf("no targets: give them as arguments or with --from")
	}
	seen := map[string]bool{}
	for _, e := range list {
		k := cohort.Key(e.Target)
		if seen[k] {
			return nil, "", usageErrorf("%s is given twice", e.Target)
		}
		seen[k] = true
	}
	shard := ""
	if o.Cohort.Shard != "" {
		s, err := cohort.ParseShard(o.Cohort.Shard)
		if err != nil {
			return nil, "", &UsageError{Msg: err.Error()}
		}
		list, shard = s.Select(list), s.String()
	}
	return list, shard, nil
}

func runCohort(ctx context.Context, o *auditOptions, args []string) error {
	entries, shard, err := o.entries(args)
	if err != nil {
		return err
	}
	profile, _ := rules.LookupProfile(o.Profile)
	var prog cohort.Progress = &cohort.Lines{W: o.Streams.ErrOut}
	if o.Streams.ErrTTY {
		prog = &cohort.Bar{W: o.Streams.ErrOut}
	}
	opt := cohort.Options{
		Jobs: o.Cohort.Jobs, Shard: shard, Progress: prog, ExitCode: exitCode,
		// A cohort compares projects, so each is scored on the same rubric
		// unless the mentor trusts their configurations.
		Request: audit.Request{Profile: profile, Offline: o.Offline, AllowPrivate: o.AllowPrivate, MaxRequests: o.MaxRequests, Strict: !o.TrustConfig,
			Now: o.Now, Version: Version(), Log: logger(o.Streams, o.Debug),
			NoCache: o.GitHub.NoCache, CommitCap: o.GitHub.CommitCap, Env: o.Streams.Env},
	}
	if o.OutputDir != "" {
		opt.OnReport = func(e cohort.Entry, sc *rules.Scorecard) error { return o.writeOwnReports(e, sc) }
	}
	rep, err := cohort.Run(ctx, entries, opt)
	if err != nil {
		return err
	}
	defer rep.Close()
	if o.OutputDir != "" && slices.Contains(o.Formats, "html") {
		// Each audited target's own page is written beside cohort.html.
		rep.MemberReport = func(r cohort.Row) string { return slug(cohort.Entry{Target: r.Target}) + "/vetfolio.html" }
	}
	if o.Streams.OutTTY {
		rep.Color, rep.Width = o.color(), o.Streams.width()
	}
	if err := writeCohort(o.Streams.Out, rep, o.Formats, o.Outputs, o.OutputDir); err != nil {
		return err
	}
	if rep.Failed > 0 {
		return &SomeFailedError{Failed: rep.Failed, Total: rep.Targets}
	}
	if o.FailUnder >= 0 {
		var below []string
		for _, r := range rep.Rows {
			if r.Score < o.FailUnder {
				below = append(below, fmt.Sprintf("%s (%d)", r.Name(), r.Score))
			}
		}
		if len(below) > 0 {
			return &ThresholdError{Min: o.FailUnder, Targets: below}
		}
	}
	return nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// slug names a target's folder under --output-dir.
func slug(e cohort.Entry) string {
	s := strings.Trim(unsafeName.ReplaceAllString(cohort.Key(e.Target), "_"), "_.")
	if s == "" {
		s = "target"
	}
	return s
}

// writeOwnReports writes one target's reports under --output-dir, in the
// cohort's formats that a single report has.
func (o *auditOptions) writeOwnReports(e cohort.Entry, sc *rules.Scorecard) error {
	dir := filepath.Join(o.OutputDir, slug(e))
	for _, format := range o.Formats {
		r, err := reports.Lookup(format, reports.Options{Verbose: o.Verbose})
		if err != nil {
			continue // csv has no single-report form
		}
		ext := extensions[format]
		if err := writeFile(filepath.Join(dir, "vetfolio."+ext), func(w io.Writer) error { return r.Render(w, sc) }); err != nil {
			return err
		}
	}
	return nil
}

// completeClock reads VETFOLIO_NOW, which fixes the clock of tests and
// golden reports.
func (o *auditOptions) completeClock() error {
	if v := o.Streams.getenv("VETFOLIO_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return usageErrorf("VETFOLIO_NOW must be an RFC 3339 time such as 2026-01-02T15:04:05Z, not %q", v)
		}
		o.Now = t
	}
	return nil
}

// writeCohort renders a cohort report in each format: to its --output, into
// --output-dir as cohort.<ext>, or to standard output.
func writeCohort(stdout io.Writer, rep *cohort.Report, formats, outputs []string, outputDir string) error {
	for i, format := range formats {
		dest := ""
		switch {
		case len(outputs) > 0:
			dest = outputs[i]
		case outputDir != "":
			dest = filepath.Join(outputDir, "cohort."+cohort.Extensions[format])
		}
		if dest == "" || dest == "-" {
			if err := rep.Render(stdout, format); err != nil {
				return err
			}
			continue
		}
		// A file gets plain lines whatever the terminal is.
		color, width := rep.Color, rep.Width
		rep.Color, rep.Width = false, 0
		err := writeFile(dest, func(w io.Writer) error { return rep.Render(w, format) })
		rep.Color, rep.Width = color, width
		if err != nil {
			return err
		}
	}
	return nil
}
