package cli

import (
	"context"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/cohort"
	"github.com/vetfolio/vetfolio/rules"
)

// profileOptions are the profile command's flags.
type profileOptions struct {
	Streams Streams
	User    string
	Top     int
	Jobs    int
	Format  string
	Output  string
	Profile string
	NoCache bool
	// TrustConfig applies the repositories' own configurations.
	TrustConfig bool
	Debug       bool
}

var loginRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

func newProfileCmd(st Streams) *cobra.Command {
	o := &profileOptions{Streams: st}
	cmd := &cobra.Command{
		Use:   "profile USER",
		Short: "Audit a GitHub profile the way a recruiter skims it",
		Long: `List USER's public repositories, rank them by how much they look like backend
portfolio work (forks count only with commits of their own; archived ones are
flagged), audit the best few fully, read the profile's commit activity over
the last year, and answer the guide's question: is there at least one
complete, deployed API with authentication and a relational database?`,
		Example: `  vetfolio profile octocat
  vetfolio profile octocat --top 5 --format json -o profile.json`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.User = strings.TrimPrefix(strings.TrimPrefix(args[0], "https://github.com/"), "@")
			o.User = strings.TrimSuffix(o.User, "/")
			switch {
			case !loginRE.MatchString(o.User):
				return usageErrorf("%q is not a GitHub user name", args[0])
			case o.Format != "text" && o.Format != "json":
				return usageErrorf("--format must be text or json, not %q", o.Format)
			case o.Top < 1 || o.Top > 20:
				return usageErrorf("--top must be between 1 and 20, not %d", o.Top)
			case o.Jobs < 1 || o.Jobs > 64:
				return usageErrorf("--jobs must be between 1 and 64, not %d", o.Jobs)
			}
			if _, err := rules.LookupProfile(o.Profile); err != nil {
				return &UsageError{Msg: err.Error()}
			}
			return runProfile(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Top, "top", 3, "audit the N most backend-like repositories fully")
	f.IntVarP(&o.Jobs, "jobs", "j", cohort.DefaultJobs, "audit N repositories at once")
	f.StringVarP(&o.Format, "format", "f", "text", "output format: text or json")
	f.StringVarP(&o.Output, "output", "o", "", "write the report to FILE instead of standard output")
	f.StringVar(&o.Profile, "profile", rules.DefaultProfile, "job profile that weights the criteria: "+strings.Join(rules.ProfileNames(), ", "))
	f.BoolVar(&o.TrustConfig, "trust-config", false, "apply each repository's own .vetfolio.yaml (checks off, weights, profile); by default they are ignored")
	f.BoolVar(&o.NoCache, "no-cache", false, "neither read nor write the cache of GitHub answers and tarballs")
	f.BoolVar(&o.Debug, "debug", false, "log what vetfolio does to standard error")
	return cmd
}

func runProfile(ctx context.Context, o *profileOptions) error {
	profile, _ := rules.LookupProfile(o.Profile)
	var prog cohort.Progress = &cohort.Lines{W: o.Streams.ErrOut}
	if o.Streams.ErrTTY {
		prog = &cohort.Bar{W: o.Streams.ErrOut}
	}
	clock := &auditOptions{Streams: o.Streams}
	if err := clock.completeClock(); err != nil {
		return err
	}
	p, err := cohort.RunProfile(ctx, cohort.ProfileOptions{User: o.User, Top: o.Top, Cohort: cohort.Options{
		Jobs: o.Jobs, Progress: prog, ExitCode: exitCode,
		Request: audit.Request{Profile: profile, Now: clock.Now, Strict: !o.TrustConfig, Version: Version(), Log: logger(o.Streams, o.Debug),
			NoCache: o.NoCache, Env: o.Streams.Env, MaxRequests: 40},
	}})
	if err != nil {
		return err
	}
	defer p.Close()
	render := func(w io.Writer) error {
		if o.Format == "json" {
			return p.JSON(w)
		}
		return p.WriteText(w)
	}
	if o.Output == "" || o.Output == "-" {
		return render(o.Streams.Out)
	}
	return writeFile(o.Output, render)
}
