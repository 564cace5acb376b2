package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/vetfolio/vetfolio/rules"
)

// badge is a shields.io endpoint response
// (https://shields.io/badges/endpoint-badge).
type badge struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
}

// Badge writes a shields.io endpoint JSON for the overall score, so a
// README can show it: ![vetfolio](https://img.shields.io/endpoint?url=...).
func Badge(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write badge: no scorecard")
	}
	b := badge{SchemaVersion: 1, Label: "vetfolio", Message: fmt.Sprintf("%d/100 %s", sc.Score, sc.GradeMark()),
		Color: BadgeColor(sc.Score)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write badge: %w", err)
	}
	return nil
}

// BadgeColor maps a score to a shields.io colour, on the same steps as
// the letter grades.
func BadgeColor(score int) string {
	switch {
	case score >= 90:
		return "brightgreen"
	case score >= 80:
		return "green"
	case score >= 65:
		return "yellowgreen"
	case score >= 50:
		return "yellow"
	case score >= 35:
		return "orange"
	default:
		return "red"
	}
}
