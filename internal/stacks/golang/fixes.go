package golang

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the Go group's fix texts by check ID.
var fixes = pack.Fixes{}
