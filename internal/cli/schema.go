package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/internal/reportschema"
)

// schemaNames are the documents `vetfolio schema` prints.
var schemaNames = append(append([]string{}, reportschema.Names...), "config")

func newSchemaCmd(st Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema report|cohort|config",
		Short: "Print the JSON Schema of the JSON report, the cohort report or .vetfolio.yaml",
		Long: `Print a JSON Schema: "report" for 'vetfolio audit --format json', "cohort" for the
JSON of a multi-target audit or 'vetfolio merge', "config" for .vetfolio.yaml.
The same files are published under schema/ in the repository; DESIGN.md
describes the report contract.`,
		Example:   "  vetfolio schema report > report.schema.json",
		ValidArgs: schemaNames,
		Args:      wrapArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			name := strings.ToLower(args[0])
			if name == "config" {
				_, err := st.Out.Write(config.Schema())
				return err
			}
			doc, ok := reportschema.Get(name)
			if !ok {
				return usageErrorf("unknown schema %q (valid: %s)", args[0], strings.Join(schemaNames, ", "))
			}
			_, err := st.Out.Write(doc)
			return err
		},
	}
}
