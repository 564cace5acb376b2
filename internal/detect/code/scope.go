package code

import "github.com/vetfolio/vetfolio/rules"

type scopeState struct{ client string }

func newScopeState() scopeState                        { return scopeState{} }
func (c *scopeState) seePath(p string)                 {}
func (c *scopeState) scan(s *source)                   {}
func (c *scopeState) scanConfig(p string, data []byte) {}
func (c *scopeState) finishClient(f *rules.Facts)      {}
func (c *scopeState) finish(f *rules.Facts)            {}
