package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/rules"
)

func newConfigCmd(st Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Work with .vetfolio.yaml, the per-repository settings",
		Args:  wrapArgs(cobra.NoArgs),
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of .vetfolio.yaml",
		Long: `Print the JSON Schema of .vetfolio.yaml, for editors that complete and check
the file (the YAML language server reads a "# yaml-language-server: $schema=..."
comment; 'vetfolio init' writes one).`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := st.Out.Write(config.Schema())
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "check [FILE]",
		Short: "Check a configuration file (default .vetfolio.yaml) and exit 2 on a mistake",
		Args:  wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			name := config.FileName
			if len(args) == 1 {
				name = args[0]
			}
			if _, err := config.Load(name); err != nil {
				var ce *config.Error
				if !errors.As(err, &ce) || len(ce.More) == 0 {
					return configError(err)
				}
				// Every mistake on its own line, so one run fixes them all.
				for _, e := range ce.All() {
					fmt.Fprintln(st.ErrOut, e.Error())
				}
				return usageErrorf("%s has %d mistakes (listed above)", name, len(ce.All()))
			}
			_, err := fmt.Fprintf(st.Out, "%s: ok\n", name)
			return err
		},
	})
	return cmd
}

// configure applies --config and the flags' precedence to an audit
// request: a flag the user gave wins over the configuration file, which
// wins over the defaults.
func (o *auditOptions) configure(req *audit.Request) error {
	if o.ProfileSet {
		p, err := rules.LookupProfile(o.Profile)
		if err != nil {
			return &UsageError{Msg: err.Error()}
		}
		req.Profile = p
	}
	if o.FailUnderSet && o.FailUnder >= 0 {
		v := o.FailUnder
		req.FailUnder = &v
	}
	if o.ConfigPath != "" {
		cfg, err := config.Load(o.ConfigPath)
		if err != nil {
			return configError(err)
		}
		req.Config = cfg
	}
	return nil
}

// configError turns a mistake in a configuration file into a usage error
// (exit code 2); other errors pass through.
func configError(err error) error {
	var ce *config.Error
	if errors.As(err, &ce) {
		msg := ce.Error()
		if n := len(ce.More); n > 0 {
			msg += fmt.Sprintf(" (and %d more; 'vetfolio config check %s' lists them)", n, ce.File)
		}
		return &UsageError{Msg: msg}
	}
	return err
}

// thresholds judges the overall score against --fail-under (else the
// configuration's fail_under) and each criterion against the
// configuration's minimums.
func (o *auditOptions) thresholds(sc *rules.Scorecard) error {
	failUnder := -1
	if o.FailUnderSet {
		failUnder = o.FailUnder
	}
	var below []string
	if sc.Config != nil {
		if !o.FailUnderSet && sc.Config.FailUnder != nil {
			failUnder = *sc.Config.FailUnder
		}
		below = sc.BelowMinimums(sc.Config.Minimums)
	} else if !o.FailUnderSet {
		failUnder = o.FailUnder // set programmatically, without the flag
	}
	if len(below) > 0 || (failUnder >= 0 && sc.Score < failUnder) {
		return &ThresholdError{Score: sc.Score, Min: failUnder, Failed: below}
	}
	return nil
}
