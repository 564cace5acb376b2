package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/collect"
	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/internal/detect/stack"
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules"
)

// initOptions are the init command's flags.
type initOptions struct {
	Streams Streams
	Dir     string
	Force   bool
}

func newInitCmd(st Streams) *cobra.Command {
	o := &initOptions{Streams: st}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter .vetfolio.yaml for the detected stack",
		Long: `Write a commented starter .vetfolio.yaml into DIR (default: the current folder),
with examples for the stack vetfolio detects there. An existing file is never
overwritten unless --force is given.`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = "."
			if len(args) == 1 {
				o.Dir = args[0]
			}
			return runInit(cmd.Context(), o)
		},
	}
	cmd.Flags().BoolVar(&o.Force, "force", false, "overwrite an existing .vetfolio.yaml")
	return cmd
}

func runInit(ctx context.Context, o *initOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	dest := filepath.Join(o.Dir, config.FileName)
	if _, err := os.Lstat(dest); err == nil && !o.Force {
		return usageErrorf("%s already exists; give --force to overwrite it", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("init: %w", err)
	}
	st, err := detectStack(ctx, o.Dir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dest, []byte(starterConfig(st)), 0o644); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	what := "no stack recognised"
	if desc := stackDesc(st); desc != "" {
		what = "for " + desc
	}
	_, err = fmt.Fprintf(o.Streams.Out, "wrote %s (%s); 'vetfolio audit' reads it\n", dest, what)
	return err
}

// detectStack runs the stack detector alone over the folder.
func detectStack(ctx context.Context, dir string) (rules.Stack, error) {
	snap, err := source.Local(ctx, dir)
	if err != nil {
		return rules.Stack{}, err
	}
	defer snap.Close()
	f, _, err := collect.Collect(ctx, snap, collect.Options{Detectors: []scan.Detector{stack.New()}})
	if err != nil {
		return rules.Stack{}, err
	}
	return f.Stack, nil
}

func stackDesc(st rules.Stack) string {
	parts := []string{}
	for _, p := range []string{st.Language, st.Framework} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " / ")
}

// starterHints are the stack-specific parts of the starter file.
type starterHints struct {
	// ignore are example patterns to leave out.
	ignore []string
	// profile is a profile worth a look for this stack, with why.
	profile string
	// suppress is an example of a check that may not apply, with a reason.
	suppress, reason string
}

var hints = map[string]starterHints{
	"python": {ignore: []string{"notebooks/", "**/*.ipynb", "scripts/"}, profile: "enterprise (Python is what large companies hire for)",
		suppress: "scope.client", reason: "The API is consumed by a separate mobile app repository"},
	"java": {ignore: []string{"src/main/resources/static/", "frontend/"}, profile: "enterprise (Java and a layered structure weigh more)",
		suppress: "scope.client", reason: "The API is consumed by a separate frontend repository"},
	"kotlin": {ignore: []string{"src/main/resources/static/", "frontend/"}, profile: "enterprise (Kotlin on the JVM, a layered structure weighs more)",
		suppress: "scope.client", reason: "The API is consumed by a separate frontend repository"},
	"javascript": {ignore: []string{"frontend/", "client/", "public/"}, profile: "agency (shipped, documented and tested quickly)",
		suppress: "security.rate-limit", reason: "Rate limiting is done by the API gateway in front of the service"},
	"typescript": {ignore: []string{"frontend/", "client/", "**/*.generated.ts"}, profile: "agency (shipped, documented and tested quickly)",
		suppress: "security.rate-limit", reason: "Rate limiting is done by the API gateway in front of the service"},
	"go": {ignore: []string{"tools/", "examples/"}, profile: "platform (containers, CI/CD and infrastructure as code weigh more)",
		suppress: "api-docs.live", reason: "The service is internal; the OpenAPI document is in the repository"},
	"": {ignore: []string{"docs/", "examples/"}, profile: "agency, platform or enterprise, whichever job you apply for",
		suppress: "deployment.live", reason: "The free hosting tier sleeps; the README links a demo video"},
}

// starterConfig writes the starter file: every setting shown, only the
// profile set, so the file is valid as written.
func starterConfig(st rules.Stack) string {
	h, ok := hints[st.Language]
	if !ok {
		h = hints[""]
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# yaml-language-server: $schema=%s\n", config.SchemaID)
	w("#\n# vetfolio settings for this repository")
	if d := stackDesc(st); d != "" {
		w(" (detected stack: %s)", d)
	}
	w(".\n# Flags given to 'vetfolio audit' win over this file. 'vetfolio config schema'\n")
	w("# prints the schema; 'vetfolio rules' lists the criteria and check IDs.\n\n")

	w("# The deployed URL, when the README or the repository's homepage does not\n# name it (--url wins).\n")
	w("# url: https://your-api.onrender.com\n\n")

	w("# The job you are applying for weights the criteria: %s.\n", strings.Join(rules.ProfileNames(), ", "))
	w("# For this stack, consider %s.\n", h.profile)
	w("profile: %s\n\n", rules.DefaultProfile)

	w("# Paths or globs left out of the audit (not your code, or not the API).\n# ignore:\n")
	for _, p := range h.ignore {
		w("#   - %q\n", p)
	}
	w("\n# Checks that do not apply to this project. A reason is required; every\n")
	w("# report shows it as \"not applied: <reason>\".\n# checks:\n")
	w("#   %s:\n#     off: true\n#     reason: %q\n\n", h.suppress, h.reason)

	w("# Weight overrides per criterion (0 leaves a criterion out).\n# weights:\n#   tests: 15\n\n")
	w("# For CI: exit with code 4 when the score, or a criterion's score, is lower.\n")
	w("# fail_under: 70\n# minimums:\n#   security: 60\n#   auth: 50\n")
	return b.String()
}
