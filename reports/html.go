package reports

import (
	"io"

	"github.com/vetfolio/vetfolio/rules"
)

// HTML renders the scorecard as one self-contained page.
type HTML struct{}

// Render writes the page.
func (HTML) Render(w io.Writer, sc *rules.Scorecard) error { return nil }
