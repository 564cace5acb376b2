package code

import "github.com/vetfolio/vetfolio/rules"

type logState struct{}

func newLogState() logState                          { return logState{} }
func (l *logState) scan(s *source)                   {}
func (l *logState) scanConfig(p string, data []byte) {}
func (l *logState) finish(f *rules.Facts)            {}
