package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
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
	// Headers and HeaderEnvs are --header and --header-env; AuthHeaders
	// is what they give, checked by complete.
	Headers     []string
	HeaderEnvs  []string
	AuthHeaders http.Header
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
	f.StringArrayVar(&o.Headers, "header", nil, "send 'Name: value' on the live probe's calls of secured GET operations ($VAR in the value is read from the environment; repeatable)")
	f.StringArrayVar(&o.HeaderEnvs, "header-env", nil, "like --header, the whole 'Name: value' read from the environment variable NAME (repeatable)")
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
	if err := o.completeHeaders(); err != nil {
		return err
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

// completeHeaders reads --header and --header-env into AuthHeaders. Its
// errors name the flag and the header, never the value.
func (o *auditOptions) completeHeaders() error {
	lines := make([]string, 0, len(o.Headers)+len(o.HeaderEnvs))
	from := make([]string, 0, cap(lines))
	for _, h := range o.Headers {
		var missing string
		v := os.Expand(h, func(name string) string {
			v := o.Streams.getenv(name)
			if v == "" && missing == "" {
				missing = name
			}
			return v
		})
		if missing != "" {
			return usageErrorf("--header: the environment variable %s it names is not set", missing)
		}
		lines, from = append(lines, v), append(from, "--header")
	}
	for _, name := range o.HeaderEnvs {
		v := o.Streams.getenv(name)
		if v == "" {
			return usageErrorf("--header-env %s: the environment variable is not set (it should hold 'Name: value')", name)
		}
		lines, from = append(lines, v), append(from, "--header-env "+name)
	}
	if len(lines) == 0 {
		return nil
	}
	if o.Offline {
		return usageErrorf("--header is for the live probe, which --offline turns off")
	}
	o.AuthHeaders = http.Header{}
	for i, line := range lines {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !validHeaderName(name) || value == "" || strings.ContainsAny(value, "\r\n") {
			return usageErrorf("%s must be 'Name: value', for example 'Authorization: Bearer $TOKEN'", from[i])
		}
		switch strings.ToLower(name) {
		case "host", "content-length", "transfer-encoding", "connection", "origin":
			return usageErrorf("%s: the probe sets %s itself", from[i], name)
		}
		o.AuthHeaders.Add(name, value)
	}
	return nil
}

// validHeaderName reports an HTTP header name (an RFC 9110 token).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 126 || r <= 32 || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r) {
			return false
		}
	}
	return true
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
		AllowPrivate: o.AllowPrivate, MaxRequests: o.MaxRequests, AuthHeaders: o.AuthHeaders,
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
// half-written report behind, then writes it atomically (writeAtomic).
func writeFile(dest string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := writeAtomic(dest, buf.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// writeAtomic writes data to a temporary file in dest's folder and renames
// it into place: a full disk or a kill leaves the previous file whole,
// never a fragment. It refuses a dest that is a symlink (a pull request
// can commit vetfolio.sarif -> ../victim; name the link's target to write
// there) or anything but a regular file.
func writeAtomic(dest string, data []byte) error {
	if info, err := os.Lstat(dest); err == nil {
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symlink; vetfolio does not write through one: remove it or give the path it points to", dest)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s exists and is not a regular file", dest)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), dest)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
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
	seen := map[string]string{}
	for _, o := range outputs {
		if o == "" || o == "-" {
			continue
		}
		key := filepath.Clean(o)
		if abs, err := filepath.Abs(o); err == nil {
			key = abs
		}
		if first, ok := seen[key]; ok {
			return usageErrorf("--output %s and --output %s name the same file; one report would overwrite the other", first, o)
		}
		seen[key] = o
	}
	return nil
}
