package code

import "github.com/vetfolio/vetfolio/rules"

type errorState struct{}

func newErrorState() errorState             { return errorState{} }
func (e *errorState) scan(s *source)        {}
func (e *errorState) finish(f *rules.Facts) {}
