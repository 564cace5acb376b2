// Package auth detects ... (stub: to be written).
package auth

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules"
)

type detector struct{}

// New returns a detector.
func New() scan.Detector { return &detector{} }

func (d *detector) Wants(path string) bool    { return false }
func (d *detector) Scan(f scan.File)          {}
func (d *detector) Finish(facts *rules.Facts) {}
