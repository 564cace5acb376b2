package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/rules"
)

func newRulesCmd(st Streams) *cobra.Command {
	var profile string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the criteria and checks with their weights",
		Args:  wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := rules.LookupProfile(profile)
			if err != nil {
				return &UsageError{Msg: err.Error()}
			}
			return listRules(st.Out, p)
		},
	}
	cmd.Flags().StringVar(&profile, "profile", rules.DefaultProfile, "show the weights of this profile: "+strings.Join(rules.ProfileNames(), ", "))
	cmd.AddCommand(&cobra.Command{
		Use:   "explain ID",
		Short: "Explain a criterion or check: what it looks for and how to fix it",
		Example: `  vetfolio rules explain auth
  vetfolio rules explain database.migrations`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			ids := rules.CheckIDs()
			for _, c := range rules.All() {
				ids = append(ids, c.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return explain(st.Out, args[0])
		},
	})
	return cmd
}

func listRules(w io.Writer, p rules.Profile) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "profile %s: %s\n\n", p.Name, p.Title)
	var total float64
	for _, c := range rules.All() {
		total += p.Weights[c.ID]
	}
	for _, c := range rules.All() {
		share := 0.0
		if total > 0 {
			share = p.Weights[c.ID] / total * 100
		}
		fmt.Fprintf(tw, "%s\t%s\tweight %g\t(%.0f%% of the score)\n", c.ID, c.Title, p.Weights[c.ID], share)
		var points float64
		for _, k := range c.Checks {
			if p.Applies(k.ID) {
				points += k.Points
			}
		}
		for _, k := range c.Checks {
			if !p.Applies(k.ID) {
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\t%.0f%% of %s\t\n", k.ID, k.Title, k.Points/points*100, c.ID)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\n'vetfolio rules explain ID' shows what a check looks for and how to fix it.")
	return err
}

func explain(w io.Writer, id string) error {
	c, k := rules.Lookup(id)
	if c == nil {
		return usageErrorf("no criterion or check %q%s", id, suggest(id))
	}
	if k == nil {
		fmt.Fprintf(w, "%s — %s\n\n%s\n\nChecks:\n", c.ID, c.Title, c.Doc)
		for _, k := range c.Checks {
			fmt.Fprintf(w, "  %s  %s\n", k.ID, k.Title)
		}
		return nil
	}
	fmt.Fprintf(w, "%s — %s\ncriterion: %s (%s)\n\n%s\n", k.ID, k.Title, c.ID, c.Title, k.Doc)
	if gate := rules.GateOf(k.ID); gate != "" {
		fmt.Fprintf(w, "\nMust-have (%s): while it fails, the grade is at most D (F when two must-haves fail), "+
			"and turning it off in .vetfolio.yaml does not lift that.\n", gate)
	}
	stacks := []struct {
		label string
		s     rules.Stack
	}{
		{"FastAPI", rules.Stack{Language: "python", Framework: "fastapi"}},
		{"Django", rules.Stack{Language: "python", Framework: "django"}},
		{"Flask", rules.Stack{Language: "python", Framework: "flask"}},
		{"Spring Boot", rules.Stack{Language: "java", Framework: "spring-boot"}},
		{"Express", rules.Stack{Language: "javascript", Framework: "express"}},
		{"NestJS", rules.Stack{Language: "typescript", Framework: "nestjs"}},
		{"Fastify", rules.Stack{Language: "javascript", Framework: "fastify"}},
		{"Go", rules.Stack{Language: "go", Framework: "net-http"}},
		{"Any other stack", rules.Stack{}},
	}
	fmt.Fprintln(w, "\nHow to fix it:")
	seen := map[string]bool{}
	for _, st := range stacks {
		steps := k.Fix(st.s)
		key := strings.Join(steps, "\n")
		if len(steps) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		fmt.Fprintf(w, "  %s:\n", st.label)
		for _, s := range steps {
			fmt.Fprintf(w, "    - %s\n", s)
		}
	}
	return nil
}

// suggest names the closest valid ID, for a mistyped one.
func suggest(id string) string {
	candidates := rules.CheckIDs()
	for _, c := range rules.All() {
		candidates = append(candidates, c.ID)
	}
	if s := config.Suggest(id, candidates); s != "" {
		return s
	}
	return " ('vetfolio rules' lists them)"
}
