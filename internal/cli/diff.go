package cli

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/cohort"
	"github.com/vetfolio/vetfolio/rules"
)

// diffOptions are the diff command's flags.
type diffOptions struct {
	Streams  Streams
	Old, New string
	Format   string
}

func newDiffCmd(st Streams) *cobra.Command {
	o := &diffOptions{Streams: st}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Show what changed between two JSON reports (single or cohort)",
		Long: `Compare two JSON reports of the same project, or of the same cohort: score
deltas, criteria that moved, checks newly passing or failing, and new fixes.
Cohort reports are matched target by target.`,
		Example: `  vetfolio audit --format json -o week1.json
  vetfolio audit --format json -o week2.json
  vetfolio diff week1.json week2.json
  vetfolio diff week1.json week2.json --format markdown > review.md`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Old, o.New = args[0], args[1]
			switch o.Format {
			case "text", "json", "markdown":
			case "md":
				o.Format = "markdown"
			default:
				return usageErrorf("--format must be text, json or markdown, not %q", o.Format)
			}
			return runDiff(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text, json or markdown (for a review comment)")
	return cmd
}

func readReport(path string, st Streams) (*rules.Scorecard, *cohort.Report, error) {
	var r io.Reader
	if path == "-" {
		r = st.In
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, usageErrorf("%v", err)
		}
		defer f.Close()
		r = f
	}
	sc, rep, err := cohort.ReadDocument(r, path)
	if err != nil {
		return nil, nil, &UsageError{Msg: err.Error()}
	}
	return sc, rep, nil
}

func runDiff(_ context.Context, o *diffOptions) error {
	oldSC, oldRep, err := readReport(o.Old, o.Streams)
	if err != nil {
		return err
	}
	if oldRep != nil {
		defer oldRep.Close()
	}
	newSC, newRep, err := readReport(o.New, o.Streams)
	if err != nil {
		return err
	}
	if newRep != nil {
		defer newRep.Close()
	}
	switch {
	case oldSC != nil && newSC != nil:
		d := cohort.DiffScorecards(oldSC, newSC)
		switch o.Format {
		case "json":
			return cohort.JSON(o.Streams.Out, d)
		case "markdown":
			return d.WriteMarkdown(o.Streams.Out, 1)
		}
		d.WriteText(o.Streams.Out, "")
		return nil
	case oldRep != nil && newRep != nil:
		d, err := cohort.DiffCohorts(oldRep, newRep)
		if err != nil {
			return err
		}
		switch o.Format {
		case "json":
			return cohort.JSON(o.Streams.Out, d)
		case "markdown":
			return d.WriteMarkdown(o.Streams.Out)
		}
		return d.WriteText(o.Streams.Out)
	}
	return usageErrorf("%s and %s are not both single reports nor both cohort reports", o.Old, o.New)
}
