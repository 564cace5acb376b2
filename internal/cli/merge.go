package cli

import (
	"context"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/cohort"
)

// mergeOptions are the merge command's flags.
type mergeOptions struct {
	Streams   Streams
	Files     []string
	Formats   []string
	Outputs   []string
	OutputDir string
}

func newMergeCmd(st Streams) *cobra.Command {
	o := &mergeOptions{Streams: st}
	cmd := &cobra.Command{
		Use:   "merge SHARD.json...",
		Short: "Join the JSON reports of cohort shards into one cohort report",
		Long: `Join the JSON cohort reports written by "vetfolio audit --shard I/N --format json"
(one per CI job) into the report the whole list would have given.`,
		Example: `  vetfolio merge shard-*.json --format markdown,json --output-dir cohort`,
		Args:    wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			if err := o.complete(); err != nil {
				return err
			}
			return runMerge(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVarP(&o.Formats, "format", "f", []string{"text"}, "report format: "+strings.Join(cohort.Formats, ", "))
	f.StringArrayVarP(&o.Outputs, "output", "o", nil, "write the report to FILE (one per --format, in order)")
	f.StringVar(&o.OutputDir, "output-dir", "", "write every --format into DIR as cohort.<ext>")
	return cmd
}

func (o *mergeOptions) complete() error {
	var formats []string
	for _, f := range o.Formats {
		for _, part := range strings.Split(f, ",") {
			if part = strings.TrimSpace(strings.ToLower(part)); part != "" {
				if cohort.Extensions[part] == "" {
					return usageErrorf("unknown cohort format %q (valid: %s)", part, strings.Join(cohort.Formats, ", "))
				}
				formats = append(formats, part)
			}
		}
	}
	o.Formats = formats
	switch {
	case len(formats) == 0:
		return usageErrorf("--format needs a value: %s", strings.Join(cohort.Formats, ", "))
	}
	return checkOutputs(formats, o.Outputs, o.OutputDir)
}

func runMerge(_ context.Context, o *mergeOptions) error {
	var parts []*cohort.Report
	defer func() {
		for _, p := range parts {
			p.Close()
		}
	}()
	for _, name := range o.Files {
		f, err := os.Open(name)
		if err != nil {
			return usageErrorf("%v", err)
		}
		rep, err := cohort.Load(f, name)
		f.Close()
		if err != nil {
			return &UsageError{Msg: err.Error()}
		}
		parts = append(parts, rep)
	}
	merged, err := cohort.Merge(parts, o.Files)
	if err != nil {
		return &UsageError{Msg: err.Error()}
	}
	defer merged.Close()
	if err := writeCohort(o.Streams.Out, merged, o.Formats, o.Outputs, o.OutputDir); err != nil {
		return err
	}
	if merged.Failed > 0 {
		return &SomeFailedError{Failed: merged.Failed, Total: merged.Targets}
	}
	return nil
}
