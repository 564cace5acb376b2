package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/reports"
	"github.com/vetfolio/vetfolio/rules"
)

// auditOptions are the audit command's flags and dependencies.
type auditOptions struct {
	Streams Streams

	Targets   []string
	Formats   []string
	Outputs   []string
	OutputDir string
	URL       string
	Profile   string
	Offline   bool
	FailUnder int
	// ConfigPath is --config; ProfileSet and FailUnderSet say whether
	// those flags were given, since flags win over the configuration file.
	ConfigPath   string
	ProfileSet   bool
	FailUnderSet bool
	// AllowPrivate and MaxRequests bound the live probe (--allow-private,
	// --max-requests).
	AllowPrivate bool
	MaxRequests  int
	// Strict leaves out the audited repository's own rubric changes;
	// TrustConfig keeps them in a cohort, which is strict by default.
	Strict      bool
	TrustConfig bool
	Verbose     bool
	Color       string
	Debug       bool
	GitHub      githubFlags
	// Cohort holds --from, --jobs and --shard (several targets).
	Cohort cohortFlags
	// Now fixes the audit's clock (VETFOLIO_NOW, RFC 3339), so golden
	// reports do not change from day to day.
	Now time.Time
}

func newAuditCmd(st Streams, runF func(context.Context, *auditOptions) error) *cobra.Command {
	o := &auditOptions{Streams: st}
	cmd := &cobra.Command{
		Use:   "audit [TARGET...]",
		Short: "Audit a project and print its scorecard",
		Long: `Audit a project: a folder (default: the current one), owner/repo on GitHub, or a
GitHub URL. A folder inside a git checkout is audited on its own, with the
history of the commits that touch it.`,
		Example: `  vetfolio audit
  vetfolio audit ./my-api --url https://my-api.onrender.com
  vetfolio audit --format json --output report.json
  vetfolio audit --fail-under 70          # in CI: exit 4 when the score is lower`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Targets = args
			o.ProfileSet, o.FailUnderSet = cmd.Flags().Changed("profile"), cmd.Flags().Changed("fail-under")
			if o.Strict && o.TrustConfig {
				return usageErrorf("--strict and --trust-config contradict each other; give one")
			}
			if o.cohortMode(args) {
				if err := o.completeCohort(); err != nil {
					return err
				}
				return runCohort(cmd.Context(), o, args)
			}
			if len(o.Targets) == 0 {
				o.Targets = []string{"."}
			}
			if err := o.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), o)
			}
			return runAudit(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVarP(&o.Formats, "format", "f", []string{"text"}, "report format: "+strings.Join(reports.Formats(), ", ")+" (repeat or comma-separate for several)")
	f.StringArrayVarP(&o.Outputs, "output", "o", nil, "write the report to FILE instead of standard output (one per --format, in order)")
	f.StringVar(&o.OutputDir, "output-dir", "", "write every --format into DIR as vetfolio.<ext>")
	f.StringVar(&o.URL, "url", "", "the deployed URL of the project (wins over any found in the repository)")
	f.StringVar(&o.Profile, "profile", rules.DefaultProfile, "job profile that weights the criteria: "+strings.Join(rules.ProfileNames(), ", "))
	f.BoolVar(&o.Offline, "offline", false, "make no network request at all (no GitHub API, no live probe)")
	f.IntVar(&o.FailUnder, "fail-under", -1, "exit with code 4 when the score is below N (0-100)")
	f.StringVar(&o.ConfigPath, "config", "", "read settings from FILE instead of .vetfolio.yaml at the target's root")
	f.BoolVar(&o.AllowPrivate, "allow-private", false, "let the live probe reach loopback and private addresses for a URL found in the repository")
	f.IntVar(&o.MaxRequests, "max-requests", 40, "most requests the live probe sends (1-40)")
	f.BoolVar(&o.Strict, "strict", false, "ignore the checks turned off, weights and profile in the audited repository's own .vetfolio.yaml (cohorts are strict by default)")
	f.BoolVar(&o.TrustConfig, "trust-config", false, "in a cohort, apply each repository's own .vetfolio.yaml (checks off, weights, profile)")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "show every check with its evidence, and every fix")
	f.StringVar(&o.Color, "color", "auto", "colour the text report: auto, always, never")
	f.BoolVar(&o.Debug, "debug", false, "log what vetfolio does to standard error")
	addGitHubFlags(f, &o.GitHub)
	addCohortFlags(f, &o.Cohort)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(reports.Formats(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("profile", cobra.FixedCompletions(rules.ProfileNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete checks the flags together and fills derived values.
func (o *auditOptions) complete() error {
	var formats []string
	for _, f := range o.Formats {
		for _, part := range strings.Split(f, ",") {
			if part = strings.TrimSpace(strings.ToLower(part)); part != "" {
				if _, err := reports.Lookup(part, reports.Options{}); err != nil {
					return &UsageError{Msg: err.Error()}
				}
				formats = append(formats, part)
			}
		}
	}
	if len(formats) == 0 {
		return usageErrorf("--format needs a value: %s", strings.Join(reports.Formats(), ", "))
	}
	o.Formats = formats
	if err := checkOutputs(o.Formats, o.Outputs, o.OutputDir); err != nil {
		return err
	}
	if o.MaxRequests < 1 || o.MaxRequests > 40 {
		return usageErrorf("--max-requests must be between 1 and 40, not %d", o.MaxRequests)
	}
	if o.FailUnder > 100 || o.FailUnder < -1 {
		return usageErrorf("--fail-under must be between 0 and 100, not %d", o.FailUnder)
	}
	if _, err := rules.LookupProfile(o.Profile); err != nil {
		return &UsageError{Msg: err.Error()}
	}
	switch o.Color {
	case "auto", "always", "never":
	default:
		return usageErrorf("--color must be auto, always or never, not %q", o.Color)
	}
	if o.URL != "" {
		if err := checkURL(o.URL); err != nil {
			return err
		}
	}
	return o.completeClock()
}

// checkURL accepts an http(s) URL; it never echoes credentials in it.
func checkURL(raw string) error {
	u, err := parseHTTPURL(raw)
	if err != nil {
		return usageErrorf("--url %s: %v", redactURL(raw), err)
	}
	_ = u
	return nil
}

func (o *auditOptions) color() bool {
	switch o.Color {
	case "always":
		return true
	case "never":
		return false
	}
	// no-color.org: a NO_COLOR that is set and not empty turns colour off.
	if o.Streams.getenv("NO_COLOR") != "" {
		return false
	}
	return o.Streams.OutTTY
}

func runAudit(ctx context.Context, o *auditOptions) error {
	req := audit.Request{
		Target: o.Targets[0], URL: o.URL, Offline: o.Offline, Strict: o.Strict,
		AllowPrivate: o.AllowPrivate, MaxRequests: o.MaxRequests,
		Now: o.Now, Version: Version(), Log: logger(o.Streams, o.Debug),
		Ref: o.GitHub.Ref, NoCache: o.GitHub.NoCache, Wait: o.GitHub.Wait, CommitCap: o.GitHub.CommitCap, Env: o.Streams.Env, Progress: o.Streams.ErrOut,
	}
	if err := o.configure(&req); err != nil {
		return err
	}
	sc, err := audit.Run(ctx, req)
	if err != nil {
		return configError(err)
	}
	if err := o.writeReports(sc); err != nil {
		return err
	}
	githubActions(o, sc)
	return o.thresholds(sc)
}

// extensions names the file each format is written to under --output-dir.
var extensions = map[string]string{"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "html": "html", "badge": "badge.json"}

func (o *auditOptions) writeReports(sc *rules.Scorecard) error {
	for i, format := range o.Formats {
		dest := ""
		switch {
		case len(o.Outputs) > 0:
			dest = o.Outputs[i]
		case o.OutputDir != "":
			ext := extensions[format]
			if ext == "" {
				ext = format
			}
			dest = filepath.Join(o.OutputDir, "vetfolio."+ext)
		}
		toTTY := dest == "" || dest == "-"
		opt := reports.Options{Color: toTTY && o.color(), Verbose: o.Verbose}
		if toTTY && o.Streams.OutTTY {
			opt.Width = o.Streams.width()
		}
		r, err := reports.Lookup(format, opt)
		if err != nil {
			return &UsageError{Msg: err.Error()}
		}
		if toTTY {
			if err := r.Render(o.Streams.Out, sc); err != nil {
				return err
			}
			continue
		}
		if err := writeFile(dest, func(w io.Writer) error { return r.Render(w, sc) }); err != nil {
			return err
		}
	}
	return nil
}

// writeFile renders into memory first so a failed render leaves no
// half-written report behind.
func writeFile(dest string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if dir := filepath.Dir(dest); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if err := os.WriteFile(dest, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// checkOutputs checks that the reports have somewhere to go: one --output
// per --format, or --output-dir, or a single format on standard output.
func checkOutputs(formats, outputs []string, outputDir string) error {
	switch {
	case len(outputs) > 0 && outputDir != "":
		return usageErrorf("give either --output or --output-dir, not both")
	case len(outputs) > 0 && len(outputs) != len(formats):
		return usageErrorf("%d --output for %d --format: give one output per format", len(outputs), len(formats))
	case len(formats) > 1 && len(outputs) == 0 && outputDir == "":
		return usageErrorf("several formats need --output for each or --output-dir")
	}
	return nil
}
