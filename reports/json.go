package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/vetfolio/vetfolio/rules"
)

// JSON writes the scorecard as the report contract of DESIGN.md
// (schema_version 1), indented, with a trailing newline.
func JSON(w io.Writer, sc *rules.Scorecard) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sc); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
