package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/internal/erd"
	"github.com/vetfolio/vetfolio/internal/reportschema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// schemaNames are the JSON Schemas `vetfolio schema` prints.
var schemaNames = append(append([]string{}, reportschema.Names...), "config")

// diagramFormats are the ways `vetfolio schema TARGET` draws a database schema.
var diagramFormats = []string{"mermaid", "dot", "json", "svg"}

// NoSchemaError is a target in which no database schema could be read.
type NoSchemaError struct{ Target string }

func (e *NoSchemaError) Error() string {
	return fmt.Sprintf("no database schema found in %s: no migrations or models vetfolio reads (SQL, alembic, Django, Rails, Laravel, EF Core, Prisma, TypeORM, Sequelize, knex, JPA, GORM, Mongoose); 'vetfolio audit' says what it found", e.Target)
}

func newSchemaCmd(st Streams) *cobra.Command {
	var format string
	var gh githubFlags
	cmd := &cobra.Command{
		Use:   "schema [report|cohort|config | TARGET]",
		Short: "Draw a project's database schema, or print the JSON Schema of vetfolio's own files",
		Long: `With a folder, owner/repo or GitHub URL (default: the current folder), read the
tables its migrations leave when applied in order (or, without migrations, its
models) and print them: Mermaid erDiagram source (the default; GitHub draws it
in Markdown), Graphviz DOT, JSON, or a self-contained SVG.

With "report", "cohort" or "config" and no --format, print a JSON Schema
instead: of 'vetfolio audit --format json', of the JSON of a multi-target audit
or 'vetfolio merge', or of .vetfolio.yaml. To draw a folder with one of those
names, write ./config.`,
		Example: `  vetfolio schema                      # Mermaid source for the current project
  vetfolio schema ./my-api --format svg > schema.svg
  vetfolio schema ./my-api --format dot | dot -Tpng > schema.png
  vetfolio schema report > report.schema.json`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && !cmd.Flags().Changed("format") && slices.Contains(schemaNames, strings.ToLower(args[0])) {
				return printJSONSchema(st, strings.ToLower(args[0]))
			}
			if !slices.Contains(diagramFormats, format) {
				return usageErrorf("unknown --format %q (valid: %s)", format, strings.Join(diagramFormats, ", "))
			}
			target := "."
			if len(args) == 1 {
				target = args[0]
				// A bare word that names no folder was meant as a JSON
				// Schema's name, not as a target.
				if !cmd.Flags().Changed("format") && !strings.ContainsAny(target, "/.\\") {
					if _, err := os.Stat(target); err != nil {
						return usageErrorf("unknown schema %q (valid: %s); to draw a project's database schema, give its folder (./%s) or owner/repo", target, strings.Join(schemaNames, ", "), target)
					}
				}
			}
			return drawSchema(cmd.Context(), st, target, format, gh)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "mermaid", "how to print the schema: "+strings.Join(diagramFormats, ", "))
	addGitHubFlags(cmd.Flags(), &gh)
	return cmd
}

func printJSONSchema(st Streams, name string) error {
	if name == "config" {
		_, err := st.Out.Write(config.Schema())
		return err
	}
	doc, ok := reportschema.Get(name)
	if !ok {
		return usageErrorf("unknown schema %q (valid: %s)", name, strings.Join(schemaNames, ", "))
	}
	_, err := st.Out.Write(doc)
	return err
}

func drawSchema(ctx context.Context, st Streams, target, format string, gh githubFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	f, err := audit.Facts(ctx, audit.Request{Target: target, Ref: gh.Ref, NoCache: gh.NoCache, Wait: gh.Wait,
		CommitCap: gh.CommitCap, Version: Version(), Progress: st.ErrOut})
	if err != nil {
		return err
	}
	s := f.Schema
	if len(s.Tables) == 0 {
		return &NoSchemaError{Target: target}
	}
	switch format {
	case "dot":
		return erd.DOT(st.Out, s)
	case "svg":
		return erd.SVG(st.Out, s, "erd")
	case "json":
		enc := json.NewEncoder(st.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Schema facts.Schema `json:"schema"`
		}{s})
	}
	return erd.Mermaid(st.Out, s)
}
